package evaluate

import (
	"fmt"
	"io"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/syntax"
)

// SyntaxScores are the tagger's, lemmatiser's and parser's figures on a
// treebank, with its gold tokens. Every word counts, punctuation included.
type SyntaxScores struct {
	Sentences, Words int
	XPOS, UPOS       Ratio
	Lemma            Ratio
	UAS, LAS         Ratio
	// ByRelation is the LAS of the words whose gold relation it names
	// (recall of the labelled arc).
	ByRelation map[string]Ratio
	// TitleXPOS and UpperXPOS are XPOS accuracy on copies of the
	// sentences written in title case and in capitals.
	TitleXPOS, UpperXPOS Ratio
}

// SentenceParser is what ScoreSyntax scores: a sentence's words in, its
// analysis out.
type SentenceParser func(words []string) *syntax.Sentence

// ScoreSyntax scores parse on gold sentences.
func ScoreSyntax(gold []*syntax.Sentence, parse SentenceParser) *Report {
	sc := &SyntaxScores{Sentences: len(gold), ByRelation: map[string]Ratio{}}
	var xpos, upos, lemma, uas, las, title, upper tally
	rel := map[string]*tally{}
	for _, g := range gold {
		p := parse(g.Words)
		tc := parse(recase(g.Words, syntax.TitleCase))
		uc := parse(recase(g.Words, strings.ToUpper))
		for i := range g.Words {
			sc.Words++
			xpos.add(p.XPOS[i] == g.XPOS[i])
			upos.add(p.UPOS[i] == g.UPOS[i])
			lemma.add(p.Lemma[i] == g.Lemma[i])
			uas.add(p.Head[i] == g.Head[i])
			ok := p.Head[i] == g.Head[i] && p.Dep[i] == g.Dep[i]
			las.add(ok)
			if rel[g.Dep[i]] == nil {
				rel[g.Dep[i]] = &tally{}
			}
			rel[g.Dep[i]].add(ok)
			title.add(tc.XPOS[i] == g.XPOS[i])
			upper.add(uc.XPOS[i] == g.XPOS[i])
		}
	}
	sc.XPOS, sc.UPOS, sc.Lemma, sc.UAS, sc.LAS = xpos.ratio(), upos.ratio(), lemma.ratio(), uas.ratio(), las.ratio()
	sc.TitleXPOS, sc.UpperXPOS = title.ratio(), upper.ratio()
	for k, t := range rel {
		sc.ByRelation[k] = t.ratio()
	}
	r := &Report{Documents: len(gold), Metrics: map[string]float64{}, Syntax: sc}
	m := r.Metrics
	m["syntax.xpos_accuracy"], m["syntax.upos_accuracy"], m["syntax.lemma_accuracy"] = sc.XPOS.Value, sc.UPOS.Value, sc.Lemma.Value
	m["syntax.uas"], m["syntax.las"] = sc.UAS.Value, sc.LAS.Value
	m["syntax.title_xpos_accuracy"], m["syntax.upper_xpos_accuracy"] = sc.TitleXPOS.Value, sc.UpperXPOS.Value
	for k, v := range sc.ByRelation {
		m["syntax.las."+k] = v.Value
	}
	return r
}

type tally struct{ hits, total int }

func (t *tally) add(ok bool) {
	t.total++
	if ok {
		t.hits++
	}
}

func (t tally) ratio() Ratio { return ratio(t.hits, t.total) }

func recase(words []string, f func(string) string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = f(w)
	}
	return out
}

// syntaxRelations are the relations attribution leans on, printed with
// their LAS.
var syntaxRelations = []string{"nsubj", "nsubj:pass", "ccomp", "xcomp", "obj", "parataxis", "obl", "obl:agent", "appos", "acl:relcl", "root"}

func (s *SyntaxScores) writeText(w io.Writer) {
	fmt.Fprintf(w, "syntax (%d sentences, %d words, gold tokens; punctuation counted):\n", s.Sentences, s.Words)
	row := func(name string, r Ratio) { fmt.Fprintf(w, "  %-26s %.4f  (%d/%d)\n", name, r.Value, r.Hits, r.Total) }
	row("xpos_accuracy", s.XPOS)
	row("upos_accuracy", s.UPOS)
	row("lemma_accuracy", s.Lemma)
	row("uas", s.UAS)
	row("las", s.LAS)
	row("title_xpos_accuracy", s.TitleXPOS)
	row("upper_xpos_accuracy", s.UpperXPOS)
	fmt.Fprintln(w, "  LAS by gold relation:")
	for _, k := range syntaxRelations {
		if r, ok := s.ByRelation[k]; ok {
			row("  "+k, r)
		}
	}
}

// IsSyntaxMetric tells whether name can be a treebank score's metric.
func IsSyntaxMetric(name string) bool {
	switch name {
	case "syntax.xpos_accuracy", "syntax.upos_accuracy", "syntax.lemma_accuracy", "syntax.uas", "syntax.las",
		"syntax.title_xpos_accuracy", "syntax.upper_xpos_accuracy":
		return true
	}
	return strings.HasPrefix(name, "syntax.las.") && len(name) > len("syntax.las.")
}
