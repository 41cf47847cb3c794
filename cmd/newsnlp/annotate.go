package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
	"github.com/newsnlp/newsnlp/pipeline"
)

// annotateOptions are the flags of `newsnlp annotate`.
type annotateOptions struct {
	out         string
	format      string
	fields      datasets.FieldMap
	titleLine   bool
	exclude     []string
	workers     int
	limit       int64
	maxDocBytes int
	onError     string
	progress    string
	logFormat   string
	overwrite   bool
	resume      bool
	dedupe      bool
	shardFlag   string
	shards      int
	shard       output.Shard
	checkpoint  int64
	docTimeout  time.Duration
	ner         string
	tagger      string
	cpuProfile  string
	memProfile  string
}

// effectiveConfig is everything that decides the output's rows, recorded in
// the manifest and in every Parquet footer so that an output says how it was
// made. The worker count is not in it: it changes speed, never rows, and
// leaving it out keeps files byte-identical whatever --workers is.
type effectiveConfig struct {
	Format      string            `json:"format"`
	Fields      datasets.FieldMap `json:"fields"`
	TitleLine   bool              `json:"title_line"`
	Exclude     []string          `json:"exclude,omitempty"`
	Limit       int64             `json:"limit"`
	MaxDocBytes int               `json:"max_doc_bytes"`
	OnError     string            `json:"on_error"`
	Dedupe      bool              `json:"dedupe"`
	Annotate    annotate.Config   `json:"annotate"`
}

func newAnnotateCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &annotateOptions{}
	cmd := &cobra.Command{
		Use:   "annotate [INPUT...] -o OUT",
		Short: "Annotate articles and write a Parquet dataset",
		Long: `Annotate news articles and write a Parquet dataset to OUT: documents,
sentences, tokens, entities, quotes and errors (one folder of part files
each) and manifest.json.

INPUT is any mix of files, folders and globs: JSONL (one article per line;
"-" reads standard input) or a .json file holding an array of articles or
pretty-printed ones, CSV or TSV with a header row, folders of .txt
files (one article per file), web pages (.html, .htm: the main text of
each), WARC crawls (.warc: every HTML response record; other records are
skipped and counted in the manifest), each optionally compressed as .gz or
.zst, and Parquet files with a text column (.parquet), newsnlp's own
documents table among them, to re-annotate a corpus after a rule change.
A folder is walked in lexical order; hidden files, README, LICENSE and
similar files, and what --exclude names are passed over. With no INPUT, the embedded sample corpus is annotated.

Fields are found by their usual names (id; text, content, body, article;
title, headline; url, link; date, published, pubdate; lang; author,
byline) or set with --id-field and friends; the other fields go to the
documents table's meta column as JSON, with their types. A record without
an id gets one from its file's path relative to the input argument's folder
and its record number, so it does not change with how the path is typed. Dates are read in RFC 3339, RFC 1123, 2006-01-02,
"January 2, 2006" and similar forms; an unreadable date becomes null and is
counted in the manifest's warnings.

A record that cannot be read or annotated becomes a row in the errors table
and the run goes on (--on-error fail stops instead). Exit status: 0 all
good; 1 some records failed; 2 usage or fatal error; 130 interrupted (the
part files hold whole articles, and manifest.json says "interrupted").`,
		Example: `  # the embedded sample corpus
  newsnlp annotate -o newsnlp-out

  # JSONL, CSV with its text in a "content" column, a folder of .txt files
  newsnlp annotate news.jsonl.gz -o out
  newsnlp annotate news_sample.csv --text-field content -o out
  newsnlp annotate 'bbc/txt' --title-line -o out --overwrite
  newsnlp annotate corpus/ --exclude 'drafts' --exclude '*.bak.jsonl' -o out

  # saved web pages, and a Common Crawl CC-NEWS file
  newsnlp annotate pages/ -o out
  newsnlp annotate CC-NEWS-20240501000000-00000.warc.gz -o out

  # a Parquet export, and an earlier run's documents, re-annotated
  newsnlp annotate export.parquet --text-field body -o out
  newsnlp annotate old-out/documents -o new-out

  # from standard input, four workers, stop at the first bad record
  zcat dump.jsonl.gz | newsnlp annotate - -o out --workers 4 --on-error fail

  # web crawls repeat articles: annotate each text once
  newsnlp annotate 'crawl/*.warc.gz' -o out --dedupe

  # a long run killed or interrupted: continue from its last checkpoint
  newsnlp annotate 'crawl/*.warc.gz' -o out --checkpoint-every 5000
  newsnlp annotate 'crawl/*.warc.gz' -o out --checkpoint-every 5000 --resume`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAnnotate(cmd, opts, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	addInputFlags(f, opts)
	f.StringVar(&opts.ner, "ner", annotate.DefaultConfig().NER, "entity model: newsnlp (our own, trained on CoNLL-2003) or prose (prose v3's, for comparison)")
	for flag, values := range map[string][]string{
		"format":     datasets.Formats,
		"on-error":   {pipeline.OnErrorSkip, pipeline.OnErrorFail},
		"progress":   {"auto", "always", "never"},
		"log-format": {"text", "json"},
		"ner":        annotate.NERModels(),
		"tagger":     annotate.Taggers(),
	} {
		cmd.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	f.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file; samples carry a stage label (go tool pprof -tags FILE)")
	f.StringVar(&opts.memProfile, "memprofile", "", "write a heap profile at the end of the run to this file (go tool pprof -sample_index=inuse_space FILE)")
	cmd.MarkFlagDirname("out")
	return cmd
}

// addInputFlags defines annotate's flags for the input and the run.
func addInputFlags(f *pflag.FlagSet, opts *annotateOptions) {
	f.StringVarP(&opts.out, "out", "o", "", "output folder (required)")
	f.StringVar(&opts.format, "format", "", "input format for every INPUT: jsonl, csv, tsv, txt, html, warc or parquet (default: from each file name; stdin: jsonl)")
	f.StringVar(&opts.fields.ID, "id-field", "", "input field holding the article id (default: detect id, doc_id, uuid, …)")
	f.StringVar(&opts.fields.Text, "text-field", "", "input field holding the article text (default: detect text, content, body, article)")
	f.StringVar(&opts.fields.Title, "title-field", "", "input field holding the title (default: detect title, headline)")
	f.StringVar(&opts.fields.URL, "url-field", "", "input field holding the URL (default: detect url, link)")
	f.StringVar(&opts.fields.Date, "date-field", "", "input field holding the publication date (default: detect date, published, pubdate)")
	f.StringVar(&opts.fields.Lang, "lang-field", "", "input field holding the language code (default: detect lang, language)")
	f.StringVar(&opts.fields.Author, "author-field", "", "input field holding the byline (default: detect author, authors, byline)")
	f.BoolVar(&opts.titleLine, "title-line", false, "take the first line of each .txt file as its title")
	f.StringArrayVar(&opts.exclude, "exclude", nil, "pass over files and folders matching this glob when walking a folder or expanding a glob, by base name or path in the folder (repeatable; e.g. --exclude 'drafts' --exclude '*.bak.jsonl')")
	f.IntVar(&opts.workers, "workers", runtime.NumCPU(), "annotating workers")
	f.Int64Var(&opts.limit, "limit", 0, "stop after this many input records (0: all)")
	f.IntVar(&opts.maxDocBytes, "max-doc-bytes", datasets.DefaultMaxDocBytes, "reject an article whose text is longer than this (an errors row)")
	f.DurationVar(&opts.docTimeout, "doc-timeout", time.Minute, "the longest one article may take: past it the article keeps its documents row, text only, beside an errors row of kind timeout (0: no limit)")
	f.StringVar(&opts.onError, "on-error", pipeline.OnErrorSkip, "on a bad record: skip (errors row, go on) or fail (stop, exit 1)")
	f.StringVar(&opts.progress, "progress", "auto", "progress display: auto (a bar on a terminal, a log line every 10s otherwise), always or never")
	f.StringVar(&opts.logFormat, "log-format", "", "log format: text or json (default: text on a terminal, json otherwise)")
	f.BoolVar(&opts.overwrite, "overwrite", false, "replace an earlier run in OUT")
	f.BoolVar(&opts.resume, "resume", false, "continue the run in OUT that was interrupted or killed, from its last checkpoint (same INPUT and flags); with nothing to continue, start it")
	f.StringVar(&opts.shardFlag, "shard", "", "run shard K of N (K/N, 0 <= K < N): annotate only the records whose doc_id hashes to K; shards share OUT (see merge-manifest)")
	f.IntVar(&opts.shards, "shards", 0, "run one of N shards, K from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) or SLURM_ARRAY_TASK_ID")
	f.BoolVar(&opts.dedupe, "dedupe", false, "annotate one copy of byte-identical article texts; the others get duplicate_of (the first copy's doc_id) and no annotations")
	f.Int64Var(&opts.checkpoint, "checkpoint-every", defaultCheckpointEvery, "publish the part files and record a checkpoint every this many records (0: only at the end)")
	f.StringVar(&opts.tagger, "tagger", annotate.DefaultConfig().Tagger, "part-of-speech tagger: newsnlp (our own, trained on UD English EWT and GUM) or prose (prose v3's, for comparison); the lemmatiser and parser are newsnlp's and then read prose's tags")
}

func (o *annotateOptions) validate() error {
	if o.out == "" {
		return usagef("annotate: -o OUT is required (the folder to write the Parquet dataset to)")
	}
	if o.format != "" && !oneOf(o.format, datasets.Formats...) {
		return usagef("annotate: --format %q: want one of %s", o.format, strings.Join(datasets.Formats, ", "))
	}
	if o.workers < 1 {
		return usagef("annotate: --workers %d: want at least 1", o.workers)
	}
	if o.docTimeout < 0 {
		return usagef("annotate: --doc-timeout %v: want a duration of 0 (no limit) or more, such as 60s", o.docTimeout)
	}
	if o.limit < 0 {
		return usagef("annotate: --limit %d: want 0 or more", o.limit)
	}
	if o.maxDocBytes < 1 {
		return usagef("annotate: --max-doc-bytes %d: want at least 1", o.maxDocBytes)
	}
	if o.checkpoint < 0 {
		return usagef("annotate: --checkpoint-every %d: want 0 or more", o.checkpoint)
	}
	switch {
	case o.shardFlag != "" && o.shards != 0:
		return usagef("annotate: give --shard K/N or --shards N, not both")
	case o.shardFlag != "":
		sh, err := output.ParseShard(o.shardFlag)
		if err != nil {
			return usagef("annotate: --%v", err)
		}
		o.shard = sh
	case o.shards != 0:
		k, from, err := pipeline.ShardIndexFromEnv()
		if err != nil {
			return usagef("annotate: --shards %d: %v", o.shards, err)
		}
		sh, err := output.ParseShard(fmt.Sprintf("%d/%d", k, o.shards))
		if err != nil {
			return usagef("annotate: --shards %d with %s=%d: %v", o.shards, from, k, err)
		}
		o.shard = sh
	}
	if o.resume && o.overwrite {
		return usagef("annotate: --resume continues the run in OUT and --overwrite replaces it: pass one")
	}
	if !oneOf(o.onError, pipeline.OnErrorSkip, pipeline.OnErrorFail) {
		return usagef("annotate: --on-error %q: want skip or fail", o.onError)
	}
	if !oneOf(o.progress, "auto", "always", "never") {
		return usagef("annotate: --progress %q: want auto, always or never", o.progress)
	}
	if o.logFormat != "" && !oneOf(o.logFormat, "text", "json") {
		return usagef("annotate: --log-format %q: want text or json", o.logFormat)
	}
	return nil
}

func runAnnotate(cmd *cobra.Command, o *annotateOptions, inputs []string, stdout, stderr io.Writer) error {
	if err := o.validate(); err != nil {
		return err
	}
	ctx := cmd.Context()
	heapProfile, stopProfiles, err := startProfiles(o.cpuProfile, o.memProfile)
	if err != nil {
		return usageError{err}
	}
	defer stopProfiles()
	tty := isTerminal(stderr)
	logger := newLogger(stderr, o.logFormat, tty)

	corpus, err := pipeline.OpenCorpus(inputs, datasets.Options{Format: o.format, Fields: o.fields, TitleLine: o.titleLine, Exclude: o.exclude, MaxDocBytes: o.maxDocBytes, Stdin: os.Stdin})
	if err != nil {
		return usageError{fmt.Errorf("annotate: %w", err)}
	}
	defer corpus.Close()

	annCfg := annotate.DefaultConfig()
	annCfg.NER = o.ner
	annCfg.Tagger = o.tagger
	ann, err := annotate.New(annCfg)
	if err != nil {
		return usageError{fmt.Errorf("annotate: %w", err)}
	}
	cfg := effectiveConfig{Format: o.format, Fields: o.fields, TitleLine: o.titleLine, Exclude: o.exclude, Limit: o.limit, MaxDocBytes: o.maxDocBytes, OnError: o.onError, Dedupe: o.dedupe, Annotate: annCfg}
	cfgJSON, _ := json.Marshal(cfg) // plain structs of strings and numbers always marshal

	displayInputs := inputs
	if len(inputs) == 0 {
		displayInputs = []string{datasets.SampleName}
	}
	out, err := pipeline.RunDir(ctx, pipeline.DirRun{
		Out: o.out, Build: pipeline.Build(currentBuild()), Config: cfgJSON, Inputs: displayInputs,
		Corpus: corpus, Annotator: ann, Overwrite: o.overwrite, Resume: o.resume, Logger: logger, AfterRun: heapProfile,
		Options: pipeline.Options{
			Workers:         o.workers,
			OnError:         o.onError,
			Limit:           o.limit,
			Reporter:        newReporter(o.progress, tty, stderr, logger),
			CheckpointEvery: o.checkpoint,
			Dedupe:          o.dedupe,
			Shard:           o.shard,
			DocTimeout:      o.docTimeout,
		},
	})
	var setup *pipeline.SetupError
	switch {
	case errors.As(err, &setup):
		return usageError{setup.Err}
	case out.AlreadyComplete:
		fmt.Fprintf(stdout, "newsnlp: %s already holds a complete run; nothing to resume\n", o.out)
		return nil
	case out.Manifest == nil || out.Manifest.Status == output.StatusFailed && !errors.Is(err, pipeline.ErrRecordFailed):
		return err
	}
	m := out.Manifest
	printSummary(stdout, o.out, m)
	if o.shard.Sharded() && m.Status == output.StatusComplete {
		if out.Merged != nil {
			fmt.Fprintf(stdout, "  all %d shards complete: %s/manifest.json covers the whole run (%d records)\n", out.Merged.Shards, o.out, out.Merged.Records.Read)
		} else {
			logger.Info("shard complete; the run's manifest.json is written when every shard is (or by newsnlp merge-manifest)", "shard", o.shard.K, "shards", o.shard.N)
		}
	}
	switch {
	case m.Status == output.StatusInterrupted:
		fmt.Fprintf(stderr, "newsnlp: interrupted; %s holds the %d articles written before the signal\n", o.out, m.Records.Documents)
		return errInterrupted
	case err != nil:
		return err
	case m.Records.Errors > 0 || m.NotAnnotated[pipeline.NotAnnotatedFailed] > 0:
		return errSomeFailed
	}
	return nil
}

// defaultCheckpointEvery publishes a segment every 10,000 records: a few
// minutes of work per worker, and part files of tens of megabytes.
const defaultCheckpointEvery = 10000

func printSummary(w io.Writer, out string, m *output.Manifest) {
	fmt.Fprintf(w, "newsnlp: %s\n", m.Status)
	var unannotated int64
	for _, n := range m.NotAnnotated {
		unannotated += n
	}
	if unannotated > 0 {
		fmt.Fprintf(w, "  articles   %d annotated + %d not annotated, %d errors (of %d records read)\n", m.Records.Documents-unannotated, unannotated, m.Records.Errors, m.Records.Read)
	} else {
		fmt.Fprintf(w, "  articles   %d annotated, %d errors (of %d records read)\n", m.Records.Documents, m.Records.Errors, m.Records.Read)
	}
	fmt.Fprintf(w, "  words      %d\n", m.Words)
	fmt.Fprintf(w, "  sentences  %d\n", m.Rows[output.TableSentences])
	fmt.Fprintf(w, "  entities   %d\n", m.Rows[output.TableEntities])
	fmt.Fprintf(w, "  quotes     %d\n", m.Rows[output.TableQuotes])
	fmt.Fprintf(w, "  speed      %.0f words/s, %.1f articles/s (%.2fs)\n", m.Throughput.WordsPerSecond, m.Throughput.ArticlesPerSecond, m.Timings.Wall)
	if len(m.ErrorsByKind) > 0 {
		fmt.Fprintf(w, "  errors     %s\n", output.FormatCounts(m.ErrorsByKind))
	}
	if len(m.NotAnnotated) > 0 {
		fmt.Fprintf(w, "  not annotated %s (documents rows with no annotations)\n", output.FormatCounts(m.NotAnnotated))
	}
	if len(m.Languages) > 1 {
		fmt.Fprintf(w, "  languages  %s\n", languageCounts(m.Languages))
	}
	if len(m.Skipped) > 0 {
		fmt.Fprintf(w, "  skipped    %s\n", output.FormatCounts(m.Skipped))
	}
	if len(m.Warnings) > 0 {
		fmt.Fprintf(w, "  warnings   %s\n", output.FormatCounts(m.Warnings))
	}
	fmt.Fprintf(w, "  output     %s/ (documents, sentences, tokens, entities, quotes, errors, manifest.json)\n", out)
	bin := "newsnlp"
	if exe, err := os.Executable(); err == nil && filepath.Base(exe) == "newsnlp" {
		wd, _ := os.Getwd()
		if rel, err := filepath.Rel(wd, exe); err == nil && !strings.HasPrefix(rel, "..") && filepath.Dir(rel) != "." {
			bin = "./" + rel // `make run` runs bin/newsnlp, which is not on the PATH
		}
	}
	fmt.Fprintf(w, "look at it:\n")
	fmt.Fprintf(w, "  %s inspect %s              # articles in the terminal, entities and attributions marked\n", bin, out)
	fmt.Fprintf(w, "  %s report %s               # one HTML page: %s\n", bin, out, filepath.Join(out, "report.html"))
	fmt.Fprintf(w, "  %s export %s -o %s-csv --format csv   # for tools without Parquet\n", bin, out, strings.TrimSuffix(out, "/"))
	fmt.Fprintf(w, "  duckdb -c \"SELECT doc_id, title, n_words, n_entities FROM read_parquet('%s/documents/*.parquet')\"\n", out)
	if m.Records.Errors > 0 {
		fmt.Fprintf(w, "  duckdb -c \"SELECT source, line, kind, error FROM read_parquet('%s/errors/*.parquet')\"\n", out)
	}
	fmt.Fprintf(w, "  (duckdb: pip install duckdb, or the command-line tool from https://duckdb.org/docs/installation)\n")
}

func oneOf(s string, values ...string) bool {
	for _, v := range values {
		if s == v {
			return true
		}
	}
	return false
}

func newLogger(w io.Writer, format string, tty bool) *slog.Logger {
	if format == "" {
		format = "json"
		if tty {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

// languageCounts is the summary's languages line. The manifest counts
// undetermined articles under "und"; their lang column is null, and the
// line says so.
func languageCounts(langs map[string]int64) string {
	n, ok := langs["und"]
	if !ok {
		return output.FormatCounts(langs)
	}
	rest := make(map[string]int64, len(langs))
	for k, v := range langs {
		if k != "und" {
			rest[k] = v
		}
	}
	line := fmt.Sprintf("undetermined (lang null) %d", n)
	if len(rest) > 0 {
		line = output.FormatCounts(rest) + ", " + line
	}
	return line
}
