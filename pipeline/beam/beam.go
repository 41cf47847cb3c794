// Command newsnlp-beam runs newsnlp's annotation as an Apache Beam pipeline
// (Go SDK): the same readers (datasets), the same Annotator (annotate) and
// the same Parquet writer (output) as `newsnlp annotate`, so its rows are
// the CLI's. It lives in its own module so that the newsnlp binary does not
// carry Beam's weight.
//
// Locally it runs on Beam's Prism runner, in process, with no network:
//
//	newsnlp-beam --input news.jsonl --output out
//
// On a cluster, through Beam's portable runners (not run by the tests):
//
//	newsnlp-beam --runner dataflow --project P --region R --staging_location gs://B/staging \
//	  --input 'gs://B/in/*.jsonl' --output /mnt/shared/out      (output: a path every worker can write)
//	newsnlp-beam --runner flink --endpoint localhost:8099 --environment_type LOOPBACK ...
//	newsnlp-beam --runner spark --endpoint localhost:8099 --environment_type LOOPBACK ...
//
// Each element is one INPUT as the CLI takes it (a file, folder or glob;
// none: the embedded sample). A DoFn reads it with datasets, the next loads
// the models once per worker (Setup), annotates each record, and writes
// each bundle's rows through output.CreatePart as part files of their own
// (TABLE/beam-<id>-00000.parquet); bad records go to the errors table and
// to a side output that is counted. The last step writes manifest.json,
// which reconciles: records read = documents + errors.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/debug"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
	"github.com/newsnlp/newsnlp/pipeline"
)

var (
	inputs      = flag.String("input", "", "comma-separated INPUTs as newsnlp annotate takes them (files, folders, globs); empty: the embedded sample")
	out         = flag.String("output", "", "output folder, shared by every worker (required)")
	maxDocBytes = flag.Int("max_doc_bytes", datasets.DefaultMaxDocBytes, "reject an article whose text is longer (an errors row)")
)

// record is one input record as it travels between DoFns: an article, or
// a record that could not be read.
type record struct {
	Source, ID, Title, Author, URL, Lang, Text, Meta string
	Record, Line                                     int64
	Published                                        int64 // Unix microseconds; HasPublished says whether set
	HasPublished                                     bool
	Warnings                                         []string
	Failed                                           bool
	ErrKind, ErrMsg, ErrExcerpt                      string
}

// errRow is a record that became an errors row, as the side output
// carries it.
type errRow struct {
	Source, Kind string
	Record       int64
}

func init() {
	register.DoFn2x1[string, func(record), error](&readFn{})
	register.DoFn3x1[context.Context, record, func(errRow), error](&annotateFn{})
	register.DoFn2x0[int, func(string)](&reportErrorsFn{})
	register.Emitter1[record]()
	register.Emitter1[errRow]()
	register.Emitter1[string]()
}

// readFn reads one INPUT with datasets' readers.
type readFn struct {
	MaxDocBytes int
}

func (f *readFn) ProcessElement(input string, emit func(record)) error {
	opts := datasets.Options{MaxDocBytes: f.MaxDocBytes, OpenTable: pipeline.OpenTable}
	var c *datasets.Corpus
	if input == "" {
		c = datasets.OpenSample(opts)
	} else {
		var err error
		if c, err = datasets.Open([]string{input}, opts); err != nil {
			return err
		}
	}
	defer c.Close()
	for {
		a, err := c.Next()
		if err == io.EOF {
			return nil
		}
		var re *datasets.RecordError
		if errors.As(err, &re) {
			msg := re.Err.Error()
			if re.Field != "" {
				msg = "field " + fmt.Sprintf("%q", re.Field) + ": " + msg
			}
			emit(record{Source: re.Source, ID: re.ID, Record: re.Record, Line: re.Line, Failed: true, ErrKind: re.Kind, ErrMsg: msg, ErrExcerpt: re.Excerpt})
			continue
		}
		if err != nil {
			return err
		}
		r := record{Source: a.Source, ID: a.ID, Title: a.Title, Author: a.Author, URL: a.URL, Lang: a.Lang, Text: a.Text, Meta: a.Meta, Record: a.Record, Line: a.Line, Warnings: a.Warnings}
		if a.Published != nil {
			r.Published, r.HasPublished = a.Published.UnixMicro(), true
		}
		emit(r)
	}
}

// annotateFn annotates records and writes each bundle's rows as part
// files of their own; records that fail go to the errors table and to the
// side output. The Annotator is loaded once per worker (Setup).
type annotateFn struct {
	Out     string
	Config  string
	Version string

	ann *annotate.Annotator
	w   *output.Writer
}

func (f *annotateFn) Setup() error {
	var err error
	f.ann, err = annotate.New(annotate.DefaultConfig())
	return err
}

func (f *annotateFn) StartBundle(_ context.Context, _ func(errRow)) error {
	id := make([]byte, 8)
	if _, err := rand.Read(id); err != nil {
		return err
	}
	var err error
	f.w, err = output.CreatePart(f.Out, f.Version, output.Options{Part: "beam-" + hex.EncodeToString(id), Config: f.Config})
	return err
}

func (f *annotateFn) ProcessElement(ctx context.Context, r record, emitErr func(errRow)) error {
	if r.Failed {
		emitErr(errRow{r.Source, r.ErrKind, r.Record})
		return f.w.WriteError(output.ErrorRow{Source: r.Source, Record: r.Record, Line: r.Line, DocID: opt(r.ID), Stage: "read", Kind: r.ErrKind, Error: r.ErrMsg, Excerpt: r.ErrExcerpt})
	}
	a := &datasets.Article{Source: r.Source, ID: r.ID, Title: r.Title, Author: r.Author, URL: r.URL, Lang: r.Lang, Text: r.Text, Meta: r.Meta, Record: r.Record, Line: r.Line, Warnings: r.Warnings}
	if r.HasPublished {
		t := time.UnixMicro(r.Published).UTC()
		a.Published = &t
	}
	doc, row, err := pipeline.AnnotateOne(ctx, f.ann, a)
	if err != nil {
		return err
	}
	if err := f.w.WriteDoc(doc); err != nil {
		return err
	}
	if row != nil {
		emitErr(errRow{row.Source, row.Kind, row.Record})
		return f.w.WriteError(*row)
	}
	return nil
}

func (f *annotateFn) FinishBundle(_ context.Context, _ func(errRow)) error {
	_, err := f.w.Close(nil)
	return err
}

// reportErrorsFn logs the side output's count of failed records.
type reportErrorsFn struct{}

func (reportErrorsFn) ProcessElement(n int, emit func(string)) {
	emit(fmt.Sprintf("%d records failed (errors table)", n))
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func main() {
	flag.Parse()
	beam.Init()
	if *out == "" {
		log.Fatal("newsnlp-beam: --output is required")
	}
	if err := runPipeline(context.Background(), splitInputs(*inputs), *out, *maxDocBytes); err != nil {
		log.Fatalf("newsnlp-beam: %v", err)
	}
}

func splitInputs(s string) []string {
	if s == "" {
		return []string{""}
	}
	return strings.Split(s, ",")
}

// runPipeline builds and runs the pipeline, then writes the manifest.
func runPipeline(ctx context.Context, inputs []string, dir string, maxDoc int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cfg := fmt.Sprintf(`{"runner":"beam","max_doc_bytes":%d,"annotate":%s}`, maxDoc, mustJSON(annotate.DefaultConfig()))
	started := time.Now().UTC()
	p, s := beam.NewPipelineWithRoot()
	in := beam.CreateList(s, inputs)
	recs := beam.ParDo(s, &readFn{MaxDocBytes: maxDoc}, in)
	errs := beam.ParDo(s, &annotateFn{Out: dir, Config: cfg, Version: "beam"}, beam.Reshuffle(s, recs))
	failed := stats.CountElms(s, errs)
	debug.Print(s, beam.ParDo(s, &reportErrorsFn{}, failed))
	if err := beamx.Run(ctx, p); err != nil {
		return err
	}
	return writeManifest(dir, inputs, cfg, started)
}

// writeManifest writes OUT/manifest.json from what the workers wrote, read
// back from the part files, so that it holds on any runner whose workers
// share OUT.
func writeManifest(dir string, inputs []string, cfg string, started time.Time) error {
	m := &output.Manifest{Tool: "newsnlp-beam", Version: "beam", SchemaVersion: output.SchemaVersion, Status: output.StatusComplete,
		StartedAt: started, Config: []byte(cfg), Inputs: inputs}
	if err := pipeline.TallyTables(dir, m); err != nil {
		return err
	}
	m.FinishedAt = time.Now().UTC()
	m.Timings.Wall = m.FinishedAt.Sub(started).Seconds()
	return output.WriteManifest(dir, m)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
