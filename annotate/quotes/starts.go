package quotes

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// Where an indirect content starts is a trained decision. The rules start
// a reported statement right after its cue; PolNeAR's annotators start it
// later when the words after the cue belong to the act of saying: its
// addressee (told voters, asked the Supreme Court), when or where it was
// said (reported just today, said in recent days), or the rest of a
// multi-word cue (raised the example of, said little about, voted for,
// went on to say); and earlier when the cue model ran a cue on into what
// was said (filed a complaint for). startModel ranks the places the
// content could start: where it starts now, each of the next maxStartSkip
// words, and a learned cue's last words. It is an
// averaged perceptron over hashed features, trained by train-cues on the
// same cross-fitted candidates as the attribution filter, and it travels
// in the cue model's file after the filter.
type startModel struct {
	bits uint
	w    []float32
}

// startsBits is the size of the start model's table (log2).
const startsBits = 18

// startsEpochs is how many passes train the start model.
const startsEpochs = 10

// maxStartSkip bounds how many words a content's start may move.
const maxStartSkip = 12

// startProblem is one content's candidate starts, their features, which
// one is the gold start, and what choosing each one costs (0 for gold).
type startProblem struct {
	feats [][]uint64
	gold  int
	loss  []float32
}

// startCutCost and startKeepCost weigh the losses: a start that cuts off
// the whole gold content costs 1 + startCutCost, one before the gold
// start startKeepCost. (No loss, or half or twice these, moved about as
// many contents right.)
const startCutCost, startKeepCost = 4, 0.5

// contentTokens is the first and last token of the content span, or
// (-1, -1).
func contentTokens(toks []doc.Token, content [2]int) (int, int) {
	k0 := tokenAt(toks, content[0])
	k1 := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= content[1] }) - 1
	if k0 < 0 || k1 < k0 {
		return -1, -1
	}
	return k0, k1
}

// startCandidates appends to dst the tokens the content [k0, k1] may
// start at: k0 first, then each of the next maxStartSkip tokens that is a
// word or an opening quotation mark (at least one word stays), then, when
// a learned cue ends right before the content, each of the cue's last
// maxBack words after its head (the cue model runs a cue on into what was
// said: filed a complaint for, played down the). Leaving out
// starts that would cut a skipped word off from its head in the content
// (keeping "spoke about | how …" for its preposition) moved the same
// number of contents right on train.
func startCandidates(dst []int, toks []doc.Token, at *attribution, k0, k1 int) []int {
	dst = append(dst, k0)
	for n := k0 + 1; n <= k1 && n <= k0+maxStartSkip; n++ {
		if isPunctToken(toks[n].Text) && !isOpeningMark(toks[n].Text) {
			continue
		}
		dst = append(dst, n)
	}
	if c0, head := cueTokens(toks, at, k0); c0 >= 0 && head >= c0 {
		for n := k0 - 1; n > head && n >= k0-maxBack; n-- {
			if !isPunctToken(toks[n].Text) {
				dst = append(dst, n)
			}
		}
	}
	return dst
}

// maxBack bounds how many of a learned cue's last words a content may
// take back.
const maxBack = 4

// cueTokens is the first token of a learned cue that ends right before
// the content's first token k0, and the cue's head, or (-1, -1).
func cueTokens(toks []doc.Token, at *attribution, k0 int) (int, int) {
	if !at.fromModel || k0 == 0 || toks[k0-1].End > at.cue[1] || toks[k0-1].Start < at.cue[0] {
		return -1, -1
	}
	c0 := tokenAt(toks, at.cue[0])
	if c0 < 0 || c0 >= k0 {
		return -1, -1
	}
	return c0, cueHead(toks, c0, k0)
}

func isOpeningMark(s string) bool { return s == "“" || s == "\"" || s == "‘" || s == "'" }

// isPunctToken reports whether a token has no letter or digit.
func isPunctToken(s string) bool { return s != "" && !strings.ContainsFunc(s, isWordRune) }

// Start-model feature templates (a range of their own).
const (
	sfKeep byte = 180 + iota
	sfKeepFirst
	sfKeepPOS
	sfKeepDep
	sfKeepLemma
	sfKeepRule
	sfKeepLen
	sfSkip
	sfNew
	sfNewPOS
	sfNewDep
	sfTopDep
	sfLast
	sfLastPOS
	sfLastNew
	sfFirst
	sfFirstPOS
	sfLen
	sfLenLastPOS
	sfLemmaLast
	sfLemmaNew
	sfLemmaFirst
	sfLemmaLen
	sfSkipVerb
	sfSkipDep
	sfSkipComma
	sfRuleNewDep
	sfLemmaTopDep
	sfBack
	sfBackWord
	sfBackPOS
	sfBackLen
	sfBackLemma
	sfBackLast
	sfBackDep
	sfBackLastPOS
)

var startLenBounds = []float32{1, 2, 3, 4, 6, 9}

// headPlaceOf says where token j's head lies, for a content [k0, k1]
// that would start at n: the root, the cue, before the content, in the
// words skipped, in what is kept, or after the content.
func headPlaceOf(toks []doc.Token, cue [2]int, k0, k1, n, j int) uint64 {
	hd := toks[j].Head
	switch {
	case hd < 0 || hd >= len(toks):
		return 1
	case cue[1] > cue[0] && toks[hd].Start >= cue[0] && toks[hd].End <= cue[1]:
		return 2
	case hd < k0:
		return 3
	case hd < n:
		return 4
	case hd <= k1:
		return 5
	}
	return 6
}

// topIn is the word of [n, k1] that token n's chain of heads leaves the
// span from.
func topIn(toks []doc.Token, n, k1 int) int {
	t := n
	for steps := 0; steps < 64; steps++ {
		h := toks[t].Head
		if h < n || h > k1 {
			break
		}
		t = h
	}
	return t
}

// startFeatures appends the features of starting the content [k0, k1] of
// at at token n.
func startFeatures(dst []uint64, toks []doc.Token, low []string, at *attribution, k0, k1, n int) []uint64 {
	h := perceptron.Hash
	lemma := h(at.cueLemma)
	if n < k0 {
		back := bucket(float32(k0-n), startLenBounds)
		return append(dst,
			perceptron.Mix(sfBack),
			perceptron.Mix(sfBackWord, h(low[n])),
			perceptron.Mix(sfBackPOS, h(toks[n].POS)),
			perceptron.Mix(sfBackLen, back),
			perceptron.Mix(sfBackLemma, lemma, h(low[n])),
			perceptron.Mix(sfBackLast, h(low[k0-1]), h(low[k0])),
			perceptron.Mix(sfBackDep, h(toks[n].Dep), h(toks[k0-1].Dep)),
			perceptron.Mix(sfBackLastPOS, h(toks[k0-1].POS), back),
		)
	}
	if n == k0 {
		top := topIn(toks, k0, k1)
		return append(dst,
			perceptron.Mix(sfKeep),
			perceptron.Mix(sfKeepFirst, h(low[k0])),
			perceptron.Mix(sfKeepPOS, h(toks[k0].POS)),
			perceptron.Mix(sfKeepDep, h(toks[k0].Dep), headPlaceOf(toks, at.cue, k0, k1, k0, k0)),
			perceptron.Mix(sfKeepLemma, lemma, h(low[k0])),
			perceptron.Mix(sfKeepRule, h(at.rule), h(toks[top].Dep)),
			perceptron.Mix(sfKeepLen, bucket(float32(k1-k0+1), contentLenBounds)),
		)
	}
	top := topIn(toks, n, k1)
	length := bucket(float32(n-k0), startLenBounds)
	verb, comma := uint64(0), uint64(0)
	for j := k0; j < n; j++ {
		if finiteVerbTag(toks[j].POS) {
			verb = 1
		}
		if toks[j].Text == "," {
			comma = 1
		}
	}
	dst = append(dst,
		perceptron.Mix(sfSkip),
		perceptron.Mix(sfNew, h(low[n])),
		perceptron.Mix(sfNewPOS, h(toks[n].POS)),
		perceptron.Mix(sfNewDep, h(toks[n].Dep), headPlaceOf(toks, at.cue, k0, k1, n, n)),
		perceptron.Mix(sfTopDep, h(toks[top].Dep), headPlaceOf(toks, at.cue, k0, k1, n, top)),
		perceptron.Mix(sfLast, h(low[n-1])),
		perceptron.Mix(sfLastPOS, h(toks[n-1].POS)),
		perceptron.Mix(sfLastNew, h(low[n-1]), h(low[n])),
		perceptron.Mix(sfFirst, h(low[k0])),
		perceptron.Mix(sfFirstPOS, h(toks[k0].POS)),
		perceptron.Mix(sfLen, length),
		perceptron.Mix(sfLenLastPOS, length, h(toks[n-1].POS)),
		perceptron.Mix(sfLemmaLast, lemma, h(low[n-1])),
		perceptron.Mix(sfLemmaNew, lemma, h(low[n])),
		perceptron.Mix(sfLemmaFirst, lemma, h(low[k0])),
		perceptron.Mix(sfLemmaLen, lemma, length),
		perceptron.Mix(sfSkipVerb, verb, length),
		perceptron.Mix(sfSkipComma, comma),
		perceptron.Mix(sfRuleNewDep, h(at.rule), h(toks[n].Dep)),
		perceptron.Mix(sfLemmaTopDep, lemma, h(toks[top].Dep)),
	)
	// The skipped words that hang outside what is skipped: the cue's
	// object, its adjuncts, a preposition of the content.
	for j := k0; j < n; j++ {
		if hd := toks[j].Head; hd < k0 || hd >= n {
			dst = append(dst, perceptron.Mix(sfSkipDep, h(toks[j].Dep), headPlaceOf(toks, at.cue, k0, k1, n, j)))
		}
	}
	return dst
}

// startProblemOf builds the ranking problem of at's content: its
// candidate starts and their features; gold is left -1.
func startProblemOf(toks []doc.Token, low []string, at *attribution) (*startProblem, []int) {
	k0, k1 := contentTokens(toks, at.content)
	if k0 < 0 {
		return nil, nil
	}
	cands := startCandidates(nil, toks, at, k0, k1)
	p := &startProblem{feats: make([][]uint64, len(cands)), gold: -1}
	for i, n := range cands {
		p.feats[i] = startFeatures(nil, toks, low, at, k0, k1, n)
	}
	return p, cands
}

// startsAfterCue reports whether the start model may move at's content:
// an indirect content of one stretch that follows its cue.
func startsAfterCue(at *attribution) bool {
	return at.kind == doc.KindIndirect && at.parts == nil && at.cue[1] > at.cue[0] && at.content[0] >= at.cue[1]
}

// startOf is the byte where at's indirect content should start by the
// model.
func (m *startModel) startOf(toks []doc.Token, low []string, at *attribution, sc []uint64) int {
	k0, k1 := contentTokens(toks, at.content)
	if k0 < 0 {
		return at.content[0]
	}
	var buf [maxStartSkip + maxBack + 1]int
	cands := startCandidates(buf[:0], toks, at, k0, k1)
	best, bestScore := k0, float32(0)
	for i, n := range cands {
		sc = startFeatures(sc[:0], toks, low, at, k0, k1, n)
		s := perceptron.Score(m.w, m.bits, sc)
		if i == 0 || s > bestScore {
			best, bestScore = n, s
		}
	}
	if best == k0 {
		return at.content[0]
	}
	return toks[best].Start
}

// goldStart is the start ranking of at's content with the gold content's
// start marked, or nil when the start model does not judge at.
func goldStart(toks []doc.Token, low []string, at *attribution, gold [][2]int, byteAt []int) *startProblem {
	if !startsAfterCue(at) || len(gold) != 1 || gold[0][1] >= len(byteAt) {
		return nil
	}
	want, end := byteAt[gold[0][0]], byteAt[gold[0][1]]
	if want >= at.content[1] {
		return nil
	}
	p, cands := startProblemOf(toks, low, at)
	if p == nil {
		return nil
	}
	// The gold start, or else the latest candidate before it: cutting into
	// the gold content costs more than keeping words.
	p.gold = 0
	for i, n := range cands {
		if s := toks[n].Start; s <= want && (s > toks[cands[p.gold]].Start || toks[cands[p.gold]].Start > want) {
			p.gold = i
		}
	}
	n := 0
	for _, t := range toks {
		if t.Start >= want && t.End <= end {
			n++
		}
	}
	p.loss = make([]float32, len(cands))
	for i, c := range cands {
		switch s := toks[c].Start; {
		case i == p.gold:
		case s > want:
			lost := 0
			for j := c - 1; j >= 0 && toks[j].Start >= want; j-- {
				lost++
			}
			p.loss[i] = 1 + startCutCost*float32(lost)/float32(max(n, 1))
		default:
			p.loss[i] = startKeepCost
		}
	}
	return p
}

// trainStartModel trains the start model on the problems that have more
// than one candidate.
func trainStartModel(problems []*startProblem, seed uint64) *startModel {
	var ps []*startProblem
	for _, p := range problems {
		if p != nil && p.gold >= 0 && len(p.feats) > 1 {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return trainStarts(ps, seed)
}

func trainStarts(ps []*startProblem, seed uint64) *startModel {
	w := make([]float32, 1<<startsBits)
	totals := make([]float64, len(w))
	rng := rand.New(rand.NewPCG(seed, 0x7374617274))
	c := 1.0
	for range startsEpochs {
		rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		for _, p := range ps {
			best, bestScore := 0, float32(0)
			for i, f := range p.feats {
				s := perceptron.Score(w, startsBits, f) + p.loss[i]
				if i == 0 || s > bestScore {
					best, bestScore = i, s
				}
			}
			if best != p.gold {
				perceptron.Update(w, totals, startsBits, p.feats[p.gold], 1, c)
				perceptron.Update(w, totals, startsBits, p.feats[best], -1, c)
			}
			c++
		}
	}
	return &startModel{bits: startsBits, w: perceptron.Average(w, totals, c)}
}

var startsMagic = []byte("starts\x00")

func (m *startModel) marshalTo(buf *bytes.Buffer) {
	buf.Write(startsMagic)
	binary.Write(buf, binary.LittleEndian, uint32(m.bits))
	binary.Write(buf, binary.LittleEndian, m.w)
}

func unmarshalStartModel(r *bytes.Reader) (*startModel, error) {
	got := make([]byte, len(startsMagic))
	if _, err := io.ReadFull(r, got); err != nil || !bytes.Equal(got, startsMagic) {
		return nil, errors.New("bad content-start section")
	}
	var bits uint32
	if err := binary.Read(r, binary.LittleEndian, &bits); err != nil || bits < 8 || bits > 24 {
		return nil, errors.New("content-start model: bad header")
	}
	m := &startModel{bits: uint(bits), w: make([]float32, 1<<bits)}
	if err := perceptron.ReadFloat32s(r, m.w); err != nil {
		return nil, errors.New("content-start model: " + err.Error())
	}
	return m, nil
}
