package annotate

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/jdkato/prose/v3"
	"github.com/newsnlp/newsnlp/annotate/doc"
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
			pd, err := prose.NewDocument(t)
			if err != nil {
				b.Fatal(err)
			}
			for _, tok := range pd.Tokens() {
				if doc.IsWord(tok.Text) {
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
				if doc.IsWord(tok.Text) {
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

// stageRange is the index of stage first and the one after stage last in
// the Annotator's list.
func stageRange(b *testing.B, a *Annotator, first, last string) (int, int) {
	b.Helper()
	i, j := -1, -1
	for k, s := range a.stages {
		if s.Name() == first {
			i = k
		}
		if s.Name() == last {
			j = k + 1
		}
	}
	if i < 0 || j <= i {
		b.Fatalf("no stages %s to %s in %v", first, last, a.Stages())
	}
	return i, j
}

// benchStages times stages first to last over the BBC texts, one thread;
// the stages before them run outside the timer. Each pass starts from a
// shallow copy of the prepared document: the timed stages assign their
// fields anew (claims overwrites every label in place, so it can run
// again).
func benchStages(b *testing.B, cfg Config, first, last string) {
	texts := benchTexts(b)
	a, err := New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	i, j := stageRange(b, a, first, last)
	docs := make([]doc.Document, len(texts))
	words := 0
	for k, t := range texts {
		docs[k] = doc.Document{Text: t}
		if err := a.run(context.Background(), &docs[k], a.stages[:i]); err != nil {
			b.Fatal(err)
		}
		if i > 1 { // the nlp stage counts words
			words += docs[k].Words
		}
	}
	b.ResetTimer()
	for range b.N {
		for k := range docs {
			d := docs[k]
			if err := a.run(context.Background(), &d, a.stages[i:j]); err != nil {
				b.Fatal(err)
			}
		}
	}
	if words > 0 {
		b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	}
}

// BenchmarkNERNewsnlp is newsnlp's entity model with the entities stage
// (rules, gazetteer, clusters).
func BenchmarkNERNewsnlp(b *testing.B) { benchStages(b, DefaultConfig(), "ner", "entities") }

// BenchmarkNERProse is prose v3's entity model with the entities stage.
func BenchmarkNERProse(b *testing.B) { benchStages(b, Config{NER: NERProse}, "ner", "entities") }

// BenchmarkNLPStage is the nlp stage: sentences, tokens and tags, the
// yardstick for the quotes stage's cost.
func BenchmarkNLPStage(b *testing.B) { benchStages(b, DefaultConfig(), "nlp", "nlp") }

// BenchmarkQuotesStage is the quotes stage alone.
func BenchmarkQuotesStage(b *testing.B) { benchStages(b, DefaultConfig(), "quotes", "quotes") }

// BenchmarkClaimsStage is the claims stage alone, over the attributions
// the quotes stage found.
func BenchmarkClaimsStage(b *testing.B) { benchStages(b, DefaultConfig(), "claims", "claims") }
