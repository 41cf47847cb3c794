package quotes

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// cueModel decides, token by token, whether a word is part of an
// attribution cue: it learns from PolNeAR the cues a verb lexicon misses
// (polls that "show", people who "want" or "believe"). It is a binary
// averaged perceptron over hashed features, immutable once loaded and safe
// for concurrent use.
type cueModel struct {
	bits uint
	w    []float32
	// filter, when the file has one, decides which candidate attributions
	// to keep (attrfilter.go).
	filter *attrFilter
	// starts, when the file has one, chooses where an indirect content
	// starts (starts.go); it follows the filter.
	starts *startModel
}

// Cue-feature templates (a separate range from the NER model's).
const (
	cBias byte = 100 + iota
	cLower
	cPOS
	cSuffix3
	cPrevLower
	cNextLower
	cPrev2Lower
	cNext2Lower
	cPrevPOS
	cNextPOS
	cLowerNext
	cPrevLowerLower
	cPOSNextPOS
	cPrevPOSPOS
	cInLexicon
	cShape
	cPrevCue
	cPrevCueLower
	cStem
	cStemNext
	cStemThatAhead
	cStemSubject
	cInQuote
	cStemAfterQuote
	cStemPrevPOS
	cFirstVerb
	cStemNext2
)

// cueSentenceView holds, for each token of a sentence, the hashes of its
// lower case and tag, which the features of a scored token's neighbours
// read; the scored token's own stem, suffix, shape and lexicon membership
// are computed where its features are. The hashes are computed on first
// use: prediction scores only verbs and their neighbours, so most tokens
// are never hashed.
type cueSentenceView struct {
	toks       []doc.Token
	low        []string // the tokens' lower case
	lex        cueLexicon
	lower, pos []uint64
	done       []bool
	// doc.Sentence-level context, computed for every token at once: whether a
	// token sits inside double quotation marks, and where the last closing
	// mark before it is.
	inQuote   []bool
	mark      []bool // the token is a quotation mark
	lastClose []int
	firstVerb int
}

// shapeHash hashes wordShape(s, 1) without building the string.
func shapeHash(s string) uint64 {
	h := uint64(perceptron.FNVOffset)
	var last rune = -1
	for _, r := range s {
		c := english.ShapeClass(r)
		if c == last {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= perceptron.FNVPrime
	}
	return h
}

var boundaryHash = perceptron.Hash("<s>")

func newCueSentenceView(toks []doc.Token, low []string, lex cueLexicon, v *cueSentenceView) {
	n := len(toks)
	v.toks, v.low, v.lex = toks, low, lex
	grow := func(xs []uint64) []uint64 {
		if cap(xs) < n {
			return make([]uint64, n)
		}
		return xs[:n]
	}
	v.lower, v.pos = grow(v.lower), grow(v.pos)
	if cap(v.done) < n {
		v.done = make([]bool, n)
	}
	v.done = v.done[:n]
	clear(v.done)
	if cap(v.inQuote) < n {
		v.inQuote, v.mark, v.lastClose = make([]bool, n), make([]bool, n), make([]int, n)
	}
	v.inQuote, v.mark, v.lastClose = v.inQuote[:n], v.mark[:n], v.lastClose[:n]
	open, last := false, -1
	v.firstVerb = -1
	for j, t := range toks {
		v.inQuote[j], v.lastClose[j] = open, last
		v.mark[j] = english.IsQuoteMark(t.Text)
		if v.mark[j] && t.Text != "’" && t.Text != "‘" {
			switch t.Text {
			case "“", "``":
				open = true
			case "”", "''":
				open, last = false, j
			default:
				if open {
					last = j
				}
				open = !open
			}
		}
		if v.firstVerb < 0 && strings.HasPrefix(t.POS, "VB") {
			v.firstVerb = j
		}
	}
}

// stem strips the commonest verb and noun inflections, so that rare forms
// of a cue share what its common forms learned (insisted, insists).
func stem(l string) string {
	for _, suf := range []string{"ing", "ied", "ies", "ed", "es", "s"} {
		if len(l) > len(suf)+2 && strings.HasSuffix(l, suf) {
			l = l[:len(l)-len(suf)]
			if suf == "ied" || suf == "ies" {
				l += "y"
			}
			break
		}
	}
	return strings.TrimSuffix(l, "e")
}

// ensure computes token j's hashes if they are not yet.
func (v *cueSentenceView) ensure(j int) {
	if j < 0 || j >= len(v.done) || v.done[j] {
		return
	}
	v.lower[j], v.pos[j] = perceptron.Hash(v.low[j]), perceptron.Hash(v.toks[j].POS)
	v.done[j] = true
}

// cueFeatures appends the features of the sentence's token i; prevCue says
// whether the token before was decided to be part of a cue.
func cueFeatures(dst []uint64, v *cueSentenceView, i int, prevCue bool) []uint64 {
	n := len(v.lower)
	for j := i - 2; j <= i+2; j++ {
		v.ensure(j)
	}
	at := func(xs []uint64, j int) uint64 {
		if j < 0 || j >= n {
			return boundaryHash
		}
		return xs[j]
	}
	l, p := v.lower[i], v.pos[i]
	pl, pp := at(v.lower, i-1), at(v.pos, i-1)
	nl, np := at(v.lower, i+1), at(v.pos, i+1)
	// Only the lower case and tag of the neighbours are features; the
	// rest is the token's own.
	w := v.low[i]
	var inLex, prev uint64
	if _, in := v.lex[w]; in {
		inLex = 1
	}
	if prevCue {
		prev = 1
	}
	st := perceptron.Hash(stem(w))
	// "that" soon after (said on Monday that), the subject's kind before
	// (a pronoun, a name, a common noun) and a closing quotation mark
	// just before (", she said") are the cue's syntax.
	var thatAhead uint64
	for j := i + 1; j < n && j <= i+4; j++ {
		if l := v.toks[j].Text; l == "that" || l == ":" || v.mark[j] {
			thatAhead = perceptron.Hash(l)
			break
		}
	}
	subj := boundaryHash
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		p := v.toks[j].POS
		if p == "RB" || p == "MD" || strings.HasPrefix(p, "VB") {
			continue
		}
		subj = perceptron.Hash(p)
		break
	}
	var inQ, afterQ uint64
	if v.inQuote[i] {
		inQ = 1
	}
	if c := v.lastClose[i]; c >= 0 && i-c <= 5 {
		afterQ = 1
	}
	var first uint64
	if v.firstVerb == i {
		first = 1
	}
	dst = append(dst,
		perceptron.Mix(cStem, st),
		perceptron.Mix(cStemNext, st, nl),
		perceptron.Mix(cStemThatAhead, st, thatAhead),
		perceptron.Mix(cStemSubject, st, subj),
		perceptron.Mix(cInQuote, inQ, p),
		perceptron.Mix(cStemAfterQuote, st, afterQ),
		perceptron.Mix(cStemPrevPOS, st, pp),
		perceptron.Mix(cFirstVerb, first, p),
		perceptron.Mix(cStemNext2, st, at(v.lower, i+2)),
	)
	return append(dst,
		perceptron.Mix(cBias),
		perceptron.Mix(cLower, l),
		perceptron.Mix(cPOS, p),
		perceptron.Mix(cSuffix3, perceptron.Hash(english.Suffix(w, 3))),
		perceptron.Mix(cPrevLower, pl),
		perceptron.Mix(cNextLower, nl),
		perceptron.Mix(cPrev2Lower, at(v.lower, i-2)),
		perceptron.Mix(cNext2Lower, at(v.lower, i+2)),
		perceptron.Mix(cPrevPOS, pp),
		perceptron.Mix(cNextPOS, np),
		perceptron.Mix(cLowerNext, l, nl),
		perceptron.Mix(cPrevLowerLower, pl, l),
		perceptron.Mix(cPOSNextPOS, p, np),
		perceptron.Mix(cPrevPOSPOS, pp, p),
		perceptron.Mix(cInLexicon, inLex, p),
		perceptron.Mix(cShape, shapeHash(v.toks[i].Text)),
		perceptron.Mix(cPrevCue, prev),
		perceptron.Mix(cPrevCueLower, prev, l),
	)
}

func (m *cueModel) score(feats []uint64) float32 { return perceptron.Score(m.w, m.bits, feats) }

// cueScratchPool keeps predict's buffers from one document to the next.
var cueScratchPool = sync.Pool{New: func() any { return &cueScratch{} }}

// cueScratch holds reusable buffers for predict.
type cueScratch struct {
	feats  []uint64
	out    []bool
	scores []float32 // each token's score; NaN where none was computed
	view   cueSentenceView
}

// predict marks the tokens of a sentence that are part of a cue. Only a
// verb can start a learned cue, so only verbs and the words right after a
// cue word are scored: a tenth of the work of scoring every token.
//
// A word starts a cue when it scores above start, and goes on with the cue
// before it when it scores above cont: a lower start finds more candidate
// cues without letting each run on over its content.
func (m *cueModel) predict(toks []doc.Token, low []string, lex cueLexicon, sc *cueScratch, start, cont float32) []bool {
	newCueSentenceView(toks, low, lex, &sc.view)
	if cap(sc.out) < len(toks) {
		sc.out = make([]bool, len(toks))
	}
	out := sc.out[:len(toks)]
	clear(out)
	if cap(sc.scores) < len(toks) {
		sc.scores = make([]float32, len(toks))
	}
	scores := sc.scores[:len(toks)]
	nan := float32(math.NaN())
	prev := false
	for i := range toks {
		scores[i] = nan
		if !prev && !canStartCue(toks, i) {
			continue
		}
		sc.feats = cueFeatures(sc.feats[:0], &sc.view, i, prev)
		scores[i] = m.score(sc.feats)
		if prev {
			out[i] = scores[i] > cont
		} else {
			out[i] = scores[i] > start
		}
		prev = out[i]
	}
	return out
}

// cueThreshold is the score above which the quotes stage takes a token for
// part of a cue. Training keeps the perceptron's own boundary (0) to pick
// its epoch; annotation reaches below it, because PolNeAR's cues are many
// and the rules around a cue keep most of what it finds. Five-fold
// cross-validation on PolNeAR train (make cv-cues), content F1 at overlap
// 0.3 / quote+speaker F1: 0.694 / 0.622 at 0, 0.702 / 0.624 at -2, 0.710 /
// 0.625 at -4, 0.715 / 0.623 at -6, 0.720 / 0.610 at -10. -4 is where
// quote+speaker peaks with content precision still above 0.80.
//
// With an attribution filter in the model's file (attrfilter.go), a word
// starts a candidate cue above the filter's lower threshold instead, and
// cueThreshold only decides whether the next word goes on with the cue.
const cueThreshold = -4

// canStartCue reports whether token i may start a learned cue: a verb, a
// noun with its holder next to it (nominalCueSlot), or a plural noun right
// after a noun, which is how the tagger often reads a verb in the third
// person (a new poll shows, the data suggests).
func canStartCue(toks []doc.Token, i int) bool {
	p := toks[i].POS
	if strings.HasPrefix(p, "VB") || nominalCueSlot(toks, i) {
		return true
	}
	if i == 0 || (p != "NNS" && p != "NN") || !strings.HasSuffix(toks[i].Text, "s") {
		return false
	}
	switch toks[i-1].POS {
	case "NN", "NNS", "NNP", "NNPS", "PRP":
		return true
	}
	return false
}

// nominalCueSlot reports whether token i is a noun whose holder the
// sentence names next to it: after a possessive (Mr. Trump's decision,
// her criticism) or before "from" or "by" (criticism from Clinton). Such
// a noun may be a cue (PolNeAR annotates decisions, criticism, support and
// claims as attributions).
func nominalCueSlot(toks []doc.Token, i int) bool {
	if p := toks[i].POS; p != "NN" && p != "NNS" {
		return false
	}
	if i > 0 && (toks[i-1].POS == "POS" || toks[i-1].POS == "PRP$") {
		return true
	}
	return i+1 < len(toks) && (strings.EqualFold(toks[i+1].Text, "from") || strings.EqualFold(toks[i+1].Text, "by"))
}

var cueMagic = []byte("newsnlp-cue\x00")

func (m *cueModel) marshal() ([]byte, error) {
	var raw bytes.Buffer
	raw.Write(cueMagic)
	binary.Write(&raw, binary.LittleEndian, uint32(m.bits))
	binary.Write(&raw, binary.LittleEndian, m.w)
	if m.filter != nil {
		m.filter.marshalTo(&raw)
		if m.starts != nil {
			m.starts.marshalTo(&raw)
		}
	}
	return perceptron.Compress(raw.Bytes())
}

// ErrNoCueModel is returned when no trained cue model is embedded.
var ErrNoCueModel = errors.New("no trained cue model is embedded (run make train-cues)")

func unmarshalCueModel(b []byte) (*cueModel, error) {
	r, err := perceptron.Open("cue model", cueMagic, b, ErrNoCueModel)
	if err != nil {
		return nil, err
	}
	var bits uint32
	if err := binary.Read(r, binary.LittleEndian, &bits); err != nil || bits < 8 || bits > 24 {
		return nil, fmt.Errorf("cue model: bad header")
	}
	m := &cueModel{bits: uint(bits), w: make([]float32, 1<<bits)}
	if err := perceptron.ReadFloat32s(r, m.w); err != nil {
		return nil, fmt.Errorf("cue model: %w", err)
	}
	// A model trained before the attribution filter has nothing more.
	if r.Len() > 0 {
		if m.filter, err = unmarshalAttrFilter(r); err != nil {
			return nil, fmt.Errorf("cue model: %w", err)
		}
	}
	// A model trained before the content-start model has nothing more.
	if r.Len() > 0 {
		if m.starts, err = unmarshalStartModel(r); err != nil {
			return nil, fmt.Errorf("cue model: %w", err)
		}
	}
	return m, nil
}
