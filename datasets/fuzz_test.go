package datasets

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"
)

// drain reads every record of one reader, checking the contract: each call
// gives an article with valid UTF-8 text or a *RecordError, and the reader
// reaches io.EOF (or a source error) in a bounded number of calls.
func drain(t *testing.T, r recordReader, input []byte) {
	for i := 0; i <= len(input)+2; i++ {
		a, err := r.next()
		if err == io.EOF {
			return
		}
		var re *RecordError
		if errors.As(err, &re) {
			if re.Err == nil {
				t.Fatalf("record error without a cause on %q", input)
			}
			continue
		}
		if err != nil {
			return // the source is broken; Corpus reports it once
		}
		if a.Text == "" || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Meta) {
			t.Fatalf("article with empty or invalid text from %q: %+v", input, a)
		}
		if a.ID == "" {
			t.Fatalf("article without an id from %q", input)
		}
	}
	t.Fatalf("reader did not reach EOF on %q", input)
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id": 1, "text": "A.", "title": "T", "date": "2026-01-02"}` + "\n{bad\n"))
	f.Add([]byte("{\"text\": \"caf\xe9\"}\n\n[1,2]\n\"str\"\n{\"text\": {\"nested\": true}}"))
	f.Add([]byte(`{"text": "x"} {"text": "y"}`))
	f.Add([]byte(`{"text": null, "content": "c"}`))
	f.Fuzz(func(t *testing.T, input []byte) {
		s := &source{name: "fuzz.jsonl", format: FormatJSONL}
		drain(t, newJSONLReader(bufio.NewReader(bytes.NewReader(input)), s, Options{MaxDocBytes: 1 << 16}), input)
	})
}

func FuzzCSV(f *testing.F) {
	f.Add([]byte("id,text\n1,\"multi\nline\"\n2,short\n3\n"), false)
	f.Add([]byte("text\ta\n\"bare \" quote\tb\n"), true)
	f.Add([]byte("\ufeff,content,title\n0,\"x\"\"y\",t\n"), false)
	f.Fuzz(func(t *testing.T, input []byte, tsv bool) {
		format := FormatCSV
		if tsv {
			format = FormatTSV
		}
		s := &source{name: "fuzz.csv", format: format}
		drain(t, newCSVReader(bufio.NewReader(bytes.NewReader(input)), s, Options{MaxDocBytes: 1 << 16}), input)
	})
}
