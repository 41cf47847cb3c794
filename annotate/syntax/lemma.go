package syntax

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// editScript turns a word into its lemma: lower-case it or not, cut
// characters (bytes) from its end, add a string.
type editScript struct {
	lower bool
	cut   int
	add   string
}

func (e editScript) apply(w string) string {
	if e.lower {
		w = strings.ToLower(w)
	}
	if e.cut > len(w) {
		return w // a script learned on a longer word: leave the word be
	}
	return w[:len(w)-e.cut] + e.add
}

func (e editScript) key() string {
	c := "k"
	if e.lower {
		c = "l"
	}
	return c + string(rune('0'+min(e.cut, 40))) + e.add
}

func parseScript(k string) editScript {
	return editScript{lower: k[0] == 'l', cut: int(k[1] - '0'), add: k[2:]}
}

// scriptFor is the shortest script from word to lemma. A proper noun
// keeps its case if it can; other words are lower-cased if that is no
// longer.
func scriptFor(word, lemma, xpos string) editScript {
	best := editScript{}
	bestCost := -1
	order := []bool{true, false}
	if strings.HasPrefix(xpos, "NNP") {
		order = []bool{false, true}
	}
	for _, lower := range order {
		w := word
		if lower {
			w = strings.ToLower(w)
		}
		p := 0
		for p < len(w) && p < len(lemma) && w[p] == lemma[p] {
			p++
		}
		e := editScript{lower: lower, cut: len(w) - p, add: lemma[p:]}
		if cost := e.cut + len(e.add); bestCost < 0 || cost < bestCost {
			best, bestCost = e, cost
		}
	}
	return best
}

// Lemmatiser gives words their lemmas.
type Lemmatiser struct {
	// table maps a lower-case word + "\x00" + XPOS to a script key, or to
	// "=" and the lemma when the training data writes the lemma one way
	// however the word is written (i → I, mexico → Mexico).
	table   map[string]string
	scripts []string // the classifier's classes: script keys
	model   *perceptron.Sparse
	feats   []uint64
	// vocab is the word classes' vocabulary, which weighs the scripts of
	// a verb the table does not know (paradigm.go); nil weighs none.
	vocab *Clusters
}

// Lemmatise fills s.Lemma from s.Words and s.XPOS.
func (l *Lemmatiser) Lemmatise(s *Sentence) {
	var feats []uint64
	var scores []int32
	for i, w := range s.Words {
		lw := strings.ToLower(w)
		if k, ok := l.table[lw+"\x00"+s.XPOS[i]]; ok {
			if lemma, ok := strings.CutPrefix(k, "="); ok {
				s.Lemma[i] = lemma
			} else {
				s.Lemma[i] = parseScript(k).apply(w)
			}
			continue
		}
		if scores == nil {
			scores = make([]int32, len(l.scripts))
		}
		clear(scores)
		feats = lemmaFeatures(feats[:0], lw, s.XPOS[i])
		l.model.Scores(feats, scores)
		k := argmaxFitting(scores, l.scripts, len(lw))
		if l.vocab != nil && isVerbForm(s.XPOS[i]) {
			k = l.attestedScript(w, s.XPOS[i], scores, len(lw))
		}
		s.Lemma[i] = parseScript(l.scripts[k]).apply(w)
	}
}

// argmaxFitting is the best-scoring script that cuts no more than n bytes.
func argmaxFitting[T int32 | float32](scores []T, scripts []string, n int) int {
	best := -1
	for i, s := range scores {
		if int(scripts[i][1]-'0') > n {
			continue
		}
		if best < 0 || s > scores[best] {
			best = i
		}
	}
	return max(best, 0)
}

// Lemma templates.
const (
	lTag byte = iota
	lSuffix1
	lSuffix2
	lSuffix3
	lSuffix4
	lSuffix5
	lTagSuffix1
	lTagSuffix2
	lTagSuffix3
	lTagSuffix4
	lShape
)

func lemmaFeatures(dst []uint64, lw, xpos string) []uint64 {
	t := perceptron.Hash(xpos)
	mix := perceptron.Mix
	s1, s2, s3, s4 := perceptron.Hash(english.Suffix(lw, 1)), perceptron.Hash(english.Suffix(lw, 2)), perceptron.Hash(english.Suffix(lw, 3)), perceptron.Hash(english.Suffix(lw, 4))
	return append(dst, mix(lTag, t), mix(lSuffix1, s1), mix(lSuffix2, s2), mix(lSuffix3, s3), mix(lSuffix4, s4),
		mix(lSuffix5, perceptron.Hash(english.Suffix(lw, 5))), mix(lTagSuffix1, t, s1), mix(lTagSuffix2, t, s2),
		mix(lTagSuffix3, t, s3), mix(lTagSuffix4, t, s4), mix(lShape, perceptron.Hash(shape(lw))))
}
