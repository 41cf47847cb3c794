package evaluate

import (
	"github.com/newsnlp/newsnlp/annotate/syntax"
	"github.com/newsnlp/newsnlp/datasets"
)

// ReadTreebanks reads CoNLL-U files into the syntax package's sentences,
// in file order: gold words, tags, lemmas and tree (heads 0-based, -1 for
// the root's child).
func ReadTreebanks(paths ...string) ([]*syntax.Sentence, error) {
	var out []*syntax.Sentence
	for _, p := range paths {
		tb, err := datasets.ReadTreebank(p)
		if err != nil {
			return nil, err
		}
		for _, t := range tb {
			out = append(out, goldSentence(t))
		}
	}
	return out, nil
}

func goldSentence(t datasets.TreebankSentence) *syntax.Sentence {
	s := syntax.NewSentence(t.Form)
	copy(s.XPOS, t.XPOS)
	copy(s.UPOS, t.UPOS)
	copy(s.Lemma, t.Lemma)
	copy(s.Dep, t.Dep)
	for i, h := range t.Head {
		s.Head[i] = max(h, 0) - 1 // a head of _ (unknown) reads as the root
	}
	return s
}
