package datasets

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/zstd"
)

// The inputs here are the faults real corpora hold; each test names one.

func TestLegacyEncodingIsDecoded(t *testing.T) {
	dir := t.TempDir()
	// Windows-1252 bytes: é (0xe9), curly quotes (0x93, 0x94), € (0x80).
	cp := func(s string) string {
		r := strings.NewReplacer("é", "\xe9", "“", "\x93", "”", "\x94", "€", "\x80")
		return r.Replace(s)
	}
	jsonl := writeFile(t, dir, "a.jsonl", []byte(cp(`{"id": "j", "title": "Café", "text": "He said: “It costs 5 €.”"}`+"\n")))
	csvp := writeFile(t, dir, "b.csv", []byte(cp("id,title,text\nc,Café,\"He said: “It costs 5 €.”\"\n")))
	txt := writeFile(t, dir, "c.txt", []byte(cp("He said: “It costs 5 €.”")))
	got := readAll(t, open(t, []string{jsonl, csvp, txt}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	want := []result{
		{ID: "j", Title: "Café", Text: "He said: “It costs 5 €.”", Record: 1, Line: 1, Warnings: []string{WarnLatin1}},
		{ID: "c", Title: "Café", Text: "He said: “It costs 5 €.”", Record: 1, Line: 2, Warnings: []string{WarnLatin1}},
		{ID: fallbackID(filepath.Base(txt), 1), Text: "He said: “It costs 5 €.”", Record: 1, Line: 1, Warnings: []string{WarnLatin1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Windows-1252 input (-want +got):\n%s", diff)
	}
}

func TestDecodeLegacy(t *testing.T) {
	tests := []struct {
		in, want string
		decoded  bool
	}{
		{"plain ASCII", "plain ASCII", false},
		{"caf\xc3\xa9", "café", false},                  // valid UTF-8 is left alone
		{"caf\xe9", "café", true},                       // ISO-8859-1
		{"\x80 \x9f \x81", "€ Ÿ \ufffd", true},          // Windows-1252's range, and an undefined byte
		{"caf\xc3\xa9 \xe9", "caf\xc3\xa9 \xe9", false}, // mixed: not guessed
	}
	for _, tt := range tests {
		got, ok := decodeLegacy(tt.in)
		if got != tt.want || ok != tt.decoded {
			t.Errorf("decodeLegacy(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.decoded)
		}
	}
}

func TestCSVWithBOMCRLFAndQuotedNewlines(t *testing.T) {
	dir := t.TempDir()
	data := "\ufeffid,title,text\r\n" +
		"a,One,\"First line.\r\nSecond line, with a comma.\"\r\n" +
		"b,Two,\"He said \"\"yes\"\".\"\r\n" +
		"c,Three,Plain.\r\n"
	p := writeFile(t, dir, "crlf.csv", []byte(data))
	got := readAll(t, open(t, []string{p}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	// encoding/csv turns a quoted field's CRLF into LF (RFC 4180 leaves it
	// to the reader); the BOM does not reach the first column's name.
	want := []result{
		{ID: "a", Title: "One", Text: "First line.\nSecond line, with a comma.", Record: 1, Line: 2},
		{ID: "b", Title: "Two", Text: `He said "yes".`, Record: 2, Line: 4},
		{ID: "c", Title: "Three", Text: "Plain.", Record: 3, Line: 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CRLF CSV (-want +got):\n%s", diff)
	}
}

func TestEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for _, name := range []string{"e.jsonl", "e.csv", "e.tsv", "e.txt", "e.html", "e.warc", "e.jsonl.gz"} {
		data := []byte{}
		if strings.HasSuffix(name, ".gz") {
			data = gz(t, nil)
		}
		inputs = append(inputs, writeFile(t, dir, name, data))
	}
	got := readAll(t, open(t, inputs, Options{MaxDocBytes: DefaultMaxDocBytes}))
	// Record-per-line formats have no records; a whole-file format (text,
	// HTML) has one record with no text, which is an error row.
	var kinds []string
	for _, r := range got {
		kinds = append(kinds, r.Err)
	}
	want := []string{"no_text:", "no_text:"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("empty files (-want +got):\n%s\n%+v", diff, got)
	}
}

// bomb returns size bytes of one repeated record body compressed with gzip
// or zstd: a small file with a huge expansion.
func bomb(t *testing.T, kind, prefix, suffix string, size int) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch kind {
	case "gz":
		w, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
	case "zst":
		zw, err := zstd.NewWriter(&buf, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithWindowSize(1<<20))
		if err != nil {
			t.Fatal(err)
		}
		w = zw
	}
	io.WriteString(w, prefix)
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for n := 0; n < size; n += len(chunk) {
		w.Write(chunk)
	}
	io.WriteString(w, suffix)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecompressionBombStopsAtMaxDocBytes(t *testing.T) {
	const expansion = 256 << 20 // 256 MiB of text in a file of a few hundred KiB
	const limit = 1 << 20
	next := `{"id": "next", "text": "The record after the bomb is read."}` + "\n"
	tests := []struct {
		name, prefix, suffix string
		want                 []string // kinds of the results, "" for an article
	}{
		// One giant line, then a good record: the line is skipped
		// without being held, and the next record is read.
		{"x.jsonl", `{"id": "big", "text": "`, "\"}\n" + next, []string{"too_large:", ""}},
		// A giant quoted field: the rest of the file cannot be resynchronised.
		{"x.csv", "id,text\nbig,\"", "\"\n", []string{"too_large:"}},
		{"x.txt", "", "", []string{"too_large:"}},
		{"x.html", "<html><body><p>", "</p></body></html>", []string{"too_large:"}},
	}
	for _, kind := range []string{"gz", "zst"} {
		for _, tt := range tests {
			t.Run(tt.name+"."+kind, func(t *testing.T) {
				dir := t.TempDir()
				p := writeFile(t, dir, tt.name+"."+kind, bomb(t, kind, tt.prefix, tt.suffix, expansion))
				info, _ := os.Stat(p)
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				got := readAll(t, open(t, []string{p}, Options{MaxDocBytes: limit}))
				runtime.ReadMemStats(&after)
				var kinds []string
				for _, r := range got {
					kinds = append(kinds, r.Err)
				}
				if diff := cmp.Diff(tt.want, kinds); diff != "" {
					t.Errorf("%s (%d bytes, expands to %d MiB): results (-want +got):\n%s", tt.name, info.Size(), expansion>>20, diff)
				}
				// Allocation, not timing: everything allocated while reading
				// must stay a small multiple of the limit, nowhere near the
				// expansion. (TotalAlloc counts every allocation, freed or not.)
				if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 48<<20 {
					t.Errorf("reading the bomb allocated %d MiB; want under 48 MiB for a %d MiB limit", alloc>>20, limit>>20)
				}
			})
		}
	}
}

func TestTenThousandTinyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 10,000 files")
	}
	dir := t.TempDir()
	const n = 10000
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("d%02d/%05d.txt", i%100, i)
		writeFile(t, dir, name, []byte(fmt.Sprintf("Article %d.", i)))
	}
	fds := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			return -1
		}
		return len(ents)
	}
	before := fds()
	c := open(t, []string{dir}, Options{MaxDocBytes: DefaultMaxDocBytes})
	var read, failed int
	for {
		a, err := c.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			failed++
			continue
		}
		read++
		if a.Record != 1 {
			t.Fatalf("%s: record %d; want 1 per file", a.Source, a.Record)
		}
	}
	if read != n || failed != 0 {
		t.Errorf("read %d articles and %d errors; want %d and 0", read, failed, n)
	}
	if after := fds(); before >= 0 && after > before+2 {
		t.Errorf("open file descriptors grew from %d to %d: files are not closed", before, after)
	}
}
