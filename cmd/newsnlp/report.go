package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/output"
	"github.com/newsnlp/newsnlp/report"
)

type reportOptions struct {
	out        string
	maxDocs    int
	maxErrors  int
	top        int
	all        bool
	by         string
	statements int
}

func newReportCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report OUT [-o report.html]",
		Short: "Write a self-contained HTML page: run summary, top speakers, claims and denials, articles",
		Long: `Write one self-contained HTML file about an annotate output (default
OUT/report.html):

  - the run summary from manifest.json;
  - the top speakers' claims and denials, and a page for each: a stable
    sample of their statements, denials first, each with its sentence and a
    link to the article; the names their statements mention; their
    statements over publication dates;
  - the top entities by label;
  - over time, when articles have dates: claims and denials per day, week
    or month, and the most mentioned names;
  - with --by FIELD, articles, claims and denials by an input field kept in
    documents.meta (topic, section, outlet);
  - denials and claims per source, the first errors, and a stable sample of
    articles with entities highlighted, attributions listed, and a box that
    filters them by speaker.

Attributions are statements only (report_type speech, score 0.5 or more)
unless --all is given. The page needs no network: CSS, script and Chart.js
are inline. It is built from aggregates and samples, never by loading
every row: the file's size is bounded by --top, --statements, --max-docs
and --max-errors, whatever the size of the run, and the page says what it
sampled.`,
		Example: `  newsnlp report newsnlp-out                # writes newsnlp-out/report.html
  newsnlp report newsnlp-out -o report.html
  newsnlp report out -o report.html --max-docs 200 --top 25
  newsnlp report out -o all.html --all   # beliefs, perceptions and attitudes too
  newsnlp report out --by topic          # counts by the input's topic field`,
		Args: needArgs(false, argOut),
		RunE: func(cmd *cobra.Command, args []string) error {
			warnIncomplete(stderr, args[0])
			return runReport(stdout, args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "the HTML file to write (default: OUT/report.html)")
	f.IntVar(&o.maxDocs, "max-docs", 50, "articles shown in full: a stable sample when the run has more")
	f.IntVar(&o.maxErrors, "max-errors", 50, "errors rows listed")
	f.IntVar(&o.top, "top", 15, "speakers and entities per chart")
	f.StringVar(&o.by, "by", "", "also count articles and statements by this input field, kept in documents.meta (a list counts under each value), e.g. --by topic")
	f.IntVar(&o.statements, "statements", report.DefaultStatements, "statements listed on each speaker's page: a stable sample, denials first")
	f.BoolVar(&o.all, "all", false, "show every attribution: by default only statements (report_type speech, score 0.5 or more)")
	return cmd
}

func runReport(stdout io.Writer, dir string, o *reportOptions) error {
	if o.out == "" {
		o.out = filepath.Join(dir, "report.html")
	}
	if o.maxDocs < 0 || o.maxErrors < 0 || o.top < 1 {
		return usageError{fmt.Errorf("report: --max-docs and --max-errors must be 0 or more, --top 1 or more")}
	}
	if _, err := os.Stat(filepath.Join(dir, output.TableDocuments)); err != nil {
		return usageError{fmt.Errorf("report: %s is not an annotate output (%v)", dir, err)}
	}
	start := time.Now()
	d, err := report.Build(dir, report.Options{MaxDocs: o.maxDocs, MaxErrors: o.maxErrors, Top: o.top, All: o.all, By: o.by, Statements: o.statements})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := writeFileAtomic(o.out, func(w io.Writer) error { return report.Write(w, d) }); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	info, _ := os.Stat(o.out)
	fmt.Fprintf(stdout, "newsnlp: wrote %s (%d KB; %d articles shown of %d) in %.2fs\n", o.out, (info.Size()+1023)/1024, len(d.Docs), d.NDocs, time.Since(start).Seconds())
	return nil
}

// writeFileAtomic writes path through a temporary file renamed on success,
// so a failed write never leaves a half file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// warnIncomplete warns, on stderr, when dir holds no finished run.
func warnIncomplete(stderr io.Writer, dir string) {
	if why := output.Incomplete(dir); why != "" {
		fmt.Fprintf(stderr, "newsnlp: warning: %s\n", why)
	}
}
