package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/pipeline"
)

// Exit statuses, documented in the README and in `newsnlp --help`.
const (
	exitOK          = 0   // every record annotated
	exitSomeFailed  = 1   // the run finished, but some records are in the errors table (or a floor was missed)
	exitFatal       = 2   // usage error or fatal error: bad flags, unreadable output, broken write
	exitInterrupted = 130 // stopped by Ctrl-C or SIGTERM; the output holds whole articles and says so
)

// usageError marks an error in how newsnlp was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errSomeFailed is returned by a command that finished its work but wants
// exit status 1; the command has already said why.
var errSomeFailed = errors.New("some records failed")

// errInterrupted is returned when a run stopped on a signal.
var errInterrupted = errors.New("interrupted")

// Main runs newsnlp with args (without the program name) and returns the
// exit status. It is what main calls and what the CLI tests call in-process.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return exitCode(err, stderr)
}

// exitCode maps an error to an exit status, printing it. It is the one
// place where errors become statuses.
func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errSomeFailed):
		return exitSomeFailed
	case errors.Is(err, errInterrupted):
		return exitInterrupted
	case errors.Is(err, pipeline.ErrRecordFailed):
		fmt.Fprintf(stderr, "newsnlp: %v\n", err)
		return exitSomeFailed
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "newsnlp: %v\nRun 'newsnlp --help' for usage.\n", err)
		return exitFatal
	}
	fmt.Fprintf(stderr, "newsnlp: %v\n", err)
	return exitFatal
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "newsnlp",
		Short: "Annotate news articles into Parquet: tokens, entities, quotes, claims and denials",
		Long: `newsnlp reads a corpus of news articles (JSONL, CSV/TSV, folders of .txt,
web pages, WARC crawls, each optionally .gz or .zst, and Parquet) and writes
a Parquet dataset: documents, sentences, tokens, entities, quotes and
errors, joined on doc_id, with code point offsets into documents.text.
inspect and report show the result; --shard and merge-manifest spread a run
over many machines.

Exit status: 0 all good; 1 some records failed (see the errors table);
2 usage or fatal error; 130 interrupted.`,
		Example: `  # annotate the embedded sample corpus
  newsnlp annotate -o newsnlp-out

  # annotate a JSONL file and a folder of .txt files
  newsnlp annotate articles.jsonl.gz bbc/txt --title-line -o out

  # look at the result
  newsnlp inspect out --grep Lavrov
  newsnlp report out -o report.html
  duckdb -c "SELECT * FROM read_parquet('out/quotes/*.parquet') LIMIT 5"`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newAnnotateCmd(stdout, stderr),
		newEvalCmd(stdout, stderr),
		newDiffCmd(stdout, stderr),
		newExportCmd(stdout, stderr),
		newInspectCmd(stdout, stderr),
		newReportCmd(stdout, stderr),
		newMergeManifestCmd(stdout),
		newSchemaCmd(stdout),
		newVersionCmd(stdout),
		newTrainNERCmd(stdout),
		newTrainSyntaxCmd(stdout),
		newTrainCuesCmd(stdout),
	)
	return root
}
