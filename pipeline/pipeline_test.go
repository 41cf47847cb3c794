package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// sliceSource yields a fixed list of articles and record errors.
type sliceSource struct {
	items []any // *datasets.Article or *datasets.RecordError
	i     int
}

func (s *sliceSource) Next() (*datasets.Article, error) {
	if s.i >= len(s.items) {
		return nil, io.EOF
	}
	it := s.items[s.i]
	s.i++
	if re, ok := it.(*datasets.RecordError); ok {
		return nil, re
	}
	return it.(*datasets.Article), nil
}

func (s *sliceSource) Progress() (int64, int64) { return int64(s.i), int64(len(s.items)) }

// articles makes n articles whose lengths vary a lot, so that workers finish
// out of order.
func articles(n int) []any {
	var out []any
	for i := 0; i < n; i++ {
		text := strings.Repeat("The minister said the talks went well. ", 1+(i*37)%23)
		out = append(out, &datasets.Article{ID: fmt.Sprintf("a%03d", i), Text: text, Source: "test", Record: int64(i + 1)})
	}
	return out
}

var ann = func() *annotate.Annotator {
	a, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		panic(err)
	}
	return a
}()

// run runs the pipeline into a fresh folder and returns the result, the
// doc_ids written in file order, and the errors rows' records.
func run(t *testing.T, ctx context.Context, src Source, opts Options) (*Result, error, []string, []int64) {
	t.Helper()
	dir := t.TempDir()
	w, err := output.Create(dir, "test", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, runErr := Run(ctx, src, ann, w, opts)
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	docs, err := parquet.ReadFile[output.DocumentRow](filepath.Join(dir, "documents", "part-00000.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.DocID)
	}
	errs, err := parquet.ReadFile[output.ErrorRow](filepath.Join(dir, "errors", "part-00000.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []int64
	for _, e := range errs {
		recs = append(recs, e.Record)
	}
	return res, runErr, ids, recs
}

func TestOrderIsInputOrder(t *testing.T) {
	items := articles(120)
	items[10] = &datasets.RecordError{Source: "test", Record: 11, Kind: "json", Err: errors.New("bad")}
	res, err, ids, errRecs := run(t, context.Background(), &sliceSource{items: items}, Options{Workers: 8})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, it := range items {
		if i != 10 {
			want = append(want, it.(*datasets.Article).ID)
		}
	}
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("documents written in order %v; want input order", ids)
	}
	if len(errRecs) != 1 || errRecs[0] != 11 {
		t.Errorf("errors rows for records %v; want [11]", errRecs)
	}
	if res.Stats.Records != 120 || res.Stats.Documents != 119 || res.Stats.Errors != 1 || res.Status != output.StatusComplete {
		t.Errorf("stats %+v status %s; want 120 records = 119 documents + 1 error, complete", res.Stats, res.Status)
	}
}

func TestOnErrorFailStopsAtTheFirstBadRecord(t *testing.T) {
	items := articles(50)
	items[5] = &datasets.RecordError{Source: "test", Record: 6, Kind: "json", Err: errors.New("bad")}
	res, err, ids, _ := run(t, context.Background(), &sliceSource{items: items}, Options{Workers: 4, OnError: OnErrorFail})
	if !errors.Is(err, ErrRecordFailed) {
		t.Fatalf("err = %v; want ErrRecordFailed", err)
	}
	if len(ids) != 5 || res.Status != output.StatusFailed {
		t.Errorf("wrote %d documents with status %s; want the 5 before the bad record, failed", len(ids), res.Status)
	}
}

func TestLimit(t *testing.T) {
	_, err, ids, _ := run(t, context.Background(), &sliceSource{items: articles(30)}, Options{Workers: 3, Limit: 7})
	if err != nil || len(ids) != 7 || ids[6] != "a006" {
		t.Errorf("Limit 7: err %v, ids %v; want the first 7", err, ids)
	}
}

func TestCancelledRunIsInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err, ids, _ := run(t, ctx, &sliceSource{items: articles(30)}, Options{Workers: 2})
	if err != nil || res.Status != output.StatusInterrupted {
		t.Errorf("err %v status %q; want nil and interrupted", err, res.Status)
	}
	if len(ids) == 30 {
		t.Error("a run cancelled before it started wrote every document")
	}
}

// fatalSource fails in a way that is not a record error.
type fatalSource struct{ sliceSource }

func (f *fatalSource) Next() (*datasets.Article, error) {
	if f.i == 3 {
		return nil, errors.New("disk on fire")
	}
	return f.sliceSource.Next()
}

func TestFatalReadErrorFailsTheRun(t *testing.T) {
	res, err, _, _ := run(t, context.Background(), &fatalSource{sliceSource{items: articles(10)}}, Options{Workers: 2})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || res.Status != output.StatusFailed {
		t.Errorf("err %v status %s; want the read error and failed", err, res.Status)
	}
}

// TestDedupe checks that --dedupe annotates the first copy of a text only,
// and that a resumed run still knows the texts of the records it skips.
func TestDedupe(t *testing.T) {
	items := articles(60) // texts repeat every 23 articles
	write := func(opts Options) []output.DocumentRow {
		dir := t.TempDir()
		w, err := output.Create(dir, "test", output.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Run(context.Background(), &sliceSource{items: items}, ann, w, opts); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Close(nil); err != nil {
			t.Fatal(err)
		}
		docs, err := parquet.ReadFile[output.DocumentRow](filepath.Join(dir, "documents", "part-00000.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		return docs
	}
	full := write(Options{Workers: 3, Dedupe: true})
	if len(full) != 60 {
		t.Fatalf("%d documents rows; want 60", len(full))
	}
	for i, d := range full {
		first := i % 23 // articles i and i%23 have the same text
		switch {
		case i == first && d.DuplicateOf != nil:
			t.Errorf("%s: duplicate_of %s; it is the first copy", d.DocID, *d.DuplicateOf)
		case i != first && (d.DuplicateOf == nil || *d.DuplicateOf != full[first].DocID):
			t.Errorf("%s: duplicate_of %v; want %s", d.DocID, d.DuplicateOf, full[first].DocID)
		case i != first && d.NTokens != 0:
			t.Errorf("%s: a duplicate has %d tokens; want none", d.DocID, d.NTokens)
		case i == first && d.NTokens == 0:
			t.Errorf("%s: the first copy is not annotated", d.DocID)
		}
	}
	res := write(Options{Workers: 3, Dedupe: true, Resume: &output.Progress{Records: output.RecordCounts{Read: 30, Documents: 30}}})
	if len(res) != 30 {
		t.Fatalf("resumed run wrote %d documents; want the last 30", len(res))
	}
	for i, d := range res {
		want := full[30+i]
		if d.DocID != want.DocID || deref(d.DuplicateOf) != deref(want.DuplicateOf) {
			t.Errorf("resumed %s: duplicate_of %v; the uninterrupted run has %v", d.DocID, deref(d.DuplicateOf), deref(want.DuplicateOf))
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "<null>"
	}
	return *s
}

// runWithStage runs corpus through the pipeline with stage s inserted
// before quotes, into a new output folder, and returns it with the result.
func runWithStage(t *testing.T, s annotate.Stage, corpus *datasets.Corpus, opts Options) (string, *Result) {
	t.Helper()
	base, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ann, err := base.WithStage("quotes", s)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, err := output.Create(dir, "test", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), corpus, ann, w, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	return dir, res
}

// panicStage panics on every text that holds "PANIC".
type panicStage struct{}

func (panicStage) Name() string { return "faulty" }

func (panicStage) Run(_ context.Context, d *doc.Document) error {
	if strings.Contains(d.Text, "PANIC") {
		var toks []doc.Token
		_ = toks[len(d.Text)] // an index out of range, as a bug would
	}
	return nil
}

// TestStagePanicKeepsDocument checks that an article a stage panics on
// keeps its documents row, text only and marked, beside an errors row of
// kind panic naming the stage; the records around it are annotated, and
// the counts reconcile.
func TestStagePanicKeepsDocument(t *testing.T) {
	in := `{"id":"a","text":"Anna Berg said the bridge was safe."}
{"id":"b","text":"PANIC here. Karl Ek said the ferry was late."}
{"id":"c","text":"Maria Lind said the road was closed."}
`
	dir, res := runWithStage(t, panicStage{}, jsonlCorpus(t, in), Options{Workers: 2})
	if st := res.Stats; st.Records != 3 || st.Documents != 3 || st.Errors != 0 || res.NotAnnotated[NotAnnotatedFailed] != 1 || res.ErrorsByKind["panic"] != 1 {
		t.Fatalf("stats %+v, not annotated %v, errors %v; want 3 documents, 1 failed, 1 panic", st, res.NotAnnotated, res.ErrorsByKind)
	}
	var docs []string
	output.ReadRows(dir, output.TableDocuments, func(d *output.DocumentRow) error {
		docs = append(docs, fmt.Sprintf("%s %d %v", d.DocID, d.NQuotes, d.Warnings))
		return nil
	})
	if want := []string{"a 1 []", "b 0 [annotate_failed]", "c 1 []"}; !slices.Equal(docs, want) {
		t.Errorf("documents = %q; want %q", docs, want)
	}
	var errs []string
	output.ReadRows(dir, output.TableErrors, func(e *output.ErrorRow) error {
		errs = append(errs, fmt.Sprintf("%s %s %s", *e.DocID, e.Stage, e.Kind))
		return nil
	})
	if want := []string{"b faulty panic"}; !slices.Equal(errs, want) {
		t.Errorf("errors = %q; want %q", errs, want)
	}
}

// slowStage never finishes a text that holds "SLOW" until its context
// ends: an article that would stall a run.
type slowStage struct{ started chan struct{} }

func (slowStage) Name() string { return "slow" }

func (s slowStage) Run(ctx context.Context, d *doc.Document) error {
	if !strings.Contains(d.Text, "SLOW") {
		return nil
	}
	if s.started != nil {
		s.started <- struct{}{}
	}
	<-ctx.Done()
	return ctx.Err()
}

func slowCorpus(t *testing.T) *datasets.Corpus {
	t.Helper()
	in := `{"id":"a","text":"Anna Berg said the bridge was safe."}
{"id":"b","text":"SLOW here. Karl Ek said the ferry was late."}
{"id":"c","text":"Maria Lind said the road was closed."}
`
	return jsonlCorpus(t, in)
}

// jsonlCorpus opens in, written to a JSONL file, as a corpus.
func jsonlCorpus(t *testing.T, in string) *datasets.Corpus {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	corpus, err := datasets.Open([]string{path}, datasets.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return corpus
}

// TestDocTimeout checks that an article past Options.DocTimeout keeps its
// documents row beside an errors row of kind timeout naming the stage it
// reached, and that the articles after it are annotated.
func TestDocTimeout(t *testing.T) {
	dir, res := runWithStage(t, slowStage{}, slowCorpus(t), Options{Workers: 2, DocTimeout: 200 * time.Millisecond})
	if res.Stats.Documents != 3 || res.ErrorsByKind["timeout"] != 1 || res.NotAnnotated[NotAnnotatedFailed] != 1 {
		t.Fatalf("stats %+v, errors %v, not annotated %v; want 3 documents, 1 timeout", res.Stats, res.ErrorsByKind, res.NotAnnotated)
	}
	var errs []string
	output.ReadRows(dir, output.TableErrors, func(e *output.ErrorRow) error {
		errs = append(errs, fmt.Sprintf("%s %s %s %v", *e.DocID, e.Stage, e.Kind, strings.Contains(e.Error, "--doc-timeout")))
		return nil
	})
	if want := []string{"b slow timeout true"}; !slices.Equal(errs, want) {
		t.Errorf("errors = %q; want %q", errs, want)
	}
}

// TestCancelReachesStages cancels a run while a stage works on an article
// that would never finish: the stage sees the cancellation, so Run
// returns, interrupted, instead of waiting for the article (were it not
// to, this test would hang until go test's own timeout).
func TestCancelReachesStages(t *testing.T) {
	base, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 1)
	ann, err := base.WithStage("quotes", slowStage{started: started})
	if err != nil {
		t.Fatal(err)
	}
	w, err := output.Create(t.TempDir(), "test", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	res, err := Run(ctx, slowCorpus(t), ann, w, Options{Workers: 1})
	w.Abort()
	if err != nil || res.Status != output.StatusInterrupted {
		t.Fatalf("Run = %v, status %s; want interrupted", err, res.Status)
	}
}

// TestRunDirRefusesOutInsideInput checks that an output folder inside an
// input folder is refused before anything is written, since a resumed run
// would read its own part files as input, and that an input file inside
// the output folder is refused too.
func TestRunDirRefusesOutInsideInput(t *testing.T) {
	ann, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	in := t.TempDir()
	if err := os.WriteFile(filepath.Join(in, "a.txt"), []byte("Anna Berg said the bridge was safe."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ out, want string }{
		{filepath.Join(in, "out"), "lies inside the input folder"},
		{in, "lies inside the input folder"},
	} {
		corpus, err := datasets.Open([]string{in}, datasets.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = RunDir(context.Background(), DirRun{Out: tt.out, Inputs: []string{in}, Corpus: corpus, Annotator: ann, Options: Options{Workers: 1}})
		var setup *SetupError
		if !errors.As(err, &setup) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("RunDir(-o %s): err = %v; want a SetupError saying %q", tt.out, err, tt.want)
		}
		if _, err := os.Stat(filepath.Join(tt.out, "documents")); !os.IsNotExist(err) {
			t.Errorf("RunDir(-o %s) wrote tables (%v)", tt.out, err)
		}
	}
	out := t.TempDir()
	src := filepath.Join(out, "old.txt")
	if err := os.WriteFile(src, []byte("Karl Ek said the ferry was late."), 0o644); err != nil {
		t.Fatal(err)
	}
	corpus, err := datasets.Open([]string{src}, datasets.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RunDir(context.Background(), DirRun{Out: out, Inputs: []string{src}, Corpus: corpus, Annotator: ann, Options: Options{Workers: 1}}); err == nil || !strings.Contains(err.Error(), "lies inside -o") {
		t.Errorf("RunDir with an input inside -o: err = %v; want a refusal", err)
	}
}

// TestDuplicateIDsWarn: a doc_id that an earlier record had is kept, and
// its documents row carries the warning duplicate_doc_id, counted in the
// result; with dedupe, a repeated text under a repeated id still points to
// the first copy and is marked.
func TestDuplicateIDsWarn(t *testing.T) {
	ann, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	corpus := jsonlCorpus(t, `{"id":"a","text":"Anna Berg said the bridge was safe."}
{"id":"b","text":"Karl Ek said the ferry was late."}
{"id":"a","text":"Maria Lind said the road was closed."}
{"id":"a","text":"Anna Berg said the bridge was safe."}
`)
	dir := t.TempDir()
	w, err := output.Create(dir, "test", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), corpus, ann, w, Options{Workers: 2, Dedupe: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	if res.Warnings[WarningDuplicateID] != 2 {
		t.Errorf("warnings %v; want %s 2", res.Warnings, WarningDuplicateID)
	}
	var rows []string
	output.ReadRows(dir, output.TableDocuments, func(d *output.DocumentRow) error {
		dup := ""
		if d.DuplicateOf != nil {
			dup = *d.DuplicateOf
		}
		rows = append(rows, fmt.Sprintf("%s %d %q %v", d.DocID, d.Record, dup, d.Warnings))
		return nil
	})
	want := []string{`a 1 "" []`, `b 2 "" []`, `a 3 "" [duplicate_doc_id]`, `a 4 "a" [duplicate_doc_id]`}
	if !slices.Equal(rows, want) {
		t.Errorf("documents = %q; want %q", rows, want)
	}
}

// brokenCorpus gives n articles, then a fatal read error (a broken input
// stream, as a full disk is a broken output).
type brokenCorpus struct{ i, n int }

func (c *brokenCorpus) Next() (*datasets.Article, error) {
	if c.i == c.n {
		return nil, errors.New("input stream broke")
	}
	c.i++
	return &datasets.Article{ID: fmt.Sprintf("d%d", c.i), Source: "in.jsonl", Record: int64(c.i), Text: "Anna Berg said the bridge was safe."}, nil
}
func (c *brokenCorpus) Progress() (int64, int64)  { return 0, 0 }
func (c *brokenCorpus) Sources() []string         { return []string{"in.jsonl"} }
func (c *brokenCorpus) Skipped() map[string]int64 { return nil }

// TestFailedRunCountsWhatIsPublished breaks a run after seven records with
// a checkpoint every two: the manifest of the failed run counts what its
// part files hold, the records of the last checkpoint, not the records
// annotated since.
func TestFailedRunCountsWhatIsPublished(t *testing.T) {
	ann, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, err = RunDir(context.Background(), DirRun{Out: out, Corpus: &brokenCorpus{n: 7}, Annotator: ann, Options: Options{Workers: 1, CheckpointEvery: 2}})
	if err == nil || !strings.Contains(err.Error(), "input stream broke") {
		t.Fatalf("RunDir = %v; want the read error", err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := output.PartFiles(out, output.TableDocuments)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := output.CountRows(parts)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != output.StatusFailed || m.Records.Documents != rows || m.Rows[output.TableDocuments] != rows || m.Records.Read != rows {
		t.Errorf("manifest: status %s, records %+v, rows %v; the part files hold %d documents", m.Status, m.Records, m.Rows, rows)
	}
}
