package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/output"
)

// diffOptions are the flags of `newsnlp diff`.
type diffOptions struct {
	tables     []string
	examples   int
	maxChanged float64
	jsonPath   string
}

func newDiffCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two runs, table by table",
		Long: `Compare two newsnlp outputs table by table: rows added, removed and
changed, keyed by doc_id and span (documents by doc_id, errors by source and
record), with the first examples of each and their text. Running numbers
(tok_idx, mention_idx, quote_idx) are not compared; a token's head is
compared as its distance from the token.

Use it to see exactly which quotes a rule change gained and lost.
--max-changed RATE makes the exit status 1 when any table's share of added,
removed or changed rows exceeds RATE.`,
		Example: `  newsnlp annotate corpus.jsonl -o before
  # … change a rule, rebuild …
  newsnlp annotate corpus.jsonl -o after
  newsnlp diff before after --table quotes --examples 20
  newsnlp diff before after --max-changed 0.01   # fail CI on more than 1% change`,
		Args: needArgs(false, "OLD (the earlier run's output folder)", "NEW (the later run's output folder)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			warnIncomplete(stderr, args[0])
			warnIncomplete(stderr, args[1])
			return runDiff(opts, args[0], args[1], stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.tables, "table", nil, "compare only this table (repeatable; default all)")
	f.IntVar(&opts.examples, "examples", 5, "examples to show per table and kind of change")
	f.Float64Var(&opts.maxChanged, "max-changed", -1, "exit 1 when a table's change rate exceeds this (0 to 1; default: never)")
	f.StringVar(&opts.jsonPath, "json", "", "also write the comparison as JSON to this file")
	cmd.RegisterFlagCompletionFunc("table", cobra.FixedCompletions(output.Tables, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runDiff(o *diffOptions, oldDir, newDir string, stdout, stderr io.Writer) error {
	if o.examples < 0 {
		return usagef("diff: --examples %d: want 0 or more", o.examples)
	}
	if o.maxChanged > 1 {
		return usagef("diff: --max-changed %g: want a rate from 0 to 1", o.maxChanged)
	}
	for _, dir := range []string{oldDir, newDir} {
		if _, err := os.Stat(dir); err != nil {
			return usagef("diff: %v", err)
		}
	}
	diffs, err := output.Diff(oldDir, newDir, o.tables, o.examples)
	if err != nil {
		return usagef("diff: %v", err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "table\told\tnew\tadded\tremoved\tchanged\trate\t\n")
	for _, d := range diffs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.2f%%\t\n", d.Table, d.Old, d.New, d.Added, d.Removed, d.Changed, 100*d.Rate())
	}
	tw.Flush()
	for _, d := range diffs {
		if len(d.Examples) == 0 {
			continue
		}
		fmt.Fprintf(stdout, "\n%s:\n", d.Table)
		for _, e := range d.Examples {
			switch e.Change {
			case "added":
				fmt.Fprintf(stdout, "  + %s\n", e.New)
			case "removed":
				fmt.Fprintf(stdout, "  - %s\n", e.Old)
			default:
				fmt.Fprintf(stdout, "  ~ %s\n    → %s\n", e.Old, e.New)
			}
		}
	}
	if o.jsonPath != "" {
		b, err := json.MarshalIndent(diffs, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(o.jsonPath, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("diff: --json: %w", err)
		}
	}
	if o.maxChanged >= 0 {
		failed := false
		for _, d := range diffs {
			if d.Rate() > o.maxChanged {
				fmt.Fprintf(stderr, "newsnlp: diff: %s changed %.2f%% of its rows, over --max-changed %.2f%%\n", d.Table, 100*d.Rate(), 100*o.maxChanged)
				failed = true
			}
		}
		if failed {
			return errSomeFailed
		}
	}
	return nil
}
