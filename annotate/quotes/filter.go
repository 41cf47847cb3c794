package quotes

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
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
	// calib makes the score column; nil in a file trained before it.
	calib *calibration
}

var filterMagic = []byte("filter\x00")

func (f *attrFilter) marshalTo(buf *bytes.Buffer) {
	buf.Write(filterMagic)
	binary.Write(buf, binary.LittleEndian, uint32(f.bits))
	binary.Write(buf, binary.LittleEndian, f.candidate)
	binary.Write(buf, binary.LittleEndian, f.threshold)
	binary.Write(buf, binary.LittleEndian, f.w)
	if f.calib != nil {
		f.calib.marshalTo(buf)
	}
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
	if err := perceptron.ReadFloat32s(r, f.w); err != nil {
		return nil, fmt.Errorf("attribution filter: %w", err)
	}
	// A filter trained before the score column has nothing more.
	if nextIs(r, calibrationMagic) {
		c, err := unmarshalCalibration(r)
		if err != nil {
			return nil, fmt.Errorf("attribution filter: %w", err)
		}
		f.calib = c
	}
	return f, nil
}

// nextIs reports whether r's unread bytes start with magic.
func nextIs(r *bytes.Reader, magic []byte) bool {
	if r.Len() < len(magic) {
		return false
	}
	got := make([]byte, len(magic))
	n, _ := r.ReadAt(got, r.Size()-int64(r.Len()))
	return n == len(magic) && bytes.Equal(got, magic)
}

func (f *attrFilter) score(feats []uint64) float32 { return perceptron.Score(f.w, f.bits, feats) }

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
	// The parse: how the speaker and the content hang on the cue.
	afSpeakerRel
	afContentRel
	afCueDep
	afLemmaContentRel
	afSpeakerContentRel
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
func filterFeatures(dst []uint64, toks []doc.Token, low []string, ms []doc.Mention, at *attribution, prior int) []uint64 {
	none := boundaryHash
	cuePOS, prev := none, none
	cueWords := 0
	if at.cue[1] > at.cue[0] {
		if c := tokenAt(toks, at.cue[0]); c >= 0 {
			cuePOS = perceptron.Hash(toks[c].POS)
			if c > 0 {
				prev = perceptron.Hash(low[c-1])
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
		contentFirst, contentPOS = perceptron.Hash(low[c0]), perceptron.Hash(toks[c0].POS)
		c1 := tokenAt(toks, at.content[1])
		if c1 < 0 {
			c1 = len(toks)
		}
		contentLen = c1 - c0
	}
	sp := speakerView(toks, low, ms, at)
	speakerPOS, speakerHead, res, label, speakerLen, speakerBefore := sp.pos, sp.head, sp.res, sp.label, sp.words, sp.before
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
	lemma, rh := perceptron.Hash(at.cueLemma), perceptron.Hash(res)
	kind := perceptron.Hash(at.kind)
	dst = append(dst,
		perceptron.Mix(afBias),
		perceptron.Mix(afLemma, lemma),
		perceptron.Mix(afClass, perceptron.Hash(at.class)),
		perceptron.Mix(afKind, kind),
		perceptron.Mix(afResolution, rh),
		perceptron.Mix(afLabel, perceptron.Hash(label)),
		perceptron.Mix(afFromModel, fromModel),
		perceptron.Mix(afCuePOS, cuePOS),
		perceptron.Mix(afPrev, prev),
		perceptron.Mix(afContentFirst, contentFirst),
		perceptron.Mix(afContentPOS, contentPOS),
		perceptron.Mix(afSpeakerPOS, speakerPOS),
		perceptron.Mix(afCueBefore, cueBefore),
		perceptron.Mix(afSpeakerBefore, speakerBefore),
		perceptron.Mix(afContentLen, bucket(float32(contentLen), contentLenBounds)),
		perceptron.Mix(afSpeakerLen, bucket(float32(speakerLen), speakerLenBounds)),
		perceptron.Mix(afCueWords, uint64(cueWords)),
		perceptron.Mix(afScore, score),
		perceptron.Mix(afFromModelResolution, fromModel, rh),
		perceptron.Mix(afLemmaResolution, lemma, rh),
		perceptron.Mix(afKindResolution, kind, rh),
		perceptron.Mix(afScoreResolution, coarse, rh),
		perceptron.Mix(afContentFirstFromModel, contentFirst, fromModel),
		perceptron.Mix(afSpeakerHead, speakerHead),
		perceptron.Mix(afLemmaKind, lemma, kind),
		perceptron.Mix(afLemmaContentFirst, lemma, contentFirst),
		perceptron.Mix(afPrior, uint64(min(prior, 2))),
		perceptron.Mix(afFallback, fallback, rh),
	)
	sr, cr, cd := parseRelations(toks, at)
	return append(dst,
		perceptron.Mix(afSpeakerRel, sr),
		perceptron.Mix(afContentRel, cr),
		perceptron.Mix(afCueDep, cd),
		perceptron.Mix(afLemmaContentRel, lemma, cr),
		perceptron.Mix(afSpeakerContentRel, sr, cr),
	)
}

// candidateSpeaker is what the filter reads of a candidate's speaker: the
// tag of its first word, its last word, how it would be resolved (a name,
// a pronoun or another noun phrase, "none" without a speaker) and the
// name's label, its length in words, and whether it comes before the cue.
type candidateSpeaker struct {
	pos, head  uint64
	res, label string
	words      int
	before     uint64
}

func speakerView(toks []doc.Token, low []string, ms []doc.Mention, at *attribution) candidateSpeaker {
	sp := candidateSpeaker{pos: boundaryHash, head: boundaryHash, res: "none"}
	s0, s1 := at.speakerTok[0], at.speakerTok[1]
	if s0 < 0 || s1 <= s0 {
		return sp
	}
	sp.pos, sp.head, sp.words = perceptron.Hash(toks[s0].POS), perceptron.Hash(low[s1-1]), s1-s0
	if toks[s1-1].End <= at.cue[0] {
		sp.before = 1
	}
	if p := toks[s0].POS; s1-s0 == 1 && (p == "PRP" || p == "WP") {
		sp.res = doc.ResolvedPronoun
		return sp
	}
	sp.res = doc.ResolvedNominal
	i := sort.Search(len(ms), func(i int) bool { return ms[i].End > toks[s0].Start })
	for ; i < len(ms) && ms[i].Start < toks[s1-1].End; i++ {
		if ms[i].Label == "PERSON" || ms[i].Label == "ORG" {
			sp.res, sp.label = doc.ResolvedName, ms[i].Label
			break
		}
	}
	return sp
}

// parseRelations reads how a candidate hangs together in the parse: the
// relation of the speaker's head word to the cue's head word (nsubj, or
// "path" when it hangs lower down, "none" when not below it), the relation
// of the cue's dependent holding the content's first word ("up" when the
// cue hangs below the content's word instead: “…,” he said), and the cue
// head's own relation. Hashes; "none" for a missing part.
func parseRelations(toks []doc.Token, at *attribution) (speaker, content, cueDep uint64) {
	speaker, content, cueDep = boundaryHash, boundaryHash, boundaryHash
	k0, k1 := tokenAt(toks, at.cue[0]), tokenAt(toks, at.cue[1])
	if at.cue[1] <= at.cue[0] || k0 < 0 {
		return
	}
	if k1 < 0 {
		k1 = len(toks)
	}
	h := cueHead(toks, k0, k1)
	if h < 0 {
		return
	}
	cueDep = perceptron.Hash(toks[h].Dep)
	if s0, s1 := at.speakerTok[0], at.speakerTok[1]; s0 >= 0 && s1 > s0 {
		speaker = perceptron.Hash(relationTo(toks, headIn(toks, s0, s1), h))
	}
	if c := tokenAt(toks, at.content[0]); c >= 0 {
		r := relationTo(toks, c, h)
		if r == "none" && below(toks, h, c) {
			r = "up"
		}
		content = perceptron.Hash(r)
	}
	return
}

// headIn is the word of tokens [s0, s1) whose head lies outside them.
func headIn(toks []doc.Token, s0, s1 int) int {
	for k := s0; k < s1; k++ {
		if h := toks[k].Head; h < s0 || h >= s1 {
			return k
		}
	}
	return s0
}

// relationTo is the relation of the child of h on the way up from k to h
// (k itself when it hangs on h directly), "none" when k is not below h.
func relationTo(toks []doc.Token, k, h int) string {
	if c := childOnPath(toks, k, h); c >= 0 {
		return toks[c].Dep
	}
	return "none"
}

// below reports whether token k is h or hangs (at any depth) below it.
func below(toks []doc.Token, k, h int) bool { return k == h || childOnPath(toks, k, h) >= 0 }
