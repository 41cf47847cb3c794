package syntax_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsnlp/newsnlp/annotate/syntax"
	"github.com/newsnlp/newsnlp/datasets"
)

// benchSentences are EWT dev's words, from $NEWSNLP_DATA or
// ../shared/data when it is there.
func benchSentences(b *testing.B) [][]string {
	data := os.Getenv("NEWSNLP_DATA")
	if data == "" {
		data = "../../../shared/data"
	}
	path := filepath.Join(data, "ud/ewt/dev.conllu")
	if _, err := os.Stat(path); err != nil {
		b.Skip("no shared data: the benchmark reads UD English EWT dev (set NEWSNLP_DATA)")
	}
	tb, err := datasets.ReadTreebank(path)
	if err != nil {
		b.Fatal(err)
	}
	out := make([][]string, len(tb))
	for i, s := range tb {
		out[i] = s.Form
	}
	return out
}

// BenchmarkSyntax tags, lemmatises and parses EWT dev on one core; tokens/s
// is the figure the README quotes. The stages' own benchmarks split it.
func BenchmarkSyntax(b *testing.B) {
	sents := benchSentences(b)
	m := load(b)
	for _, stage := range []struct {
		name string
		run  func(s *syntax.Sentence)
	}{
		{"all", m.Annotate},
		{"tagger", m.Tagger.Tag},
		{"lemmatiser", func(s *syntax.Sentence) { m.Tagger.Tag(s); m.Lemmatiser.Lemmatise(s) }},
		{"parser", func(s *syntax.Sentence) { m.Tagger.Tag(s); m.Parser.Parse(s) }},
	} {
		b.Run(stage.name, func(b *testing.B) {
			tokens := 0
			for b.Loop() {
				for _, w := range sents {
					s := syntax.NewSentence(w)
					stage.run(s)
					tokens += len(w)
				}
			}
			b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
