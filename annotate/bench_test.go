package annotate

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/jdkato/prose/v3"
	"github.com/jdkato/prose/v3/token"
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
			doc, err := prose.NewDocument(t)
			if err != nil {
				b.Fatal(err)
			}
			for _, tok := range doc.Tokens() {
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

// preNER runs the stages before entity recognition over the texts, outside
// any timer, so the NER benchmarks measure the entity stage alone.
func preNER(b *testing.B, a *Annotator, texts []string) ([]nlpResult, int) {
	b.Helper()
	var rs []nlpResult
	words := 0
	for _, t := range texts {
		r, err := a.nlp(context.Background(), t, FindZones(t, ""), false)
		if err != nil {
			b.Fatal(err)
		}
		words += r.Words
		rs = append(rs, r)
	}
	return rs, words
}

// BenchmarkNERNewsnlp is newsnlp's entity model alone: features, decoding
// and the entities stage (rules, gazetteer, clusters).
func BenchmarkNERNewsnlp(b *testing.B) {
	texts := benchTexts(b)
	a := newTestAnnotator(b)
	rs, words := preNER(b, a, texts)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range rs {
			r := &rs[k]
			r.Mentions = r.Mentions[:0]
			casing := newDocCasing(r.Tokens, r.Lower, r.sentToks)
			sc := &nerScratch{}
			for si := range r.Sentences {
				rng := r.Sentences[si].Tokens()
				if nerZone(r.Sentences[si].Zone) && rng[0] < rng[1] {
					r.Mentions = a.modelMentions(r.Mentions, r.Tokens[rng[0]:rng[1]], r.Lower[rng[0]:rng[1]], rng[0], si, casing, sc)
				}
			}
			a.entities(texts[k], r)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkNERProse is prose v3's entity extraction alone (Label and Chunk)
// over the same tagged sentences.
func BenchmarkNERProse(b *testing.B) {
	texts := benchTexts(b)
	a, err := New(Config{NER: NERProse})
	if err != nil {
		b.Fatal(err)
	}
	type sent struct {
		text string
		toks []token.Token
	}
	var sents []sent
	rs, words := preNER(b, a, texts)
	for k, t := range texts {
		r := &rs[k]
		for si := range r.Sentences {
			rng := r.Sentences[si].Tokens()
			if !nerZone(r.Sentences[si].Zone) || rng[0] == rng[1] {
				continue
			}
			s := r.Sentences[si]
			var toks []token.Token
			for _, tk := range r.Tokens[rng[0]:rng[1]] {
				toks = append(toks, token.Token{Text: tk.Text, Tag: tk.POS, Start: tk.Start - s.Start})
			}
			sents = append(sents, sent{t[s.Start:s.End], toks})
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			a.extracter.Label(s.toks)
			a.extracter.Chunk(s.text, s.toks)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkNLPStage is the nlp stage without entities: sentences, tokens
// and tags, the yardstick for the quotes stage's cost.
func BenchmarkNLPStage(b *testing.B) {
	texts := benchTexts(b)
	a := newTestAnnotator(b)
	zones := make([][]doc.Zone, len(texts))
	for i, t := range texts {
		zones[i] = FindZones(t, "")
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, t := range texts {
			if _, err := a.nlp(context.Background(), t, zones[k], false); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// preQuoted is a document with the stages before quotes done.
type preQuoted struct {
	zones []doc.Zone
	r     nlpResult
}

// preQuotes runs the stages before quotes over the texts, outside any
// timer.
func preQuotes(b *testing.B, a *Annotator, texts []string) []preQuoted {
	b.Helper()
	docs := make([]preQuoted, len(texts))
	for i, t := range texts {
		z := FindZones(t, "")
		r, err := a.nlp(context.Background(), t, z, true)
		if err != nil {
			b.Fatal(err)
		}
		r.Mentions = a.entities(t, &r)
		docs[i] = preQuoted{z, r}
	}
	return docs
}

// BenchmarkQuotesStage is the quotes stage alone, over documents whose
// earlier stages ran outside the timer.
func BenchmarkQuotesStage(b *testing.B) {
	texts := benchTexts(b)
	a := newTestAnnotator(b)
	docs := preQuotes(b, a, texts)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, t := range texts {
			a.quotesStage(t, docs[k].zones, &docs[k].r, docs[k].r.Mentions)
		}
	}
}

// BenchmarkClaimsStage is the claims stage alone, over the attributions the
// quotes stage found (it overwrites every label, so it can run again).
func BenchmarkClaimsStage(b *testing.B) {
	texts := benchTexts(b)
	a := newTestAnnotator(b)
	docs := preQuotes(b, a, texts)
	ats := make([][]attribution, len(docs))
	for k, t := range texts {
		ats[k] = a.quotesStage(t, docs[k].zones, &docs[k].r, docs[k].r.Mentions)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, t := range texts {
			a.claimsStage(t, &docs[k].r, ats[k])
		}
	}
}
