package annotate

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/jdkato/prose/v3"
)

// benchTexts loads the article texts of the BBC corpus in ../shared/data
// (or $NEWSNLP_DATA). Benchmarks skip without it: it is third-party data
// that the repository does not carry.
func benchTexts(b *testing.B) []string {
	b.Helper()
	dir := os.Getenv("NEWSNLP_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	f, err := os.Open(filepath.Join(dir, "bbc", "articles.jsonl"))
	if err != nil {
		b.Skipf("no benchmark corpus: %v", err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, a.Text)
	}
	return texts
}

// BenchmarkBareProse is the baseline: prose v3's NewDocument with every
// stage (tokens, sentences, tags, entities) over the BBC texts, one thread.
func BenchmarkBareProse(b *testing.B) {
	texts := benchTexts(b)
	words := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		words = 0
		for _, t := range texts {
			doc, err := prose.NewDocument(t)
			if err != nil {
				b.Fatal(err)
			}
			for _, tok := range doc.Tokens() {
				if IsWord(tok.Text) {
					words++
				}
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkAnnotate is newsnlp's annotate stages (zone, nlp, entities) over
// the same texts, one thread.
func BenchmarkAnnotate(b *testing.B) {
	texts := benchTexts(b)
	a := newTestAnnotator(b)
	words := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		words = 0
		for _, t := range texts {
			d, err := a.Annotate(context.Background(), t, "")
			if err != nil {
				b.Fatal(err)
			}
			for _, tok := range d.Tokens {
				if IsWord(tok.Text) {
					words++
				}
			}
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkFindZones measures the zone finder alone.
func BenchmarkFindZones(b *testing.B) {
	texts := benchTexts(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			FindZones(t, "")
		}
	}
}
