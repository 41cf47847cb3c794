package datasets

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/zstd"
)

// result is one Next call rendered for comparison.
type result struct {
	ID, Title, Text, URL string
	Author               string
	Published            string
	Record, Line         int64
	Warnings             []string
	Meta                 string
	Err                  string // RecordError kind and field, "" for an article
}

// readAll drains a corpus, rendering articles and record errors.
func readAll(t *testing.T, c *Corpus) []result {
	t.Helper()
	var out []result
	for {
		a, err := c.Next()
		if err == io.EOF {
			return out
		}
		var re *RecordError
		if errors.As(err, &re) {
			out = append(out, result{ID: re.ID, Record: re.Record, Line: re.Line, Err: re.Kind + ":" + re.Field})
			continue
		}
		if err != nil {
			t.Fatalf("Next: fatal error %v", err)
		}
		r := result{ID: a.ID, Title: a.Title, Text: a.Text, URL: a.URL, Author: a.Author, Record: a.Record, Line: a.Line, Warnings: a.Warnings, Meta: a.Meta}
		if a.Published != nil {
			r.Published = a.Published.Format(time.RFC3339)
		}
		out = append(out, r)
	}
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func open(t *testing.T, inputs []string, opts Options) *Corpus {
	t.Helper()
	c, err := Open(inputs, opts)
	if err != nil {
		t.Fatalf("Open(%v): %v", inputs, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestJSONL(t *testing.T) {
	dir := t.TempDir()
	data := strings.Join([]string{
		`{"id": 7, "headline": "Vote held", "content": "The council voted.", "link": "https://e.org/a", "pubdate": "2026-03-10", "topic": "politics"}`,
		``,
		`{"id": "x2", "text": "Second.", "published": "not a date"}`,
		`{"text": "No id here."}`,
		`{"id": "bad", "text": "unterminated`,
		`["not", "an", "object"]`,
		`{"id": "empty", "text": "   "}`,
		`{"id": "notext", "title": "Only a title"}`,
		"{\"id\": \"utf\", \"text\": \"caf\xe9 b\u00e4r\"}", // UTF-8 with a stray byte
		`{"id": "last", "text": "Last one."}`,
	}, "\n")
	p := writeFile(t, dir, "in.jsonl", []byte(data))
	got := readAll(t, open(t, []string{p}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	want := []result{
		{ID: "7", Title: "Vote held", Text: "The council voted.", URL: "https://e.org/a", Published: "2026-03-10T00:00:00Z", Record: 1, Line: 1, Meta: `{"topic":"politics"}`},
		{ID: "x2", Text: "Second.", Record: 2, Line: 3, Warnings: []string{WarnDate}},
		{ID: fallbackID(filepath.Base(p), 3), Text: "No id here.", Record: 3, Line: 4},
		{ID: fallbackID(filepath.Base(p), 4), Record: 4, Line: 5, Err: "json:"},
		{ID: fallbackID(filepath.Base(p), 5), Record: 5, Line: 6, Err: "json:"},
		{ID: "empty", Record: 6, Line: 7, Err: "no_text:text"},
		{ID: "notext", Record: 7, Line: 8, Err: "no_text:text"},
		{ID: "utf", Text: "caf\uFFFD bär", Record: 8, Line: 9, Warnings: []string{WarnUTF8}},
		{ID: "last", Text: "Last one.", Record: 9, Line: 10},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSONL records (-want +got):\n%s", diff)
	}
}

func TestJSONLExplicitFields(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "in.ndjson", []byte(`{"key": "k1", "story": "Body.", "text": "not this", "when": "January 2, 2026"}`+"\n"))
	got := readAll(t, open(t, []string{p}, Options{Fields: FieldMap{ID: "key", Text: "story", Date: "when"}}))
	want := []result{{ID: "k1", Text: "Body.", Published: "2026-01-02T00:00:00Z", Record: 1, Line: 1, Meta: `{"text":"not this"}`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// An explicit field that a record lacks is a record error naming it.
	got = readAll(t, open(t, []string{p}, Options{Fields: FieldMap{Text: "missing"}}))
	if len(got) != 1 || got[0].Err != "no_text:missing" {
		t.Errorf("explicit missing text field: got %+v; want one no_text error on field missing", got)
	}
}

func TestJSONLTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("word ", 100)
	p := writeFile(t, dir, "in.jsonl", []byte(`{"id": "big", "text": "`+big+`"}`+"\n"+`{"id": "ok", "text": "short"}`+"\n"))
	got := readAll(t, open(t, []string{p}, Options{MaxDocBytes: 100}))
	if len(got) != 2 || got[0].Err != "too_large:text" || got[1].ID != "ok" {
		t.Errorf("got %+v; want too_large error then the short article", got)
	}
	// A line far over the limit (twice the text limit plus 1 MiB for other
	// fields) is skipped without being held whole.
	huge := `{"id": "huge", "text": "` + strings.Repeat("x", 1<<20+100) + `"}`
	p = writeFile(t, dir, "huge.jsonl", []byte(huge+"\n"+`{"id": "after", "text": "fine"}`+"\n"))
	got = readAll(t, open(t, []string{p}, Options{MaxDocBytes: 10}))
	if len(got) != 2 || got[0].Err != "too_large:" || got[1].ID != "after" || got[1].Line != 2 {
		t.Errorf("got %+v; want a too_large error then the record on line 2", got)
	}
}

func TestCSV(t *testing.T) {
	dir := t.TempDir()
	data := "\ufeff,id,title,content,url,scraped_at\n" +
		"0,141,Gift brings tears,\"First paragraph.\n\nSecond, with a comma and \"\"quotes\"\".\",http://e.org/1,2018-01-25 16:17:44.789555\n" +
		"1,142,Too few fields,oops\n" +
		"2,143,Third,\"Third text.\",http://e.org/3,\n"
	p := writeFile(t, dir, "news.csv", []byte(data))
	got := readAll(t, open(t, []string{p}, Options{}))
	want := []result{
		{ID: "141", Title: "Gift brings tears", Text: "First paragraph.\n\nSecond, with a comma and \"quotes\".", URL: "http://e.org/1", Record: 1, Line: 2, Meta: `{"column_1":"0","scraped_at":"2018-01-25 16:17:44.789555"}`},
		{ID: fallbackID(filepath.Base(p), 2), Record: 2, Line: 5, Err: "field_count:"},
		{ID: "143", Title: "Third", Text: "Third text.", URL: "http://e.org/3", Record: 3, Line: 6, Meta: `{"column_1":"2"}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV records (-want +got):\n%s", diff)
	}
}

func TestTSV(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "a.tsv", []byte("id\tbody\tdate\nt1\tSome \"quoted\" text.\tWed, 02 Oct 2002 13:00:00 GMT\n"))
	got := readAll(t, open(t, []string{p}, Options{}))
	want := []result{{ID: "t1", Text: `Some "quoted" text.`, Published: "2002-10-02T13:00:00Z", Record: 1, Line: 2}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTextFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "sport/002.txt", []byte("Second title\n\nSecond body."))
	writeFile(t, dir, "business/001.txt", []byte("First title\n\nFirst body."))
	writeFile(t, dir, "business/.hidden.txt", []byte("never read"))
	writeFile(t, dir, "business/notes.pdf", []byte("%PDF"))
	writeFile(t, dir, "empty/003.txt", []byte("\n \n"))
	got := readAll(t, open(t, []string{dir}, Options{TitleLine: true}))
	want := []result{
		{ID: "business/001.txt", Title: "First title", Text: "First title\n\nFirst body.", Record: 1, Line: 1},
		{ID: "empty/003.txt", Record: 1, Line: 1, Err: "no_text:"},
		{ID: "sport/002.txt", Title: "Second title", Text: "Second title\n\nSecond body.", Record: 1, Line: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

func gz(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zst(t *testing.T, b []byte) []byte {
	enc, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	return enc.EncodeAll(b, nil)
}

func TestCompressedAndGlobs(t *testing.T) {
	dir := t.TempDir()
	jsonl := []byte(`{"id": "a", "text": "Alpha."}` + "\n")
	csv := []byte("id,text\nb,Beta.\n")
	writeFile(t, dir, "1.jsonl.gz", gz(t, jsonl))
	writeFile(t, dir, "2.csv.zst", zst(t, csv))
	writeFile(t, dir, "3.txt.gz", gz(t, []byte("Gamma.")))
	writeFile(t, dir, "4.unknown", []byte("skipped by the glob"))
	got := readAll(t, open(t, []string{filepath.Join(dir, "*")}, Options{}))
	var ids []string
	for _, r := range got {
		ids = append(ids, r.ID+"="+r.Text+r.Err)
	}
	want := []string{"a=Alpha.", "b=Beta.", fallbackID("3.txt.gz", 1) + "=Gamma."}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestTruncatedGzipKeepsEarlierRecords(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := 0; i < 200; i++ {
		lines = append(lines, `{"text": "Record number `+strings.Repeat("x", i)+`."}`)
	}
	full := gz(t, []byte(strings.Join(lines, "\n")+"\n"))
	p := writeFile(t, dir, "cut.jsonl.gz", full[:len(full)*2/3])
	ok := writeFile(t, dir, "next.jsonl", []byte(`{"id": "next", "text": "Still read."}`+"\n"))
	got := readAll(t, open(t, []string{p, ok}, Options{}))
	if len(got) < 3 {
		t.Fatalf("got %d results; want the records before the cut, one error and the next file", len(got))
	}
	last := got[len(got)-1]
	cut := got[len(got)-2]
	if last.ID != "next" || cut.Err != "corrupt:" {
		t.Errorf("tail = %+v, %+v; want a corrupt error then the next file's record", cut, last)
	}
	for _, r := range got[:len(got)-2] {
		if r.Err != "" {
			t.Errorf("record before the cut failed: %+v", r)
		}
	}
}

func TestBinaryFile(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	got := readAll(t, open(t, []string{p}, Options{}))
	if len(got) != 1 || got[0].Err != "binary:" {
		t.Errorf("got %+v; want one binary error", got)
	}
}

func TestStdin(t *testing.T) {
	c := open(t, []string{"-"}, Options{Stdin: strings.NewReader(`{"id": "s", "text": "From stdin."}`)})
	got := readAll(t, c)
	if len(got) != 1 || got[0].Text != "From stdin." {
		t.Errorf("got %+v", got)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.xyz", []byte("x"))
	tests := []struct {
		inputs []string
		opts   Options
		want   string
	}{
		{[]string{filepath.Join(dir, "missing.jsonl")}, Options{}, "no such input"},
		{[]string{filepath.Join(dir, "*.csv")}, Options{}, "matches no file"},
		{[]string{filepath.Join(dir, "a.xyz")}, Options{}, "unknown format"},
		{[]string{"-", "-"}, Options{}, "given twice"},
		{[]string{dir}, Options{Format: "xml"}, "unknown format"},
	}
	for _, tt := range tests {
		if _, err := Open(tt.inputs, tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Open(%v) error = %v; want it to mention %q", tt.inputs, err, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-03-10T09:30:00Z", "2026-03-10T09:30:00Z"},
		{"2026-03-04T07:15:00+01:00", "2026-03-04T06:15:00Z"},
		{"Mon, 16 Mar 2026 18:05:00 GMT", "2026-03-16T18:05:00Z"},
		{"2026-04-02", "2026-04-02T00:00:00Z"},
		{"March 20, 2026", "2026-03-20T00:00:00Z"},
		{"2018-01-25 16:17:44.789555", "2018-01-25T16:17:44Z"},
		{"sometime last spring", ""},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		s := ""
		if ok {
			s = got.Truncate(time.Second).Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("ParseDate(%q) = %q; want %q", tt.in, s, tt.want)
		}
	}
}

func TestSample(t *testing.T) {
	got := readAll(t, OpenSample(Options{}))
	if len(got) < 8 || len(got) > 12 {
		t.Fatalf("sample has %d articles; want 8 to 12", len(got))
	}
	for _, r := range got {
		if r.Err != "" || r.Text == "" || r.Title == "" {
			t.Errorf("sample record %+v is incomplete", r)
		}
	}
}

func TestFallbackIDIsStable(t *testing.T) {
	if fallbackID("a.jsonl", 3) != fallbackID("a.jsonl", 3) || fallbackID("a.jsonl", 3) == fallbackID("a.jsonl", 4) {
		t.Error("fallbackID must be a function of source and record only, and differ between records")
	}
}

// TestJSONLWithNULLosesOnlyItsLine: a raw NUL early in a JSONL file spoils
// only its own line, which becomes an errors row; the good lines around it
// are read, so every line is an article or an error.
func TestJSONLWithNULLosesOnlyItsLine(t *testing.T) {
	var in strings.Builder
	in.WriteString(`{"id": "a", "text": "First."}` + "\n")
	in.WriteString("\x00\x00\x01 not json\n")
	for i := range 49 {
		fmt.Fprintf(&in, `{"id": "r%d", "text": "Record %d."}`+"\n", i, i)
	}
	dir := t.TempDir()
	got := readAll(t, open(t, []string{writeFile(t, dir, "mixed.jsonl", []byte(in.String()))}, Options{}))
	if len(got) != 51 || got[0].ID != "a" || got[1].Err == "" || got[2].ID != "r0" || got[50].ID != "r48" {
		t.Fatalf("got %d results (first %+v, second %+v); want 50 articles and 1 error in file order", len(got), got[0], got[1])
	}
}

// TestCSVUnclosedQuoteRecovers: a quote that never closes spoils its own
// record, not the rest of the file. Reading starts again at the next line
// that reads as a row, the lines passed over are counted, and every other
// row is read.
func TestCSVUnclosedQuoteRecovers(t *testing.T) {
	var in strings.Builder
	in.WriteString("id,text\n")
	for i := range 1000 {
		if i == 4 {
			in.WriteString(`r4,"This quote never closes` + "\n")
			in.WriteString("and this line goes with it\n")
			continue
		}
		fmt.Fprintf(&in, "r%d,\"Row %d, quoted.\"\n", i, i)
	}
	dir := t.TempDir()
	c := open(t, []string{writeFile(t, dir, "broken.csv", []byte(in.String()))}, Options{MaxDocBytes: DefaultMaxDocBytes})
	got := readAll(t, c)
	if len(got) != 1000 {
		t.Fatalf("got %d results; want 999 rows and 1 error", len(got))
	}
	for i, r := range got {
		switch {
		case i == 4 && (r.Err != "csv:" || r.Line != 6):
			t.Errorf("result 4 = %+v; want a csv error at line 6", r)
		case i != 4 && r.ID != fmt.Sprintf("r%d", i):
			t.Errorf("result %d = %+v; want row r%d", i, r, i)
		}
	}
	if want := map[string]int64{SkipCSVLines: 1}; fmt.Sprint(c.Skipped()) != fmt.Sprint(want) {
		t.Errorf("Skipped() = %v; want %v", c.Skipped(), want)
	}
}
