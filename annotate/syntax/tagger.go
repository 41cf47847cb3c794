package syntax

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// Tagger gives each word a joint tag: a Penn Treebank tag and a universal
// tag. Frequent words that the training data always tags one way (in
// ordinary case) take that tag without scoring.
type Tagger struct {
	xpos, upos []string // by tag id
	model      *perceptron.Sparse
	dict       map[string]int32
	amb        map[string]uint64 // lower-case word → ambiguity class
	clusters   *Clusters
}

// Tag templates.
const (
	tBias byte = iota
	tLower
	tForm
	tShapeCase
	tSuffix1
	tSuffix2
	tSuffix3
	tSuffix4
	tPrefix1
	tPrefix2
	tPrefix3
	tPrev
	tPrev2
	tNext
	tNext2
	tPrevSuffix3
	tNextSuffix3
	tPrevTag
	tPrev2Tag
	tPrevTags
	tPrevTagLower
	tPrevLowerLower
	tLowerNextLower
	tFirstShape
	tNextShapeCase
	tPrevShapeCase
	tPrevTagNextLower
	tAmb
	tNextAmb
	tNext2Amb
	tPrevAmb
	tAmbNextAmb
	tPrevTagAmb
	tPrevTagNextAmb
	tLowerNextAmb
	// Word classes learned from unlabelled text.
	tClass
	tClassCoarse
	tPrevClass
	tNextClass
	tNext2ClassCoarse
	tPrevTagClass
	tClassNextClassCoarse
	tClassShapeCase
	tHyphenLast
	tSuffix3ClassCoarse
	tPrevTagNextClass
	tPrev2TagPrevClass
)

// tagToken is one word's hashes, computed once per sentence.
type tagToken struct {
	lower, form, shape, suf1, suf2, suf3, suf4, pre1, pre2, pre3 uint64
	// amb is the word's ambiguity class: the hash of the tags the training
	// data gives it, or of "<unknown>".
	amb uint64
	// class holds the word's classes, fine and coarse (0 for none).
	class [2]uint64
	// hyphenLast is the hash of the part after a hyphenated word's last
	// hyphen (well-known: known), or 0.
	hyphenLast uint64
}

// tagView is a sentence as the tagger's features see it.
type tagView struct {
	toks []tagToken
	// right holds the hash of each word's first-pass Penn Treebank tag, in
	// the second pass; nil in the first.
	right  []uint64
	casing uint64
	feats  []uint64
	scores []int32
}

var (
	hNone    = perceptron.Hash("<none>")
	hStart   = perceptron.Hash("<s>")
	hEnd     = perceptron.Hash("</s>")
	hUnknown = perceptron.Hash("<unknown>")
)

func newTagView(words []string, classes int, amb map[string]uint64, clusters *Clusters) *tagView {
	v := &tagView{toks: make([]tagToken, len(words)), casing: uint64(SentenceCasing(words)) + 1, scores: make([]int32, classes)}
	for i, w := range words {
		lw := strings.ToLower(w)
		v.toks[i] = tagToken{
			lower: perceptron.Hash(lw), form: perceptron.Hash(w), shape: perceptron.Hash(shape(w)),
			suf1: perceptron.Hash(english.Suffix(lw, 1)), suf2: perceptron.Hash(english.Suffix(lw, 2)), suf3: perceptron.Hash(english.Suffix(lw, 3)), suf4: perceptron.Hash(english.Suffix(lw, 4)),
			pre1: perceptron.Hash(english.Prefix(lw, 1)), pre2: perceptron.Hash(english.Prefix(lw, 2)), pre3: perceptron.Hash(english.Prefix(lw, 3)),
			amb: hUnknown,
		}
		if a, ok := amb[lw]; ok {
			v.toks[i].amb = a
		}
		clusters.classesOf(lw, &v.toks[i].class)
		if k := strings.LastIndexByte(lw, '-'); k > 0 && k < len(lw)-1 {
			v.toks[i].hyphenLast = perceptron.Hash(lw[k+1:])
		}
	}
	return v
}

func (v *tagView) at(i int) *tagToken {
	switch {
	case i < 0:
		return &startToken
	case i >= len(v.toks):
		return &endToken
	}
	return &v.toks[i]
}

var (
	startToken = tagToken{lower: hStart, form: hStart, shape: hStart, suf1: hStart, suf2: hStart, suf3: hStart, suf4: hStart, pre1: hStart, pre2: hStart, pre3: hStart, amb: hStart, class: [2]uint64{hStart, hStart}}
	endToken   = tagToken{lower: hEnd, form: hEnd, shape: hEnd, suf1: hEnd, suf2: hEnd, suf3: hEnd, suf4: hEnd, pre1: hEnd, pre2: hEnd, pre3: hEnd, amb: hEnd, class: [2]uint64{hEnd, hEnd}}
)

// features returns word i's features given the two tags before it
// (-1 before the sentence).
func (v *tagView) features(i, prev, prev2 int) []uint64 {
	t, p, p2, n, n2 := v.at(i), v.at(i-1), v.at(i-2), v.at(i+1), v.at(i+2)
	pt, pt2 := uint64(prev+2), uint64(prev2+2)
	mix := perceptron.Mix
	f := append(v.feats[:0],
		mix(tBias),
		mix(tLower, t.lower),
		mix(tShapeCase, t.shape, v.casing),
		mix(tSuffix1, t.suf1), mix(tSuffix2, t.suf2), mix(tSuffix3, t.suf3), mix(tSuffix4, t.suf4),
		mix(tPrefix1, t.pre1), mix(tPrefix2, t.pre2), mix(tPrefix3, t.pre3),
		mix(tPrev, p.lower), mix(tPrev2, p2.lower), mix(tNext, n.lower), mix(tNext2, n2.lower),
		mix(tPrevSuffix3, p.suf3), mix(tNextSuffix3, n.suf3),
		mix(tPrevTag, pt), mix(tPrev2Tag, pt2), mix(tPrevTags, pt, pt2),
		mix(tPrevTagLower, pt, t.lower),
		mix(tPrevLowerLower, p.lower, t.lower), mix(tLowerNextLower, t.lower, n.lower),
		mix(tNextShapeCase, n.shape, v.casing), mix(tPrevShapeCase, p.shape, v.casing),
		mix(tPrevTagNextLower, pt, n.lower),
		mix(tAmb, t.amb), mix(tNextAmb, n.amb), mix(tNext2Amb, n2.amb), mix(tPrevAmb, p.amb),
		mix(tAmbNextAmb, t.amb, n.amb), mix(tPrevTagAmb, pt, t.amb), mix(tPrevTagNextAmb, pt, n.amb),
		mix(tLowerNextAmb, t.lower, n.amb),
		mix(tClass, t.class[0]), mix(tClassCoarse, t.class[1]), mix(tPrevClass, p.class[0]), mix(tNextClass, n.class[0]),
		mix(tNext2ClassCoarse, n2.class[1]), mix(tPrevTagClass, pt, t.class[0]), mix(tClassNextClassCoarse, t.class[0], n.class[1]),
		mix(tClassShapeCase, t.class[0], t.shape, v.casing),
		mix(tSuffix3ClassCoarse, t.suf3, t.class[1]), mix(tPrevTagNextClass, pt, n.class[0]), mix(tPrev2TagPrevClass, pt2, pt, p.class[0]),
	)
	if t.hyphenLast != 0 {
		f = append(f, mix(tHyphenLast, t.hyphenLast))
	}
	if v.casing == uint64(CaseNormal)+1 {
		f = append(f, mix(tForm, t.form))
	}
	if i == 0 {
		f = append(f, mix(tFirstShape, t.shape, v.casing))
	}
	v.feats = f
	return f
}

// Tag fills s.XPOS and s.UPOS, in one pass left to right.
func (t *Tagger) Tag(s *Sentence) {
	t.pass(t.model, newTagView(s.Words, len(t.xpos), t.amb, t.clusters), s)
}

func (t *Tagger) pass(model *perceptron.Sparse, v *tagView, s *Sentence) {
	normal := v.casing == uint64(CaseNormal)+1
	prev, prev2 := -1, -1
	for i, w := range s.Words {
		tag := int32(-1)
		if normal {
			if d, ok := t.dict[w]; ok {
				tag = d
			}
		}
		if tag < 0 {
			clear(v.scores)
			model.Scores(v.features(i, prev, prev2), v.scores)
			tag = int32(argmax(v.scores))
		}
		s.XPOS[i], s.UPOS[i] = t.xpos[tag], t.upos[tag]
		prev, prev2 = int(tag), prev
	}
}

func argmax[T int32 | float32](scores []T) int {
	best := 0
	for i, s := range scores {
		if s > scores[best] {
			best = i
		}
	}
	return best
}
