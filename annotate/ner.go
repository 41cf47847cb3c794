package annotate

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// nerTypes are the entity types newsnlp's model emits: CoNLL-2003's four.
// The entities stage maps them onto the output labels.
var nerTypes = [...]string{"PER", "ORG", "LOC", "MISC"}

// BILOU tags: tag 0 is O; type t has B, I, L, U at 1+4t … 4+4t.
const (
	nerTagCount = 1 + 4*len(nerTypes)
	bilouB      = 0
	bilouI      = 1
	bilouL      = 2
	bilouU      = 3
)

func nerTag(kind, typ int) int { return 1 + 4*typ + kind }

// nerTagParts splits a tag into its BILOU kind and type; O gives (-1, -1).
func nerTagParts(tag int) (kind, typ int) {
	if tag == 0 {
		return -1, -1
	}
	return (tag - 1) % 4, (tag - 1) / 4
}

// nerValid reports whether tag may follow prev (-1 at the start of a
// sentence), and, when last, whether it may end the sentence: a B or I must
// be followed by an I or L of its type, anything else by O, B or U.
func nerValid(prev, tag int, last bool) bool {
	pk, pt := nerTagParts(prev)
	k, t := nerTagParts(tag)
	if last && (k == bilouB || k == bilouI) {
		return false
	}
	if prev > 0 && (pk == bilouB || pk == bilouI) {
		return t == pt && (k == bilouI || k == bilouL)
	}
	return tag == 0 || k == bilouB || k == bilouU
}

// nerToken is one token with the strings its features are built from,
// computed once per token.
type nerToken struct {
	text, lower, shape, short, pos, suffix3, gaz string
	// class and coarse are the word's classes from the syntax models'
	// word clusters ("" for none).
	class, coarse string
	// glove and gloveCoarse are its classes of GloVe's vectors.
	glove, gloveCoarse string
	// doc says how the word is written elsewhere in the document: "lower"
	// (a common word, even in an all-caps headline), "cap" (capitalised in
	// mid-sentence: a name, even at the start of a sentence), "both", or
	// "" (nowhere else).
	doc string
}

// nerSentence is the model's view of one sentence.
type nerSentence struct {
	toks []nerToken
	caps bool // every cased letter of the sentence is upper case (a headline)
	// cased: the sentence is written in title case or in capitals, and the
	// headline model reads it.
	cased bool
}

func newNERToken(text, lower, pos, gaz string) nerToken {
	return nerToken{text: text, lower: lower, shape: wordShape(text, 3), short: wordShape(text, 1), pos: pos, suffix3: english.Suffix(lower, 3), gaz: gaz}
}

// wordShape maps letters to X or x, digits to d and keeps other
// characters, collapsing runs of one class beyond maxRun. Shapes are built
// on the stack; the common ones (letters and digits only, up to six
// characters) come from a table, so most tokens allocate nothing.
func wordShape(s string, maxRun int) string {
	var buf [32]byte
	b := buf[:0]
	var last rune
	run := 0
	for _, r := range s {
		c := english.ShapeClass(r)
		if c == last {
			run++
			if run >= maxRun {
				continue
			}
		} else {
			run = 0
		}
		last = c
		b = utf8.AppendRune(b, c)
	}
	if len(b) <= maxTabledShape {
		if t, ok := tabledShapes[string(b)]; ok { // no allocation to look up
			return t
		}
	}
	return string(b)
}

// maxTabledShape is the longest shape kept in tabledShapes.
const maxTabledShape = 6

// tabledShapes holds every shape of up to six X, x and d, read-only after
// init (so safe for concurrent use).
var tabledShapes = func() map[string]string {
	m := map[string]string{}
	var add func(prefix string)
	add = func(prefix string) {
		if prefix != "" {
			m[prefix] = prefix
		}
		if len(prefix) == maxTabledShape {
			return
		}
		for _, c := range "Xxd" {
			add(prefix + string(c))
		}
	}
	add("")
	return m
}()

// fh is a feature hash: FNV-1a over a template number and the strings.
func fh(tmpl byte, parts ...string) uint64 {
	h := uint64(perceptron.FNVOffset)
	h ^= uint64(tmpl)
	h *= perceptron.FNVPrime
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint64(p[i])
			h *= perceptron.FNVPrime
		}
		h ^= 0xff
		h *= perceptron.FNVPrime
	}
	return h
}

// Templates of the features that do not depend on earlier decisions.
const (
	fBias byte = iota
	fLower
	fWord
	fShape
	fSuffix2
	fSuffix3
	fSuffix4
	fPrefix3
	fPOS
	fPrevLower
	fNextLower
	fPrev2Lower
	fNext2Lower
	fPrevPOS
	fNextPOS
	fPrevShapeShape
	fShapeNextShape
	fPrevPOSPOS
	fPOSNextPOS
	fShortTrigram
	fFirstShape
	fGaz
	fPrevGaz
	fNextGaz
	fCapsLower
	fPrevLowerLower
	fLowerNextLower
	fLowerPOS
	fDocCase
	// Features of the decisions already made, computed while decoding.
	fPrevTag
	fPrevTags
	fPrevTagLower
	fPrevTagShape
	// Word classes, after the features of earlier decisions so that the
	// templates before keep their numbers.
	fClass
	fClassCoarse
	fPrevClass
	fNextClass
	fClassShort
	// GloVe's classes, after the text's.
	fGlove
	fGloveCoarse
	fPrevGlove
	fNextGlove
	fGloveShort
)

// staticHashes appends token i's static feature hashes.
func (s *nerSentence) staticHashes(dst []uint64, i int) []uint64 {
	t := &s.toks[i]
	at := func(j int) *nerToken {
		if j < 0 || j >= len(s.toks) {
			return &boundary
		}
		return &s.toks[j]
	}
	p, n, p2, n2 := at(i-1), at(i+1), at(i-2), at(i+2)
	caps := "mixed"
	if s.caps {
		caps = "caps"
	}
	first := "mid"
	if i == 0 {
		first = "first"
	}
	return append(dst,
		fh(fBias),
		fh(fLower, t.lower),
		fh(fWord, t.text),
		fh(fShape, t.shape),
		fh(fSuffix2, english.Suffix(t.lower, 2)),
		fh(fSuffix3, t.suffix3),
		fh(fSuffix4, english.Suffix(t.lower, 4)),
		fh(fPrefix3, english.Prefix(t.lower, 3)),
		fh(fPOS, t.pos),
		fh(fPrevLower, p.lower),
		fh(fNextLower, n.lower),
		fh(fPrev2Lower, p2.lower),
		fh(fNext2Lower, n2.lower),
		fh(fPrevPOS, p.pos),
		fh(fNextPOS, n.pos),
		fh(fPrevShapeShape, p.shape, t.shape),
		fh(fShapeNextShape, t.shape, n.shape),
		fh(fPrevPOSPOS, p.pos, t.pos),
		fh(fPOSNextPOS, t.pos, n.pos),
		fh(fShortTrigram, p.short, t.short, n.short),
		fh(fFirstShape, first, t.shape),
		fh(fGaz, t.gaz),
		fh(fPrevGaz, p.gaz),
		fh(fNextGaz, n.gaz),
		fh(fCapsLower, caps, t.shape),
		fh(fPrevLowerLower, p.lower, t.lower),
		fh(fLowerNextLower, t.lower, n.lower),
		fh(fLowerPOS, t.lower, t.pos),
		fh(fDocCase, t.doc, t.short),
		fh(fClass, t.class),
		fh(fClassCoarse, t.coarse),
		fh(fPrevClass, p.class),
		fh(fNextClass, n.class),
		fh(fClassShort, t.class, t.short),
		fh(fGlove, t.glove),
		fh(fGloveCoarse, t.gloveCoarse),
		fh(fPrevGlove, p.glove),
		fh(fNextGlove, n.glove),
		fh(fGloveShort, t.glove, t.short),
	)
}

// docCasing records how each word is written across a document, for the
// doc feature.
type docCasing map[string]uint8

const (
	seenLower uint8 = 1 << iota
	seenCapMid
)

// newDocCasing reads the casing of every word of a document's sentences
// (given as token ranges); words of all-caps sentences are not counted.
func newDocCasing(toks []doc.Token, low []string, sents []doc.Sentence) docCasing {
	d := docCasing{}
	for _, s := range sents {
		rng := s.Tokens()
		sent := toks[rng[0]:rng[1]]
		if allCaps(sent) {
			continue
		}
		for i, t := range sent {
			l := low[rng[0]+i]
			r, _ := utf8.DecodeRuneInString(t.Text)
			switch {
			case unicode.IsLower(r):
				d[l] |= seenLower
			case unicode.IsUpper(r) && i > 0:
				d[l] |= seenCapMid
			}
		}
	}
	return d
}

func (d docCasing) feature(lower string) string {
	switch d[lower] {
	case seenLower:
		return "lower"
	case seenCapMid:
		return "cap"
	case seenLower | seenCapMid:
		return "both"
	}
	return ""
}

// allCaps reports whether a sentence is written in capitals (a headline):
// it has cased letters, none lower case, and more than two tokens.
func allCaps(toks []doc.Token) bool {
	cased := false
	for _, t := range toks {
		for _, r := range t.Text {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsUpper(r) {
				cased = true
			}
		}
	}
	return cased && len(toks) > 2
}

// boundary stands for the tokens before the first and after the last.
var boundary = nerToken{text: "<s>", lower: "<s>", shape: "<s>", short: "<s>", pos: "<s>", suffix3: "<s>", gaz: ""}

var tagNames = func() [nerTagCount + 1]string {
	var names [nerTagCount + 1]string
	names[0] = "O"
	for t := range nerTypes {
		for k, c := range "BILU" {
			names[nerTag(k, t)] = string(c) + "-" + nerTypes[t]
		}
	}
	names[nerTagCount] = "<s>"
	return names
}()

func tagName(tag int) string {
	if tag < 0 {
		return tagNames[nerTagCount]
	}
	return tagNames[tag]
}

// dynamicHashes appends the features of the previous decisions.
func dynamicHashes(dst []uint64, t *nerToken, prev, prev2 int) []uint64 {
	pn := tagName(prev)
	return append(dst,
		fh(fPrevTag, pn),
		fh(fPrevTags, pn, tagName(prev2)),
		fh(fPrevTagLower, pn, t.lower),
		fh(fPrevTagShape, pn, t.shape),
	)
}

// nerModel is an averaged perceptron over hashed features: weight
// w[bucket*nerTagCount + tag] while training; a loaded model holds the
// weights as 16-bit integers times scale (q), half the memory. It is
// immutable once loaded and safe for concurrent use.
type nerModel struct {
	bits  uint
	w     []float32
	q     []int16
	scale float32
}

func newNERModel(bits uint) *nerModel {
	return &nerModel{bits: bits, w: make([]float32, (1<<bits)*nerTagCount)}
}

// scoreInto adds the weights of the features to scores.
func (m *nerModel) scoreInto(scores *[nerTagCount]float32, feats []uint64) {
	mask := uint64(1)<<m.bits - 1
	if m.q == nil {
		for _, h := range feats {
			row := m.w[int(h&mask)*nerTagCount:][:nerTagCount]
			for t := range scores {
				scores[t] += row[t]
			}
		}
		return
	}
	var sum [nerTagCount]int32
	for _, h := range feats {
		row := m.q[int(h&mask)*nerTagCount:][:nerTagCount]
		for t := range sum {
			sum[t] += int32(row[t])
		}
	}
	for t := range scores {
		scores[t] += float32(sum[t]) * m.scale
	}
}

// nerScratch holds per-call buffers so decoding allocates nothing per
// token.
type nerScratch struct {
	feats []uint64
	// A sentence's buffers, reused by the next (nerSentenceInto, predict).
	words, gaz []string
	toks       []nerToken
	tags       []int
	scores     [nerTagCount]float32 // the last step's
	// margins[i] is how far token i's tag scored above the best valid
	// tag of another type (O included), the model's confidence in it, at
	// the first token of each mention; stale elsewhere.
	margins []float32
}

// predict tags a sentence greedily, left to right, taking at each token the
// best tag that may follow the previous one. The tags are sc's, valid until
// its next use.
func (m *nerModel) predict(s *nerSentence, sc *nerScratch) []int {
	sc.tags = slices.Grow(sc.tags[:0], len(s.toks))[:len(s.toks)]
	sc.margins = slices.Grow(sc.margins[:0], len(s.toks))[:len(s.toks)]
	tags := sc.tags
	prev, prev2 := -1, -1
	for i := range s.toks {
		tags[i] = m.step(s, i, prev, prev2, sc)
		if k, _ := nerTagParts(tags[i]); k == bilouB || k == bilouU {
			sc.margins[i] = typeMargin(&sc.scores, tags[i], prev, i == len(s.toks)-1)
		}
		prev2, prev = prev, tags[i]
	}
	return tags
}

// typeMargin is how far tag's score lies above the best tag of another
// type (or O) that may follow prev.
func typeMargin(scores *[nerTagCount]float32, tag, prev int, last bool) float32 {
	_, typ := nerTagParts(tag)
	rival := float32(math.Inf(-1))
	for t := 0; t < nerTagCount; t++ {
		if _, ty := nerTagParts(t); ty != typ && nerValid(prev, t, last) && scores[t] > rival {
			rival = scores[t]
		}
	}
	return scores[tag] - rival
}

// step decides token i's tag given the two before it, leaving the features
// it used in sc.feats. Training and prediction share it, so the model
// learns with exactly the decoding it predicts with.
func (m *nerModel) step(s *nerSentence, i, prev, prev2 int, sc *nerScratch) int {
	sc.feats = s.staticHashes(sc.feats[:0], i)
	sc.feats = dynamicHashes(sc.feats, &s.toks[i], prev, prev2)
	sc.scores = [nerTagCount]float32{}
	m.scoreInto(&sc.scores, sc.feats)
	return bestValid(&sc.scores, prev, i == len(s.toks)-1)
}

func bestValid(scores *[nerTagCount]float32, prev int, last bool) int {
	best, bestScore := 0, float32(math.Inf(-1))
	for t := 0; t < nerTagCount; t++ {
		if nerValid(prev, t, last) && scores[t] > bestScore {
			best, bestScore = t, scores[t]
		}
	}
	return best
}

// nerSpan is a decoded mention: tokens [start, end) of one type.
type nerSpan struct{ start, end, typ int }

// decodeSpans turns a valid BILOU sequence into spans.
func decodeSpans(tags []int) []nerSpan {
	var out []nerSpan
	open := -1
	for i, tag := range tags {
		k, t := nerTagParts(tag)
		switch k {
		case bilouU:
			out = append(out, nerSpan{i, i + 1, t})
			open = -1
		case bilouB:
			open = i
		case bilouL:
			if open >= 0 {
				out = append(out, nerSpan{open, i + 1, t})
			}
			open = -1
		case -1:
			open = -1
		}
	}
	return out
}

// encodeSpans is the inverse: the BILOU tags of n tokens with these spans.
func encodeSpans(n int, spans []nerSpan) []int {
	tags := make([]int, n)
	for _, s := range spans {
		if s.end-s.start == 1 {
			tags[s.start] = nerTag(bilouU, s.typ)
			continue
		}
		tags[s.start] = nerTag(bilouB, s.typ)
		for i := s.start + 1; i < s.end-1; i++ {
			tags[i] = nerTag(bilouI, s.typ)
		}
		tags[s.end-1] = nerTag(bilouL, s.typ)
	}
	return tags
}

// Model file: magic, format version, bits, tag count, the scale, then the
// weights as little-endian 16-bit integers (times the scale), the whole
// zstd-compressed.
var nerMagic = []byte("newsnlp-ner\x00")

const nerFormat = 2

// marshal serialises the model deterministically.
func (m *nerModel) marshal() ([]byte, error) {
	q, scale := m.q, m.scale
	if q == nil {
		q, scale = perceptron.Quantise(m.w)
	}
	var raw bytes.Buffer
	raw.Write(nerMagic)
	binary.Write(&raw, binary.LittleEndian, uint32(nerFormat))
	binary.Write(&raw, binary.LittleEndian, uint32(m.bits))
	binary.Write(&raw, binary.LittleEndian, uint32(nerTagCount))
	binary.Write(&raw, binary.LittleEndian, scale)
	binary.Write(&raw, binary.LittleEndian, q)
	return perceptron.Compress(raw.Bytes())
}

// ErrNoNERModel is returned when the binary was built without a trained
// entity model.
var ErrNoNERModel = errors.New("no trained NER model is embedded (run make train-ner)")

func unmarshalNERModel(b []byte) (*nerModel, error) {
	r, done, err := perceptron.Stream("NER model", nerMagic, b, ErrNoNERModel)
	if err != nil {
		return nil, err
	}
	defer done()
	var format, bits, tags uint32
	for _, v := range []*uint32{&format, &bits, &tags} {
		if err := binary.Read(r, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("NER model: %w", err)
		}
	}
	if format != nerFormat || tags != uint32(nerTagCount) || bits < 8 || bits > 26 {
		return nil, fmt.Errorf("NER model: format %d, %d tags, %d bits: not this version's (run make train-ner)", format, tags, bits)
	}
	m := &nerModel{bits: uint(bits), q: make([]int16, (1<<bits)*nerTagCount)}
	if err := binary.Read(r, binary.LittleEndian, &m.scale); err != nil {
		return nil, fmt.Errorf("NER model: %w", err)
	}
	if err := perceptron.ReadInt16s(r, m.q); err != nil {
		return nil, fmt.Errorf("NER model: %w", err)
	}
	return m, nil
}

// NERTrainOptions configures TrainNER.
type NERTrainOptions struct {
	Bits   uint   // log2 of the number of feature buckets
	Epochs int    // at most this many passes over the data
	Seed   uint64 // shuffling seed; same data and seed give the same model
	// Models is how many perceptrons are trained, each visiting the data
	// in its own order (seeds Seed, Seed+1, …), and averaged into one:
	// the order a perceptron sees the data in moves its F1 by several
	// tenths of a point, and the average of several orders does not
	// depend on any one of them. 0 means 1.
	Models int
	// Patience stops training after this many epochs without a better dev
	// F1.
	Patience int
	// KeepLast trains for Epochs epochs and keeps the last, whatever the
	// dev F1 (the epochs were chosen elsewhere).
	KeepLast bool
	// Parallel runs the models' epochs, on as many cores as it likes; nil
	// runs them one after the other. Training gives the same model either
	// way.
	Parallel func(jobs []func())
}

// NERTrainResult describes a training run.
type NERTrainResult struct {
	BestEpoch int
	DevF1     []float64 // per epoch, on token-level gold spans
	Model     []byte    // the serialised model of the best epoch
}

// nerTrainer is one averaged perceptron being trained.
type nerTrainer struct {
	m      *nerModel
	totals []float64 // Σ c·Δw: the average is w − totals/c (the lazy trick)
	c      float64
	order  []int
	rng    *rand.Rand
	sc     *nerScratch
}

func newNERTrainer(bits uint, n int, seed uint64) *nerTrainer {
	m := newNERModel(bits)
	t := &nerTrainer{m: m, totals: make([]float64, len(m.w)), c: 1, order: make([]int, n), sc: &nerScratch{},
		rng: rand.New(rand.NewPCG(seed, 0x6e6577736e6c70))}
	for i := range t.order {
		t.order[i] = i
	}
	return t
}

// epoch makes one pass over the sentences in a new order, decoding
// greedily as prediction does, so the model learns from its own history
// of decisions.
func (t *nerTrainer) epoch(train []NERSentence) {
	m := t.m
	mask := uint64(1)<<m.bits - 1
	t.rng.Shuffle(len(t.order), func(i, j int) { t.order[i], t.order[j] = t.order[j], t.order[i] })
	for _, si := range t.order {
		s := &train[si].sent
		gold := train[si].tags
		prev, prev2 := -1, -1
		for i := range s.toks {
			guess := m.step(s, i, prev, prev2, t.sc)
			if guess != gold[i] {
				for _, h := range t.sc.feats {
					base := int(h&mask) * nerTagCount
					m.w[base+gold[i]]++
					m.w[base+guess]--
					t.totals[base+gold[i]] += t.c
					t.totals[base+guess] -= t.c
				}
			}
			t.c++
			prev2, prev = prev, guess
		}
	}
}

// averageOf is the mean of the trainers' averaged weights.
func averageOf(ts []*nerTrainer) *nerModel {
	out := &nerModel{bits: ts[0].m.bits, w: perceptron.Average(ts[0].m.w, ts[0].totals, ts[0].c)}
	for _, t := range ts[1:] {
		for i, x := range perceptron.Average(t.m.w, t.totals, t.c) {
			out.w[i] += x
		}
	}
	if len(ts) > 1 {
		k := float32(len(ts))
		for i := range out.w {
			out.w[i] /= k
		}
	}
	return out
}

// TrainNER trains averaged perceptrons on labelled sentences and averages
// them (opts.Models), keeping the epoch with the best span F1 on dev.
func TrainNER(train, dev []NERSentence, opts NERTrainOptions, progress func(epoch int, devF1 float64)) (*NERTrainResult, error) {
	if opts.Bits == 0 {
		opts.Bits = 18
	}
	if opts.Epochs == 0 {
		opts.Epochs = 15
	}
	if opts.Patience == 0 {
		opts.Patience = 3
	}
	if opts.Models == 0 {
		opts.Models = 1
	}
	run := opts.Parallel
	if run == nil {
		run = func(jobs []func()) {
			for _, j := range jobs {
				j()
			}
		}
	}
	if len(train) == 0 {
		return nil, errors.New("no training sentences")
	}
	trainers := make([]*nerTrainer, opts.Models)
	jobs := make([]func(), opts.Models)
	for k := range trainers {
		trainers[k] = newNERTrainer(opts.Bits, len(train), opts.Seed+uint64(k))
		jobs[k] = func() { trainers[k].epoch(train) }
	}
	res := &NERTrainResult{}
	best := -1.0
	for epoch := 1; epoch <= opts.Epochs; epoch++ {
		run(jobs)
		avg := averageOf(trainers)
		f1 := spanF1(avg, dev)
		res.DevF1 = append(res.DevF1, f1)
		if progress != nil {
			progress(epoch, f1)
		}
		if f1 > best || opts.KeepLast {
			best, res.BestEpoch = f1, epoch
			b, err := avg.marshal()
			if err != nil {
				return nil, err
			}
			res.Model = b
		} else if epoch-res.BestEpoch >= opts.Patience && !opts.KeepLast {
			break
		}
	}
	return res, nil
}

// NERSpanF1 is the exact-span, exact-type F1 of a serialised model on
// labelled sentences.
func NERSpanF1(model []byte, sents []NERSentence) (float64, error) {
	m, err := unmarshalNERModel(model)
	if err != nil {
		return 0, err
	}
	return spanF1(m, sents), nil
}

// spanF1 is the exact-span, exact-type F1 of the model on labelled
// sentences.
func spanF1(m *nerModel, sents []NERSentence) float64 {
	tp, pred, gold := 0, 0, 0
	sc := &nerScratch{}
	for i := range sents {
		want := decodeSpans(sents[i].tags)
		got := decodeSpans(m.predict(&sents[i].sent, sc))
		gold += len(want)
		pred += len(got)
		set := map[nerSpan]bool{}
		for _, s := range want {
			set[s] = true
		}
		for _, s := range got {
			if set[s] {
				tp++
			}
		}
	}
	if pred == 0 || gold == 0 || tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(pred), float64(tp)/float64(gold)
	return 2 * p * r / (p + r)
}

// NERSentence is one sentence labelled for training: its tokens as the
// pipeline sees them and a BILOU tag for each.
type NERSentence struct {
	sent nerSentence
	tags []int
}

// Cased reports whether the sentence is written in title case or in
// capitals: the headline model reads it, not the main model.
func (s NERSentence) Cased() bool { return s.sent.cased }

// Tokens returns the sentence's token texts (for tests and inspection).
func (s NERSentence) Tokens() []string {
	out := make([]string, len(s.sent.toks))
	for i, t := range s.sent.toks {
		out[i] = t.text
	}
	return out
}

// Tags returns the sentence's BILOU tags as strings.
func (s NERSentence) Tags() []string {
	out := make([]string, len(s.tags))
	for i, t := range s.tags {
		out[i] = tagName(t)
	}
	return out
}
