package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/google/go-cmp/cmp"

	"github.com/newsnlp/newsnlp/output"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// runMain runs newsnlp in-process and fails the test on an unexpected exit
// status.
func runMain(t *testing.T, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	if got := Main(args, &out, &errb); got != want {
		t.Fatalf("newsnlp %s: exit %d; want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, want, out.String(), errb.String())
	}
	return out.String(), errb.String()
}

// readTable reads one table of an output with arrow-go, a Parquet reader
// independent of the one that wrote it, and returns its rows as JSON objects
// plus the footer key-value metadata of its part file.
func readTable(t *testing.T, dir, table string) ([]map[string]any, map[string]string, *arrow.Schema) {
	t.Helper()
	rows, kv, schema, err := readParquet(dir, table)
	if err != nil {
		t.Fatal(err)
	}
	return rows, kv, schema
}

// readParquet reads every part file of a table, in name order (the order
// newsnlp writes them in).
func readParquet(dir, table string) ([]map[string]any, map[string]string, *arrow.Schema, error) {
	parts, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil || len(parts) == 0 {
		return nil, nil, nil, fmt.Errorf("%s: no part file (%v)", table, err)
	}
	sort.Strings(parts)
	var all []map[string]any
	var kv0 map[string]string
	var schema0 *arrow.Schema
	for _, part := range parts {
		rows, kv, schema, err := readPart(part)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %s: %v", table, filepath.Base(part), err)
		}
		if kv0 == nil {
			kv0, schema0 = kv, schema
		}
		all = append(all, rows...)
	}
	return all, kv0, schema0, nil
}

// readPart reads one Parquet file with arrow-go.
func readPart(path string) ([]map[string]any, map[string]string, *arrow.Schema, error) {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("arrow-go cannot open it: %v", err)
	}
	defer rdr.Close()
	kv := map[string]string{}
	for _, k := range rdr.MetaData().KeyValueMetadata().Keys() {
		if v := rdr.MetaData().KeyValueMetadata().FindValue(k); v != nil {
			kv[k] = *v
		}
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		return nil, nil, nil, err
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("arrow-go cannot read it: %v", err)
	}
	defer tbl.Release()
	tr := array.NewTableReader(tbl, 1024)
	defer tr.Release()
	rows := []map[string]any{}
	for tr.Next() {
		var buf bytes.Buffer
		if err := array.RecordToJSON(tr.RecordBatch(), &buf); err != nil {
			return nil, nil, nil, err
		}
		dec := json.NewDecoder(&buf)
		dec.UseNumber()
		for dec.More() {
			var row map[string]any
			if err := dec.Decode(&row); err != nil {
				return nil, nil, nil, err
			}
			rows = append(rows, row)
		}
	}
	return rows, kv, tbl.Schema(), nil
}

func num(v any) int {
	n, _ := v.(json.Number).Int64()
	return int(n)
}

// TestSampleGolden annotates the embedded sample and compares a canonical
// JSON dump of every table, read back with arrow-go, with
// testdata/golden/sample.json. Rewrite it with `go test ./cmd/newsnlp -update`
// after an intended change, and read the diff.
func TestSampleGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runMain(t, exitOK, "annotate", "-o", out, "--progress", "never", "--workers", "2")
	dump := map[string][]map[string]any{}
	for _, table := range output.Tables {
		rows, _, _ := readTable(t, out, table)
		if rows == nil {
			rows = []map[string]any{}
		}
		dump[table] = rows
	}
	got, err := json.MarshalIndent(dump, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "sample.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/newsnlp -update to create it)", err)
	}
	if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
		t.Errorf("sample output differs from %s (-want +got); if intended, rerun with -update:\n%s", golden, diff)
	}
}

// TestInterop checks the output contract through arrow-go: row counts
// match the manifest, every span slices documents.text exactly, list and
// timestamp columns have the promised types, and footers carry the schema
// version and config.
func TestInterop(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runMain(t, exitOK, "annotate", "-o", out, "--progress", "never")
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Records.Read != m.Records.Documents+m.Records.Errors {
		t.Errorf("manifest records do not reconcile: %+v", m.Records)
	}
	docs, kv, schema := readTable(t, out, output.TableDocuments)
	if kv[output.MetaSchemaVersion] != output.SchemaVersion || !strings.Contains(kv[output.MetaConfig], `"ner":"newsnlp"`) {
		t.Errorf("documents footer metadata = %v; want schema version and config", kv)
	}
	for _, f := range []struct{ name, typ string }{
		{"zones", "list<element: struct<kind: utf8, start: int32, end: int32>>"},
		{"warnings", "list<element: utf8>"},
		{"published", "timestamp[us, tz=UTC]"},
	} {
		fields, _ := schema.FieldsByName(f.name)
		if len(fields) != 1 || fields[0].Type.String() != f.typ {
			t.Errorf("documents.%s has type %v; want %s", f.name, fields, f.typ)
		}
	}
	texts := map[string][]rune{}
	for _, d := range docs {
		texts[d["doc_id"].(string)] = []rune(d["text"].(string))
		for _, z := range d["zones"].([]any) {
			zm := z.(map[string]any)
			if s, e := num(zm["start"]), num(zm["end"]); s < 0 || e > len(texts[d["doc_id"].(string)]) || s >= e {
				t.Errorf("zone %v out of range", zm)
			}
		}
	}
	for _, table := range []string{output.TableTokens, output.TableEntities} {
		rows, _, _ := readTable(t, out, table)
		if int64(len(rows)) != m.Rows[table] {
			t.Errorf("%s: %d rows; manifest says %d", table, len(rows), m.Rows[table])
		}
		if len(rows) == 0 {
			t.Errorf("%s: no rows", table)
		}
		for _, r := range rows {
			text := texts[r["doc_id"].(string)]
			s, e := num(r["start"]), num(r["end"])
			if s < 0 || e > len(text) || s > e || string(text[s:e]) != r["text"].(string) {
				t.Errorf("%s row %v: span [%d,%d) does not slice to its text", table, r, s, e)
			}
		}
	}
	sents, _, _ := readTable(t, out, output.TableSentences)
	for _, r := range sents {
		text := texts[r["doc_id"].(string)]
		s, e := num(r["start"]), num(r["end"])
		if s < 0 || e > len(text) || s >= e || strings.TrimSpace(string(text[s:e])) != string(text[s:e]) {
			t.Errorf("sentence %v is empty, out of range or untrimmed", r)
		}
	}
	quotes, _, qschema := readTable(t, out, output.TableQuotes)
	if len(quotes) != int(m.Rows[output.TableQuotes]) {
		t.Errorf("quotes: %d rows; manifest says %d", len(quotes), m.Rows[output.TableQuotes])
	}
	for _, col := range []string{"content_start", "cue_lemma", "speaker_resolution", "label", "confidence", "negated", "hedged", "conditional", "evidence"} {
		if f, _ := qschema.FieldsByName(col); len(f) != 1 {
			t.Errorf("quotes table lacks column %s", col)
		}
	}
}

// TestDeterminism: the same input gives byte-identical part files with 1
// and 4 workers and across runs.
func TestDeterminism(t *testing.T) {
	dir := t.TempDir()
	runs := map[string][]string{
		"w1":  {"--workers", "1"},
		"w4":  {"--workers", "4"},
		"w4b": {"--workers", "4"},
	}
	for name, flags := range runs {
		runMain(t, exitOK, append([]string{"annotate", "-o", filepath.Join(dir, name), "--progress", "never"}, flags...)...)
	}
	for _, table := range output.Tables {
		want, err := os.ReadFile(filepath.Join(dir, "w1", table, "part-00000.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"w4", "w4b"} {
			got, err := os.ReadFile(filepath.Join(dir, name, table, "part-00000.parquet"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s/%s differs from the 1-worker run", name, table)
			}
		}
	}
}

// TestClaimsSet scores the claims stage on the project's hand-labelled set
// (testdata/claims, written for the project and committed before the
// claims rules) through newsnlp eval, with floors below the measured
// figures so that a regression fails. The set labels refusals of requests
// (a judge denied bail) and rejected offers claims; the annotator follows
// the denial cue for them, as the claims issue defines a denial, with low
// confidence: macro-F1 0.925 with those 8 counted as errors.
func TestClaimsSet(t *testing.T) {
	out, _ := runMain(t, exitOK, "eval", "../../testdata/claims/claims.gold.jsonl",
		"--min", "claims.macro_f1=0.9",
		"--min", "claims.confident_accuracy=0.93",
		"--min", "claims.denial.r=0.9",
		"--min", "quotes.content30.r=0.95")
	t.Log(out)
}

// TestHeadlineSet scores the headline stage on the project's headline set
// (testdata/headlines, written and labelled before the headline rules),
// dev and test halves, with floors under today's figures, and the false
// alarms on claims and questions at most the 5%.
func TestHeadlineSet(t *testing.T) {
	for _, part := range []string{"dev", "test"} {
		js := filepath.Join(t.TempDir(), "scores.json")
		out, _ := runMain(t, exitOK, "eval", "../../testdata/headlines/headlines-"+part+".gold.jsonl", "--json", js,
			"--min", "headlines.attributed.f1=0.93",
			"--min", "headlines.outlet.f1=0.88")
		t.Log(out)
		var scores struct {
			Report struct {
				Metrics map[string]float64 `json:"metrics"`
			} `json:"report"`
		}
		b, err := os.ReadFile(js)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &scores); err != nil {
			t.Fatal(err)
		}
		if fa := scores.Report.Metrics["headlines.false_alarm"]; fa > 0.05 {
			t.Errorf("%s: false alarms on claims and questions %.3f, over 0.05", part, fa)
		}
		if fa := scores.Report.Metrics["headlines.negative_false_alarm"]; fa > 0.15 {
			t.Errorf("%s: false alarms on hard negatives %.3f, over 0.15", part, fa)
		}
	}
}

// TestSharedCorporaReconcile annotates each real corpus in ../shared/data
// (the first 300 records of the big ones) and checks that every record read
// is one documents row or one errors row, per input source, in the manifest
// and in the Parquet. The embedded sample and the test scripts' corpora are
// checked the same way by `reconciles` in testdata/script.
func TestSharedCorporaReconcile(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("no shared data at %s: the scripts' corpora are still checked", data)
	}
	corpora := [][]string{
		{"html/pages"},
		{"html/news.warc.gz"},
		{"web-news/news_sample.csv", "web-news/articles.jsonl"},
		{"reuters/articles.jsonl"},
		{"bbc/txt", "--title-line"},
	}
	for _, c := range corpora {
		t.Run(strings.ReplaceAll(c[0], "/", "_"), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var args []string
			for _, a := range c {
				if strings.HasPrefix(a, "-") {
					args = append(args, a)
				} else {
					args = append(args, filepath.Join(data, a))
				}
			}
			args = append([]string{"annotate", "-o", out, "--progress", "never", "--limit", "300"}, args...)
			var o, e bytes.Buffer
			if code := Main(args, &o, &e); code != exitOK && code != exitSomeFailed {
				t.Fatalf("exit %d\n%s%s", code, o.String(), e.String())
			}
			r, sources, err := reconcile(out)
			if err != nil {
				t.Fatal(err)
			}
			if r.Read == 0 || sources == 0 {
				t.Errorf("read %d records from %d sources; want some", r.Read, sources)
			}
			t.Logf("%v: %d read = %d documents + %d errors, %d sources", c, r.Read, r.Documents, r.Errors, sources)
		})
	}
}

// TestReannotateOwnOutput reads newsnlp's own documents table back as input
// (re-annotation after a rule change) and checks that the articles and
// every annotation come out the same; only where they were read from
// (source, record, line) differs.
func TestReannotateOwnOutput(t *testing.T) {
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first"), filepath.Join(dir, "second")
	runMain(t, exitOK, "annotate", "-o", first, "--progress", "never")
	runMain(t, exitOK, "annotate", filepath.Join(first, "documents"), "-o", second, "--progress", "never")
	if _, _, err := reconcile(second); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"documents", "sentences", "tokens", "entities", "quotes"} {
		a, _, _ := readTable(t, first, table)
		b, _, _ := readTable(t, second, table)
		if len(a) != len(b) || len(a) == 0 {
			t.Fatalf("%s: %d rows, then %d on re-annotation", table, len(a), len(b))
		}
		for i := range a {
			for _, k := range []string{"source", "record", "line"} {
				delete(a[i], k)
				delete(b[i], k)
			}
			if diff := cmp.Diff(a[i], b[i]); diff != "" {
				t.Errorf("%s row %d differs on re-annotation (-first +second):\n%s", table, i, diff)
				break
			}
		}
	}
}
