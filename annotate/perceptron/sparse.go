package perceptron

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Sparse is a trained multiclass averaged perceptron over hashed features
// whose weights are kept only for the classes a feature was ever updated
// for: a feature of the tagger or the parser touches a handful of its
// fifty or a hundred classes, so a dense row per feature would be mostly
// zeros. Features are found by a 32-bit fingerprint of their hash in an
// open-addressing table: of a million features, a few dozen pairs share a
// fingerprint (the second of a pair loses its weights), and a feature the
// model never saw finds another's weights about once in a billion
// lookups. Weights are 16-bit integers times one scale (a perceptron's
// weights need no more), a slot and an entry are 12 and 4 bytes, so that
// scoring a feature costs a cache miss or two. A Sparse is read-only after
// it is built and safe for concurrent use.
type Sparse struct {
	classes int
	mask    uint64
	scale   float32
	slots   []sparseSlot // key 0 marks an empty slot
	entries []sparseEntry
}

type sparseSlot struct {
	key, start, n uint32 // the slot's entries are entries[start : start+n]
}

type sparseEntry struct {
	class uint16
	w     int16
}

// Classes is the number of classes.
func (m *Sparse) Classes() int { return m.classes }

// Scale is what a weight in Scores's units is worth.
func (m *Sparse) Scale() float32 { return m.scale }

// Features is the number of features that have weights.
func (m *Sparse) Features() int {
	n := 0
	for _, s := range m.slots {
		if s.key != 0 {
			n++
		}
	}
	return n
}

// fingerprint is the 32-bit key a feature hash is stored under, never 0.
func fingerprint(h uint64) uint32 {
	k := uint32(h>>32) ^ uint32(h)
	if k == 0 {
		return 1
	}
	return k
}

// home is the slot a fingerprint's probe starts at.
func home(k uint32, mask uint64) uint64 { return uint64(k*0x9e3779b1) & mask }

// slotKey is the key a trainer files a feature under.
func slotKey(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// Scores adds the weights of feats to scores, which has one cell per class,
// in units of Scale: integers add faster than floats, and the best class
// is the same.
//
// A model is larger than the cache, so each feature costs a miss for its
// slot and one for its entries. Scores reads the features' home slots
// first, in a loop with no branch on what it loads, so that the processor
// has all of those misses in flight at once rather than one after another;
// then it probes and adds.
func (m *Sparse) Scores(feats []uint64, scores []int32) {
	if len(m.slots) == 0 {
		return
	}
	var found [scoreBatch]sparseSlot
	for len(feats) > 0 {
		batch := feats[:min(len(feats), scoreBatch)]
		feats = feats[len(batch):]
		var homes [scoreBatch]sparseSlot
		for j, h := range batch {
			homes[j] = m.slots[home(fingerprint(h), m.mask)]
		}
		n := 0
		for j, h := range batch {
			if s, ok := m.probe(fingerprint(h), homes[j]); ok {
				found[n] = s
				n++
			}
		}
		for _, s := range found[:n] {
			for _, e := range m.entries[s.start : s.start+s.n] {
				scores[e.class] += int32(e.w)
			}
		}
	}
}

// scoreBatch is how many features Scores reads slots for at once.
const scoreBatch = 64

// probe finds fingerprint f's slot, given the slot at its home.
func (m *Sparse) probe(f uint32, first sparseSlot) (sparseSlot, bool) {
	if first.key == f {
		return first, true
	}
	if first.key == 0 {
		return sparseSlot{}, false
	}
	for i := (home(f, m.mask) + 1) & m.mask; ; i = (i + 1) & m.mask {
		s := m.slots[i]
		if s.key == f {
			return s, true
		}
		if s.key == 0 {
			return sparseSlot{}, false
		}
	}
}

// sparseMagic opens a Sparse's bytes.
var sparseMagic = []byte("newsnlp sparse perceptron 2\n")

// WriteTo writes the model, feature by feature in key order, so that the
// same weights always give the same bytes.
func (m *Sparse) WriteTo(w io.Writer) (int64, error) {
	var slots []int
	for i, s := range m.slots {
		if s.key != 0 {
			slots = append(slots, i)
		}
	}
	slices.SortFunc(slots, func(a, b int) int { return cmpKeys(m.slots[a].key, m.slots[b].key) })
	buf := appendTableHeader(nil, sparseMagic, m.classes, len(slots), m.scale)
	for _, i := range slots {
		s := m.slots[i]
		buf = binary.LittleEndian.AppendUint32(buf, s.key)
		buf = binary.LittleEndian.AppendUint16(buf, uint16(s.n))
		for _, e := range m.entries[s.start : s.start+s.n] {
			buf = binary.LittleEndian.AppendUint16(buf, e.class)
			buf = binary.LittleEndian.AppendUint16(buf, uint16(e.w))
		}
	}
	n, err := w.Write(buf)
	return int64(n), err
}

func cmpKeys(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// quantiser maps weights to 16-bit integers: scale is the largest
// magnitude over 32767.
type quantiser struct{ scale float32 }

func newQuantiser(ws []float32) quantiser {
	var top float32
	for _, w := range ws {
		top = max(top, w, -w)
	}
	if top == 0 {
		return quantiser{1}
	}
	return quantiser{top / 32767}
}

func (q quantiser) quantise(w float32) int16 {
	return int16(math.Round(float64(w / q.scale)))
}

// Quantise returns weights as 16-bit integers and the scale that turns
// them back into weights: the largest magnitude maps to 32767, and all
// zeros keep scale 1.
func Quantise(ws []float32) ([]int16, float32) {
	q := newQuantiser(ws)
	out := make([]int16, len(ws))
	for i, w := range ws {
		out[i] = q.quantise(w)
	}
	return out, q.scale
}

// ReadSparse reads a model written by WriteTo.
func ReadSparse(r io.Reader) (*Sparse, error) {
	classes, n, scale, err := readTableHeader(r, sparseMagic, "sparse perceptron")
	if err != nil {
		return nil, err
	}
	if n > 1<<26 || classes > 1<<16 {
		return nil, fmt.Errorf("sparse perceptron: %d features of %d classes", n, classes)
	}
	b := newSparseBuilder(classes, n, scale)
	var fh [6]byte
	var eb [4]byte
	for range n {
		if _, err := io.ReadFull(r, fh[:]); err != nil {
			return nil, fmt.Errorf("sparse perceptron: %w", io.ErrUnexpectedEOF)
		}
		key := binary.LittleEndian.Uint32(fh[:])
		count := int(binary.LittleEndian.Uint16(fh[4:]))
		start := len(b.m.entries)
		for range count {
			if _, err := io.ReadFull(r, eb[:]); err != nil {
				return nil, fmt.Errorf("sparse perceptron: %w", io.ErrUnexpectedEOF)
			}
			c := binary.LittleEndian.Uint16(eb[:])
			if int(c) >= classes {
				return nil, fmt.Errorf("sparse perceptron: class %d of %d", c, classes)
			}
			b.m.entries = append(b.m.entries, sparseEntry{class: c, w: int16(binary.LittleEndian.Uint16(eb[2:]))})
		}
		if key == 0 {
			return nil, errors.New("sparse perceptron: key 0")
		}
		b.put(key, start)
	}
	return b.m, nil
}

// appendTableHeader and readTableHeader are the head of a Sparse or
// Hashed file: its magic, its classes, a count (features or log2 rows) and
// the weights' scale.
func appendTableHeader(buf, magic []byte, classes, count int, scale float32) []byte {
	buf = append(buf, magic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(classes))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(count))
	return binary.LittleEndian.AppendUint32(buf, math.Float32bits(scale))
}

func readTableHeader(r io.Reader, magic []byte, what string) (classes, count int, scale float32, err error) {
	head := make([]byte, len(magic)+12)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(magic)]) != string(magic) {
		return 0, 0, 0, errors.New("not a " + what)
	}
	le := binary.LittleEndian
	return int(le.Uint32(head[len(magic):])), int(le.Uint32(head[len(magic)+4:])), math.Float32frombits(le.Uint32(head[len(magic)+8:])), nil
}

// tableSize is the power of two that holds features at a load of at most
// 0.7, short enough probes for linear probing.
func tableSize(features int) int {
	size := 16
	for size*7 < features*10 {
		size *= 2
	}
	return size
}

// sparseBuilder fills a Sparse's table: entries are appended, then put
// files them under their feature.
type sparseBuilder struct{ m *Sparse }

func newSparseBuilder(classes, features int, scale float32) sparseBuilder {
	size := tableSize(features)
	return sparseBuilder{&Sparse{classes: classes, mask: uint64(size - 1), scale: scale, slots: make([]sparseSlot, size)}}
}

// put files the entries from start to the end under the fingerprint key.
// A second feature with the same fingerprint is filed after the first and
// never found: it loses its weights.
func (b sparseBuilder) put(key uint32, start int) {
	m := b.m
	i := home(key, m.mask)
	for m.slots[i].key != 0 {
		i = (i + 1) & m.mask
	}
	m.slots[i] = sparseSlot{key: key, start: uint32(start), n: uint32(len(m.entries) - start)}
}
