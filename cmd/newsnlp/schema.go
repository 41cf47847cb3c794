package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/output"
)

type schemaOptions struct {
	format string // text, markdown, json
}

func newSchemaCmd(stdout io.Writer) *cobra.Command {
	opts := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema [TABLE...]",
		Short: "Print the output tables and their columns",
		Long: `Print every output table with each column's type, whether it may be null,
and what it means. Offsets are Unicode code points into documents.text,
0-based, end exclusive.`,
		Example: `  newsnlp schema
  newsnlp schema quotes
  newsnlp schema --format markdown > SCHEMA.md`,
		ValidArgs: output.Tables,
		RunE: func(_ *cobra.Command, args []string) error {
			return runSchema(stdout, opts, args)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text, markdown or json")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "markdown", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runSchema(stdout io.Writer, opts *schemaOptions, names []string) error {
	tables := output.Schema()
	if len(names) > 0 {
		var picked []output.TableSchema
		for _, n := range names {
			found := false
			for _, t := range tables {
				if t.Name == n {
					picked, found = append(picked, t), true
				}
			}
			if !found {
				return usagef("unknown table %q (tables: %v)", n, output.Tables)
			}
		}
		tables = picked
	}
	switch opts.format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"schema_version": output.SchemaVersion, "tables": tables})
	case "markdown":
		for _, t := range tables {
			fmt.Fprintf(stdout, "#### %s\n\n%s.\n\n| column | type | meaning |\n| --- | --- | --- |\n", t.Name, capitalize(t.Doc))
			for _, c := range t.Columns {
				typ := c.Type
				if c.Nullable {
					typ += ", null"
				}
				fmt.Fprintf(stdout, "| `%s` | %s | %s |\n", c.Name, typ, c.Doc)
			}
			fmt.Fprintln(stdout)
		}
		return nil
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "schema version %s\n", output.SchemaVersion)
		for _, t := range tables {
			fmt.Fprintf(tw, "\n%s: %s\n", t.Name, t.Doc)
			for _, c := range t.Columns {
				typ := c.Type
				if c.Nullable {
					typ += " (null)"
				}
				fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Name, typ, c.Doc)
			}
		}
		return tw.Flush()
	}
	return usagef("unknown --format %q (want text, markdown or json)", opts.format)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
