package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/output"
)

// exportOptions are the flags of `newsnlp export`.
type exportOptions struct {
	out       string
	format    string
	tables    []string
	overwrite bool
}

func newExportCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "export OUT -o DIR [--format csv|jsonl]",
		Short: "Write an output's tables as CSV or JSON Lines, for tools without Parquet",
		Long: `Write the tables of a newsnlp output (OUT, as written by annotate) to DIR
as one CSV or JSON Lines file per table: DIR/documents.jsonl,
DIR/quotes.jsonl, … . Columns, their order and their values are the
Parquet tables' own, so offsets still index documents.text.

JSON Lines keeps every type: offsets and counts are integers, a null is
null, lists (zones, warnings, evidence) are arrays. CSV has no types: a
null is an empty field, and lists are JSON text in their field. pandas
reads JSONL offsets as integers (pd.read_json(path, lines=True,
dtype_backend="pyarrow") keeps nullable ones integer); with CSV, read the
offset columns as "Int64".

A sharded output's part files are read in order, as one table.`,
		Example: `  newsnlp export out -o out-jsonl
  newsnlp export out -o out-csv --format csv --tables documents,quotes
  python -c "import pandas as pd; print(pd.read_json('out-jsonl/quotes.jsonl', lines=True).head())"`,
		Args: needArgs(false, argOut),
		RunE: func(cmd *cobra.Command, args []string) error {
			warnIncomplete(stderr, args[0])
			return runExport(opts, args[0], stdout)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.out, "out", "o", "", "folder to write TABLE.csv or TABLE.jsonl files to (required)")
	f.StringVar(&opts.format, "format", output.ExportJSONL, "jsonl or csv")
	f.StringSliceVar(&opts.tables, "tables", nil, "tables to export, comma-separated (default: all)")
	f.BoolVar(&opts.overwrite, "overwrite", false, "replace export files already in the folder")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(output.ExportFormats, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("tables", cobra.FixedCompletions(output.Tables, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runExport(o *exportOptions, out string, stdout io.Writer) error {
	if o.out == "" {
		return usagef("export: -o DIR is required (the folder to write the files to); see newsnlp export --help")
	}
	if !slices.Contains(output.ExportFormats, o.format) {
		return usagef("export: --format %q: want jsonl or csv", o.format)
	}
	tables := o.tables
	if len(tables) == 0 {
		tables = output.Tables
	}
	for _, t := range tables {
		if !slices.Contains(output.Tables, t) {
			return usagef("export: --tables: unknown table %q (tables: %s)", t, strings.Join(output.Tables, ", "))
		}
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err != nil {
		if _, err2 := output.PartFiles(out, output.TableDocuments); err2 != nil {
			return usagef("export: %s is not a newsnlp output (no manifest.json or documents table)", out)
		}
	}
	if !o.overwrite {
		for _, t := range tables {
			p := filepath.Join(o.out, t+"."+o.format)
			if _, err := os.Stat(p); err == nil {
				return usagef("export: %s exists; pass --overwrite to replace it", p)
			}
		}
	}
	counts, err := output.Export(out, o.out, o.format, tables)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for _, t := range tables {
		fmt.Fprintf(stdout, "%-10s %9d rows  %s\n", t, counts[t], filepath.Join(o.out, t+"."+o.format))
	}
	return nil
}
