package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
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

// needArgs is a command's Args check that names the arguments it wants,
// what is missing, and what is extra, instead of cobra's "accepts 1
// arg(s), received 0". Each of what is an argument's name and meaning,
// "OUT (the folder newsnlp annotate wrote)"; with more set, the last may
// repeat.
func needArgs(more bool, what ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < len(what):
			return usagef("%s: missing %s", cmd.Name(), strings.Join(what[len(args):], " and "))
		case len(args) > len(what) && !more:
			if len(what) == 0 {
				return usagef("%s takes no arguments; got %q", cmd.Name(), strings.Join(args, " "))
			}
			return usagef("%s takes %s; %q is one argument too many (quote a path with spaces)", cmd.Name(), strings.Join(what, " and "), args[len(what)])
		}
		return nil
	}
}

// flagErrorText is a flag parsing error without strconv's internals:
// `invalid argument "x" for "--workers" flag: want a whole number`.
func flagErrorText(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": strconv.Parse"); i >= 0 {
		want := "a number"
		switch {
		case strings.Contains(msg[i:], "ParseInt"), strings.Contains(msg[i:], "ParseUint"):
			want = "a whole number"
		case strings.Contains(msg[i:], "ParseBool"):
			want = "true or false"
		}
		return msg[:i] + ": want " + want
	}
	return msg
}

// What the commands' arguments are, for needArgs.
const (
	argOut = "OUT (the output folder newsnlp annotate wrote)"
)

// errSomeFailed is returned by a command that finished its work but wants
// exit status 1; the command has already said why.
var errSomeFailed = errors.New("some records failed")

// noMatchError is a search that found nothing (inspect --grep): exit 1,
// as grep does, not 2, which means a usage or fatal error.
type noMatchError struct{ msg string }

func (e noMatchError) Error() string { return e.msg }

// errInterrupted is returned when a run stopped on a signal.
var errInterrupted = errors.New("interrupted")

// Main runs newsnlp with args (without the program name) and returns the
// exit status. It is what main calls and what the CLI tests call in-process.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	help := "newsnlp --help"
	if cmd != nil && cmd != root {
		help = cmd.CommandPath() + " --help"
	}
	return exitCode(err, stderr, help)
}

// exitCode maps an error to an exit status, printing it; a usage error
// points at help, the failing command's own. It is the one place where
// errors become statuses.
func exitCode(err error, stderr io.Writer, help string) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errSomeFailed):
		return exitSomeFailed
	case errors.Is(err, errInterrupted):
		return exitInterrupted
	case errors.As(err, new(noMatchError)):
		fmt.Fprintf(stderr, "newsnlp: %v\n", err)
		return exitSomeFailed
	case errors.Is(err, pipeline.ErrRecordFailed):
		fmt.Fprintf(stderr, "newsnlp: %v\n", err)
		return exitSomeFailed
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "newsnlp: %v\nRun '%s' for usage and examples.\n", err, help)
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
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usagef("%s: %s", c.Name(), flagErrorText(err)) })
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
		newTrainClustersCmd(stdout),
		newTrainSyntaxCmd(stdout),
		newTrainCuesCmd(stdout),
	)
	return root
}
