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

// drainFile writes data to a file of the given name and reads it through
// Open, as a run would, with drain's checks on every article: for the
// readers that need a file (WARC, Parquet).
func drainFile(t *testing.T, name string, data []byte, opts Options) {
	p := writeFile(t, t.TempDir(), name, data)
	c, err := Open([]string{p}, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for i := 0; i < 1000; i++ {
		a, err := c.Next()
		if err != nil && !isRecordError(err) {
			return // io.EOF
		}
		if err == nil && (a.Text == "" || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Meta) || a.ID == "") {
			t.Fatalf("article with empty or invalid text or no id from %q: %+v", data, a)
		}
	}
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
		drain(t, newCSVReader(bufio.NewReader(bytes.NewReader(input)), s, Options{MaxDocBytes: 1 << 16}, func(string) {}), input)
	})
}

// FuzzGold checks the gold parsers on any input: they return documents
// whose spans lie inside the text, or a *GoldError; they never panic.
func FuzzGold(f *testing.F) {
	f.Add("-DOCSTART- -X- O O\n\nU.S NNP I-NP I-LOC\n. . O O\n", "", "")
	f.Add("Anna NNP B-PER\nSmith NNP I-PER\n", "", "")
	f.Add(`{"id": "a", "text": "héllo", "entities": [{"start": 0, "end": 2, "label": "ORG"}], "quotes": [{"content": {"start": 1, "end": 3}}]}`, "", "")
	f.Add("", "“We win,” he said.", "T1\tSource 10 12\the\nT2\tContent 0 9;3 5\t“We win,”\nE1\tContent:T2 Source:T1 Cue:T9\n")
	f.Fuzz(func(t *testing.T, goldFile, text, ann string) {
		check := func(docs []GoldDoc, err error) {
			if err != nil {
				var ge *GoldError
				if !errors.As(err, &ge) {
					t.Fatalf("error %v is not a *GoldError", err)
				}
				return
			}
			for _, d := range docs {
				n := utf8.RuneCountInString(d.Text)
				for _, e := range d.Entities {
					if e.Start < 0 || e.End > n || e.Start > e.End {
						t.Fatalf("entity %+v outside a text of %d code points", e, n)
					}
				}
				for _, q := range d.Quotes {
					for _, fr := range append(append(q.Content.Fragments, q.Cue.Fragments...), q.Speaker.Fragments...) {
						if fr[0] < 0 || fr[1] > n || fr[0] > fr[1] {
							t.Fatalf("quote span %v outside a text of %d code points", fr, n)
						}
					}
				}
			}
		}
		check(readCoNLL("fuzz.conll", []byte(goldFile)))
		check(readNativeGold("fuzz.jsonl", []byte(goldFile)))
		d, err := parseBrat("fuzz.ann", "fuzz", text, ann)
		check([]GoldDoc{d}, err)
	})
}
