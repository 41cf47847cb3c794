package pipeline

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// BenchmarkWrite is the write stage alone: the BBC corpus (in ../shared/data
// or $NEWSNLP_DATA; skipped without it), annotated outside the timer, turned
// into rows and written as Parquet.
func BenchmarkWrite(b *testing.B) {
	dir := os.Getenv("NEWSNLP_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	path := filepath.Join(dir, "bbc", "articles.jsonl")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("no benchmark corpus: %v", err)
	}
	c, err := datasets.Open([]string{path}, datasets.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	a, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	var docs []*output.Doc
	for {
		art, err := c.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		d, err := a.Annotate(context.Background(), art.Text, art.Title)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, docOf(art, d, "en", ""))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, err := output.Create(b.TempDir(), "bench", output.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			if err := w.WriteDoc(d); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Close(nil); err != nil {
			b.Fatal(err)
		}
	}
}
