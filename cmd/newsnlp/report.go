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
	out       string
	maxDocs   int
	maxErrors int
	top       int
	all       bool
}

func newReportCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report OUT -o report.html",
		Short: "Write a self-contained HTML page: run summary, top speakers, claims and denials, articles",
		Long: `Write one self-contained HTML file about an annotate output: the run
summary from manifest.json; the top speakers with their claims and denials
as a bar chart; the top entities by label; denials and claims per source;
the first errors; and a sample of articles, each with its entities
highlighted and its attributions listed, with a box that filters them by
speaker name. Attributions are statements only (report_type speech, score
0.5 or more) unless --all is given.

The page needs no network: CSS and charts (SVG) are inline, and a few lines
of plain JavaScript run the filter. It is built from aggregates and the
sampled articles only, never by loading every row, so it stays small and
quick for large runs.`,
		Example: `  newsnlp report newsnlp-out                # writes newsnlp-out/report.html
  newsnlp report newsnlp-out -o report.html
  newsnlp report out -o report.html --max-docs 200 --top 25
  newsnlp report out -o all.html --all   # beliefs, perceptions and attitudes too`,
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
	d, err := report.Build(dir, report.Options{MaxDocs: o.maxDocs, MaxErrors: o.maxErrors, Top: o.top, All: o.all})
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
