package datasets

import (
	"bytes"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/parquet-go/parquet-go"

	"github.com/newsnlp/newsnlp/output"
)

// withParquet is opts with output's Parquet reader, as the CLI sets it.
func withParquet(opts Options) Options {
	opts.OpenTable = func(r io.ReaderAt, size int64) (TableRows, error) {
		t, err := output.OpenTable(r, size)
		if err != nil {
			return nil, err
		}
		return t, nil
	}
	return opts
}

// exportRow is a Parquet export as another tool would write it: other
// column names, a timestamp, numbers, a list column, a nested column, a
// list of authors and nulls.
type exportRow struct {
	ArticleID string    `parquet:"article_id"`
	Headline  *string   `parquet:"headline,optional"`
	Body      string    `parquet:"body"`
	Published time.Time `parquet:"published,timestamp(millisecond)"`
	Score     float64   `parquet:"score"`
	Views     int32     `parquet:"views"`
	Tags      []string  `parquet:"tags,list"`
	Authors   []string  `parquet:"authors,list"`
	Outlet    outlet    `parquet:"outlet"`
}

type outlet struct {
	Name  string   `parquet:"name"`
	Rank  int32    `parquet:"rank"`
	Desks []string `parquet:"desks,list"`
}

func TestParquetExport(t *testing.T) {
	dir := t.TempDir()
	h := "Bridge opens"
	rows := []exportRow{
		{ArticleID: "p1", Headline: &h, Body: "The bridge opened on Monday.", Published: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC), Score: 0.5, Views: 12, Tags: []string{"city"},
			Authors: []string{"Ann Lee", "Bo Chen"}, Outlet: outlet{Name: "Gazette", Rank: 2, Desks: []string{"metro"}}},
		{ArticleID: "p2", Body: "  ", Published: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)},
		{ArticleID: "p3", Body: "Caf\xe9 owners said no.", Published: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), Views: 3},
	}
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[exportRow](&buf, parquet.MaxRowsPerRowGroup(2)) // two row groups
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	p := writeFile(t, dir, "export.parquet", buf.Bytes())
	got := readAll(t, open(t, []string{p}, withParquet(Options{MaxDocBytes: DefaultMaxDocBytes})))
	want := []result{
		{ID: "p1", Title: "Bridge opens", Text: "The bridge opened on Monday.", Published: "2026-03-02T09:30:00Z", Record: 1, Author: "Ann Lee; Bo Chen",
			Meta: `{"outlet":{"desks":["metro"],"name":"Gazette","rank":2},"score":0.5,"tags":["city"],"views":12}`},
		{ID: "p2", Record: 2, Err: "no_text:body"},
		{ID: "p3", Text: "Café owners said no.", Published: "2026-03-04T00:00:00Z", Record: 3, Meta: `{"outlet":{"desks":[],"name":"","rank":0},"score":0,"views":3}`, Warnings: []string{WarnLatin1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parquet export (-want +got):\n%s", diff)
	}
}

func TestParquetFaults(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[exportRow](&buf)
	w.Write([]exportRow{{ArticleID: "a", Body: "Text."}})
	w.Close()
	full := buf.Bytes()
	trunc := writeFile(t, dir, "cut.parquet", full[:len(full)/2])
	notpq := writeFile(t, dir, "fake.parquet", []byte("id,text\n1,hello\n"))
	gzpq := writeFile(t, dir, "z.parquet", gz(t, full))
	next := writeFile(t, dir, "next.jsonl", []byte(`{"id": "next", "text": "Still read."}`+"\n"))
	got := readAll(t, open(t, []string{trunc, notpq, gzpq, next}, withParquet(Options{MaxDocBytes: DefaultMaxDocBytes})))
	var kinds []string
	for _, r := range got {
		kinds = append(kinds, r.Err+r.ID)
	}
	want := []string{"corrupt:" + fallbackID(filepath.Base(trunc), 0), "corrupt:" + fallbackID(filepath.Base(notpq), 0), "read:" + fallbackID(filepath.Base(gzpq), 0), "next"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("faulty Parquet (-want +got):\n%s", diff)
	}
}

func FuzzParquet(f *testing.F) {
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[exportRow](&buf)
	h := "A title"
	w.Write([]exportRow{{ArticleID: "a", Headline: &h, Body: "Some text.", Tags: []string{"x", "y"}}, {ArticleID: "b", Body: "More."}})
	w.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("PAR1PAR1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		drainFile(t, "f.parquet", data, withParquet(Options{MaxDocBytes: 1 << 20}))
	})
}

// TestParquetFooterClaimIsChecked: a 60-byte file whose footer claims
// gigabytes made parquet-go allocate them (found by FuzzParquet). The claim
// is checked against the file first.
func TestParquetFooterClaimIsChecked(t *testing.T) {
	data := []byte("PAR1" + strings.Repeat("\x15\x00", 24) + "\xff\xff\xff\x7fPAR1")
	p := writeFile(t, t.TempDir(), "claim.parquet", data)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := readAll(t, open(t, []string{p}, withParquet(Options{MaxDocBytes: DefaultMaxDocBytes})))
	runtime.ReadMemStats(&after)
	if len(got) != 1 || got[0].Err != "corrupt:" {
		t.Errorf("got %+v; want one corrupt error", got)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("opening it allocated %d MiB", alloc>>20)
	}
}
