package annotate

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
)

// attrFilter decides which of the quotes stage's candidate attributions to
// keep. The cue model alone judges one word in its window; the filter
// judges the whole attribution the rules built around a cue: how the cue
// was found and how sure the cue model was, what the speaker resolved to,
// where speaker and cue stand, and how the content begins and how long it
// is. With it the cue model can propose more (a lower candidate threshold)
// and the filter keeps what looks like PolNeAR's attributions. It is a
// binary averaged perceptron over hashed features, trained by train-cues
// on candidates that cue models which never saw their articles produced
// (cross-fitting), and it travels in the cue model's file.
type attrFilter struct {
	bits uint
	w    []float32
	// candidate is the cue-model score above which a word is a candidate
	// cue; threshold is the filter score above which an attribution is
	// kept.
	candidate, threshold float32
}

var filterMagic = []byte("filter\x00")

func (f *attrFilter) marshalTo(buf *bytes.Buffer) {
	buf.Write(filterMagic)
	binary.Write(buf, binary.LittleEndian, uint32(f.bits))
	binary.Write(buf, binary.LittleEndian, f.candidate)
	binary.Write(buf, binary.LittleEndian, f.threshold)
	binary.Write(buf, binary.LittleEndian, f.w)
}

func unmarshalAttrFilter(r *bytes.Reader) (*attrFilter, error) {
	got := make([]byte, len(filterMagic))
	if _, err := r.Read(got); err != nil || !bytes.Equal(got, filterMagic) {
		return nil, errors.New("bad attribution filter section")
	}
	var bits uint32
	if err := binary.Read(r, binary.LittleEndian, &bits); err != nil || bits < 8 || bits > 24 {
		return nil, errors.New("attribution filter: bad header")
	}
	f := &attrFilter{bits: uint(bits), w: make([]float32, 1<<bits)}
	for _, x := range []any{&f.candidate, &f.threshold} {
		if err := binary.Read(r, binary.LittleEndian, x); err != nil {
			return nil, fmt.Errorf("attribution filter: %w", err)
		}
	}
	if err := readFloat32s(r, f.w); err != nil {
		return nil, fmt.Errorf("attribution filter: %w", err)
	}
	return f, nil
}

func (f *attrFilter) score(feats []uint64) float32 { return hashedScore(f.w, f.bits, feats) }

// candidateThreshold is the cue-model score above which the quotes stage
// takes a word for part of a cue: the filter's lower one when the model
// has a filter (or while collecting the filter's training examples), else
// cueThreshold.
func (a *Annotator) candidateThreshold() float32 {
	switch {
	case a.collectFilter:
		return a.collectThreshold
	case a.cueModel != nil && a.cueModel.filter != nil:
		return a.cueModel.filter.candidate
	}
	return cueThreshold
}

// activeFilter is the filter annotation applies: the cue model's, unless
// training examples are being collected.
func (a *Annotator) activeFilter() *attrFilter {
	if a.collectFilter || a.cueModel == nil {
		return nil
	}
	return a.cueModel.filter
}

// Attribution-filter feature templates (a range of their own).
const (
	afBias byte = 200 + iota
	afLemma
	afClass
	afKind
	afResolution
	afLabel
	afFromModel
	afCuePOS
	afPrev
	afContentFirst
	afContentPOS
	afSpeakerPOS
	afCueBefore
	afSpeakerBefore
	afContentLen
	afSpeakerLen
	afCueWords
	afScore
	afFromModelResolution
	afLemmaResolution
	afKindResolution
	afScoreResolution
	afContentFirstFromModel
	afSpeakerHead
	afLemmaKind
	afLemmaContentFirst
	afPrior
	afFallback
)

// bucket is the index of the first bound n does not exceed (len(bounds)
// when it exceeds them all).
func bucket(n float32, bounds []float32) uint64 {
	for i, b := range bounds {
		if n <= b {
			return uint64(i)
		}
	}
	return uint64(len(bounds))
}

var (
	contentLenBounds = []float32{1, 2, 3, 5, 8, 13, 21, 34}
	speakerLenBounds = []float32{0, 1, 2, 3, 5, 8}
	scoreBounds      = []float32{-16, -12, -8, -6, -4, -2, 0, 2, 4, 8}
	coarseBounds     = []float32{-12, -8, -4, 0, 4}
)

// filterFeatures appends the features of a candidate attribution, as the
// rules built it: before the speaker is resolved (which would count the
// candidate towards the article's speakers), so the speaker's kind is read
// from its tokens and the entity mentions: a name, a pronoun, another noun
// phrase, or none.
func filterFeatures(dst []uint64, toks []Token, low []string, ms []Mention, at *attribution, prior int) []uint64 {
	none := boundaryHash
	cuePOS, prev := none, none
	cueWords := 0
	if at.cue[1] > at.cue[0] {
		if c := tokenAt(toks, at.cue[0]); c >= 0 {
			cuePOS = strHash(toks[c].POS)
			if c > 0 {
				prev = strHash(low[c-1])
			}
			for j := c; j < len(toks) && toks[j].Start < at.cue[1]; j++ {
				cueWords++
			}
		}
	}
	cueWords = min(cueWords, 4)
	contentFirst, contentPOS := none, none
	contentLen := 0
	if c0 := tokenAt(toks, at.content[0]); c0 >= 0 {
		contentFirst, contentPOS = strHash(low[c0]), strHash(toks[c0].POS)
		c1 := tokenAt(toks, at.content[1])
		if c1 < 0 {
			c1 = len(toks)
		}
		contentLen = c1 - c0
	}
	speakerPOS, speakerHead, res, label := none, none, "none", ""
	speakerLen := 0
	var speakerBefore uint64
	if s0, s1 := at.speakerTok[0], at.speakerTok[1]; s0 >= 0 && s1 > s0 {
		speakerPOS, speakerHead, speakerLen = strHash(toks[s0].POS), strHash(low[s1-1]), s1-s0
		if toks[s1-1].End <= at.cue[0] {
			speakerBefore = 1
		}
		switch p := toks[s0].POS; {
		case s1-s0 == 1 && (p == "PRP" || p == "WP"):
			res = "pronoun"
		default:
			res = "nominal"
			i := sort.Search(len(ms), func(i int) bool { return ms[i].End > toks[s0].Start })
			for ; i < len(ms) && ms[i].Start < toks[s1-1].End; i++ {
				if ms[i].Label == "PERSON" || ms[i].Label == "ORG" {
					res, label = "name", ms[i].Label
					break
				}
			}
		}
	}
	var cueBefore, fromModel, fallback uint64
	if at.fallback {
		fallback = 1
	}
	if at.cue[1] > at.cue[0] && at.cue[1] <= at.content[0] {
		cueBefore = 1
	}
	if at.fromModel {
		fromModel = 1
	}
	score, coarse := uint64(99), uint64(99) // not scored
	if at.scored {
		score, coarse = bucket(at.cueScore, scoreBounds), bucket(at.cueScore, coarseBounds)
	}
	lemma, rh := strHash(at.cueLemma), strHash(res)
	kind := strHash(at.kind)
	return append(dst,
		mix(afBias),
		mix(afLemma, lemma),
		mix(afClass, strHash(at.class)),
		mix(afKind, kind),
		mix(afResolution, rh),
		mix(afLabel, strHash(label)),
		mix(afFromModel, fromModel),
		mix(afCuePOS, cuePOS),
		mix(afPrev, prev),
		mix(afContentFirst, contentFirst),
		mix(afContentPOS, contentPOS),
		mix(afSpeakerPOS, speakerPOS),
		mix(afCueBefore, cueBefore),
		mix(afSpeakerBefore, speakerBefore),
		mix(afContentLen, bucket(float32(contentLen), contentLenBounds)),
		mix(afSpeakerLen, bucket(float32(speakerLen), speakerLenBounds)),
		mix(afCueWords, uint64(cueWords)),
		mix(afScore, score),
		mix(afFromModelResolution, fromModel, rh),
		mix(afLemmaResolution, lemma, rh),
		mix(afKindResolution, kind, rh),
		mix(afScoreResolution, coarse, rh),
		mix(afContentFirstFromModel, contentFirst, fromModel),
		mix(afSpeakerHead, speakerHead),
		mix(afLemmaKind, lemma, kind),
		mix(afLemmaContentFirst, lemma, contentFirst),
		mix(afPrior, uint64(min(prior, 2))),
		mix(afFallback, fallback, rh),
	)
}

// FilterExample is one candidate attribution, with its features and
// whether its content covers at least 0.3 of a gold content.
type FilterExample struct {
	feats []uint64
	good  bool
}

// Good reports whether the candidate matches a gold attribution.
func (e FilterExample) Good() bool { return e.good }

// fullAnnotator is the annotator the filter's examples are made with: the
// whole pipeline, NER included, since the speaker's resolution is a
// feature.
var fullAnnotator = sync.OnceValues(func() (*Annotator, error) { return New(DefaultConfig()) })

// FilterGold is one gold attribution, in code-point fragments.
type FilterGold struct {
	Content, Cue [][2]int
}

// FilterExamples annotates text with the cue model in model (a train-cues
// file; any filter in it is ignored), taking candidate cues above the
// candidate score, and labels each candidate attribution: right when its
// content covers at least 0.3 of a gold attribution's content and its cue
// overlaps that attribution's cue.
func (b *CueExampleBuilder) FilterExamples(model []byte, candidate float32, text string, gold []FilterGold) ([]FilterExample, error) {
	full, err := fullAnnotator()
	if err != nil {
		return nil, err
	}
	m, err := unmarshalCueModel(model)
	if err != nil {
		return nil, err
	}
	m.filter = nil
	c := *full
	c.cueModel, c.collectFilter, c.collectThreshold = m, true, candidate
	zones := FindZones(text, "")
	r, err := c.nlp(context.Background(), text, zones, true)
	if err != nil {
		return nil, err
	}
	r.mentions = c.entities(text, &r)
	ats := c.quotesStage(text, zones, &r, r.mentions)
	byteAt := byteOffsets(text)
	// overlap is the number of bytes of span's fragments inside [s, e),
	// and their total.
	overlap := func(span [][2]int, s, e int) (ov, n int) {
		for _, f := range span {
			if f[0] < 0 || f[1] >= len(byteAt) || f[0] >= f[1] {
				continue
			}
			fs, fe := byteAt[f[0]], byteAt[f[1]]
			n += fe - fs
			if lo, hi := max(fs, s), min(fe, e); hi > lo {
				ov += hi - lo
			}
		}
		return ov, n
	}
	out := make([]FilterExample, 0, len(ats))
	for _, at := range ats {
		if at.filterFeats == nil {
			continue // found by a rule with no cue to filter (a colon, a floating quotation)
		}
		good := false
		for _, g := range gold {
			ov, n := overlap(g.Content, at.content[0], at.content[1])
			if cov, _ := overlap(g.Cue, at.cue[0], at.cue[1]); n > 0 && 10*ov >= 3*n && cov > 0 {
				good = true
				break
			}
		}
		out = append(out, FilterExample{feats: at.filterFeats, good: good})
	}
	return out, nil
}

// TrainFilter trains the attribution filter on examples for epochs passes
// and returns the cue model file with the filter in it; candidate is the
// cue-model score the examples were made with, threshold the filter score
// annotation keeps a candidate above.
func (b *CueExampleBuilder) TrainFilter(cueModel []byte, ex []FilterExample, bits uint, epochs int, seed uint64, candidate, threshold float32) ([]byte, error) {
	if len(ex) == 0 {
		return nil, errors.New("no attribution examples")
	}
	m, err := unmarshalCueModel(cueModel)
	if err != nil {
		return nil, err
	}
	f := &attrFilter{bits: bits, w: make([]float32, 1<<bits), candidate: candidate, threshold: threshold}
	totals := make([]float64, len(f.w))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x66696c))
	c := 1.0
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := ex[i]
			if (f.score(e.feats) > 0) != e.good {
				d := float32(1)
				if !e.good {
					d = -1
				}
				perceptronUpdate(f.w, totals, bits, e.feats, d, c)
			}
			c++
		}
	}
	for i := range f.w {
		f.w[i] -= float32(totals[i] / c)
	}
	m.filter = f
	return m.marshal()
}
