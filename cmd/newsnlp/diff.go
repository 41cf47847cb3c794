package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
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

A changed row is shown with each column that changed, old → new, and each
table says how many rows changed in each column. The change rate is the
share of row keys, in either run, that were added, removed or changed: at
most 100%.

Use it to see exactly which quotes a rule change gained and lost.
--max-changed RATE makes the exit status 1 when any table's change rate
exceeds RATE. --json - prints the comparison as JSON: per table the counts,
the changed rows by column, and examples with doc_id, key, the old and new
values of the compared columns, and the columns that changed.`,
		Example: `  newsnlp annotate corpus.jsonl -o before
  # … change a rule, rebuild …
  newsnlp annotate corpus.jsonl -o after
  newsnlp diff before after --table quotes --examples 20
  newsnlp diff before after --max-changed 0.01   # fail CI on more than 1% change
  newsnlp diff before after --json - | jq '.tables[] | select(.table == "quotes") | .columns_changed'`,
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
	f.StringVar(&opts.jsonPath, "json", "", "also write the comparison as JSON to this file; - writes it to standard output instead of the text")
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
	if o.jsonPath == "-" {
		if err := writeDiffJSON(stdout, diffs); err != nil {
			return err
		}
	} else {
		writeDiffText(stdout, diffs)
	}
	if o.jsonPath != "" && o.jsonPath != "-" {
		f, err := os.Create(o.jsonPath)
		if err != nil {
			return fmt.Errorf("diff: --json: %w", err)
		}
		if err := writeDiffJSON(f, diffs); err != nil {
			f.Close()
			return fmt.Errorf("diff: --json: %w", err)
		}
		if err := f.Close(); err != nil {
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

// writeDiffText writes the per-table counts, the columns that changed, and
// the examples, a changed row with each of its changed columns.
func writeDiffText(w io.Writer, diffs []output.TableDiff) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "table\told\tnew\tadded\tremoved\tchanged\trate\t\n")
	for _, d := range diffs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.2f%%\t\n", d.Table, d.Old, d.New, d.Added, d.Removed, d.Changed, 100*d.Rate())
	}
	tw.Flush()
	for _, d := range diffs {
		if len(d.Examples) == 0 && len(d.Columns) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", d.Table)
		if cols := d.ChangedColumns(); len(cols) > 0 {
			parts := make([]string, len(cols))
			for i, c := range cols {
				parts[i] = fmt.Sprintf("%s %d", c, d.Columns[c])
			}
			fmt.Fprintf(w, "  changed rows by column: %s\n", strings.Join(parts, ", "))
		}
		for _, e := range d.Examples {
			switch e.Change {
			case "added":
				fmt.Fprintf(w, "  + %s\n", e.NewText)
			case "removed":
				fmt.Fprintf(w, "  - %s\n", e.OldText)
			default:
				fmt.Fprintf(w, "  ~ %s\n", e.NewText)
				for _, c := range e.Changes {
					fmt.Fprintf(w, "      %s: %s → %s\n", c.Column, showValue(c.Old), showValue(c.New))
				}
			}
		}
	}
}

// showValue quotes a column value, clipped, with null for an empty one.
func showValue(v string) string {
	if v == "" {
		return "null"
	}
	if r := []rune(v); len(r) > 80 {
		v = string(r[:80]) + "…"
	}
	return strconv.Quote(v)
}

func writeDiffJSON(w io.Writer, diffs []output.TableDiff) error {
	b, err := json.MarshalIndent(struct {
		Tables []output.TableDiff `json:"tables"`
	}{diffs}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
