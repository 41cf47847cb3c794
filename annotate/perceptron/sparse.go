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
// lookups. A Sparse is read-only after it is built and safe for concurrent
// use.
type Sparse struct {
	classes int
	mask    uint64
	keys    []uint32 // fingerprints; 0 marks an empty slot
	starts  []uint32 // entries of slot i are [starts[i], ends[i])
	ends    []uint32
	class   []uint16
	weight  []float32
}

// Classes is the number of classes.
func (m *Sparse) Classes() int { return m.classes }

// Features is the number of features that have weights.
func (m *Sparse) Features() int {
	n := 0
	for _, k := range m.keys {
		if k != 0 {
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

// Scores adds the weights of feats to scores, which has one cell per class.
func (m *Sparse) Scores(feats []uint64, scores []float32) {
	if len(m.keys) == 0 {
		return
	}
	for _, h := range feats {
		f := fingerprint(h)
		for i := home(f, m.mask); ; i = (i + 1) & m.mask {
			k := m.keys[i]
			if k == 0 {
				break
			}
			if k == f {
				s, e := m.starts[i], m.ends[i]
				for j := s; j < e; j++ {
					scores[m.class[j]] += m.weight[j]
				}
				break
			}
		}
	}
}

// sparseMagic opens a Sparse's bytes.
var sparseMagic = []byte("newsnlp sparse perceptron 2\n")

// WriteTo writes the model, feature by feature in key order, so that the
// same weights always give the same bytes. Weights are written as 16-bit
// integers times one scale (a perceptron's weights need no more), which
// also compresses.
func (m *Sparse) WriteTo(w io.Writer) (int64, error) {
	var slots []int
	for i, k := range m.keys {
		if k != 0 {
			slots = append(slots, i)
		}
	}
	slices.SortFunc(slots, func(a, b int) int { return cmpKeys(m.keys[a], m.keys[b]) })
	q := newQuantiser(m.weight)
	buf := append([]byte(nil), sparseMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(m.classes))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(slots)))
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(q.scale))
	for _, i := range slots {
		buf = binary.LittleEndian.AppendUint32(buf, m.keys[i])
		buf = binary.LittleEndian.AppendUint16(buf, uint16(m.ends[i]-m.starts[i]))
		for j := m.starts[i]; j < m.ends[i]; j++ {
			buf = binary.LittleEndian.AppendUint16(buf, m.class[j])
			buf = binary.LittleEndian.AppendUint16(buf, uint16(q.quantise(m.weight[j])))
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

// ReadSparse reads a model written by WriteTo.
func ReadSparse(r io.Reader) (*Sparse, error) {
	head := make([]byte, len(sparseMagic)+12)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(sparseMagic)]) != string(sparseMagic) {
		return nil, errors.New("not a sparse perceptron")
	}
	classes := int(binary.LittleEndian.Uint32(head[len(sparseMagic):]))
	n := int(binary.LittleEndian.Uint32(head[len(sparseMagic)+4:]))
	scale := math.Float32frombits(binary.LittleEndian.Uint32(head[len(sparseMagic)+8:]))
	if n > 1<<26 {
		return nil, fmt.Errorf("sparse perceptron: %d features", n)
	}
	b := newSparseBuilder(classes, n)
	var fh [6]byte
	var eb [4]byte
	for range n {
		if _, err := io.ReadFull(r, fh[:]); err != nil {
			return nil, fmt.Errorf("sparse perceptron: %w", io.ErrUnexpectedEOF)
		}
		key := binary.LittleEndian.Uint32(fh[:])
		count := int(binary.LittleEndian.Uint16(fh[4:]))
		start := len(b.m.class)
		for range count {
			if _, err := io.ReadFull(r, eb[:]); err != nil {
				return nil, fmt.Errorf("sparse perceptron: %w", io.ErrUnexpectedEOF)
			}
			c := binary.LittleEndian.Uint16(eb[:])
			if int(c) >= classes {
				return nil, fmt.Errorf("sparse perceptron: class %d of %d", c, classes)
			}
			b.m.class = append(b.m.class, c)
			b.m.weight = append(b.m.weight, float32(int16(binary.LittleEndian.Uint16(eb[2:])))*scale)
		}
		if key == 0 {
			return nil, errors.New("sparse perceptron: key 0")
		}
		b.put(key, start)
	}
	return b.m, nil
}

// sparseBuilder fills a Sparse's table: entries are appended to class and
// weight, then put files them under their feature.
type sparseBuilder struct{ m *Sparse }

// tableSize is the power of two that holds features at a load of at most
// 0.7, short enough probes for linear probing.
func tableSize(features int) int {
	size := 16
	for size*7 < features*10 {
		size *= 2
	}
	return size
}

func newSparseBuilder(classes, features int) sparseBuilder {
	size := tableSize(features)
	return sparseBuilder{&Sparse{classes: classes, mask: uint64(size - 1), keys: make([]uint32, size), starts: make([]uint32, size), ends: make([]uint32, size)}}
}

// put files the entries from start to the end of the arrays under the
// fingerprint key. A second feature with the same fingerprint is filed
// after the first and never found: it loses its weights.
func (b sparseBuilder) put(key uint32, start int) {
	m := b.m
	i := home(key, m.mask)
	for m.keys[i] != 0 {
		i = (i + 1) & m.mask
	}
	m.keys[i], m.starts[i], m.ends[i] = key, uint32(start), uint32(len(m.class))
}

// entry is one class's weight of a feature while training, with the lazy
// running total that averaging needs: total holds the sum of the weight
// over every update up to stamp.
type entry struct {
	class   uint16
	w       float32
	total   float64
	stamped int64
}

// SparseTrainer trains a Sparse. It is not safe for concurrent use.
type SparseTrainer struct {
	classes int
	index   map[uint64]int32
	rows    [][]entry
	now     int64 // updates made (the averaging clock)
}

// NewSparseTrainer returns a trainer for a model with the given classes.
func NewSparseTrainer(classes int) *SparseTrainer {
	return &SparseTrainer{classes: classes, index: map[uint64]int32{}}
}

// Scores adds the current (not averaged) weights of feats to scores.
func (t *SparseTrainer) Scores(feats []uint64, scores []float32) {
	for _, h := range feats {
		if r, ok := t.index[slotKey(h)]; ok {
			for _, e := range t.rows[r] {
				scores[e.class] += e.w
			}
		}
	}
}

// Tick advances the averaging clock by one example; call it once per
// decision, whether or not it was wrong.
func (t *SparseTrainer) Tick() { t.now++ }

// Update adds d to the weight of class on each of feats.
func (t *SparseTrainer) Update(feats []uint64, class int, d float32) {
	for _, h := range feats {
		h = slotKey(h)
		r, ok := t.index[h]
		if !ok {
			r = int32(len(t.rows))
			t.index[h] = r
			t.rows = append(t.rows, nil)
		}
		row := t.rows[r]
		k := -1
		for i := range row {
			if int(row[i].class) == class {
				k = i
				break
			}
		}
		if k < 0 {
			row = append(row, entry{class: uint16(class), stamped: t.now})
			k = len(row) - 1
			t.rows[r] = row
		}
		e := &row[k]
		e.total += float64(t.now-e.stamped) * float64(e.w)
		e.stamped = t.now
		e.w += d
	}
}

// Average returns the model of averaged weights, leaving out the weights
// whose magnitude is below prune (0 keeps every non-zero weight).
func (t *SparseTrainer) Average(prune float32) *Sparse {
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := newSparseBuilder(t.classes, len(keys))
	now := max(t.now, 1)
	for _, k := range keys {
		start := len(b.m.class)
		row := slices.Clone(t.rows[t.index[k]])
		slices.SortFunc(row, func(a, b entry) int { return int(a.class) - int(b.class) })
		for _, e := range row {
			total := e.total + float64(now-e.stamped)*float64(e.w)
			avg := float32(total / float64(now))
			if avg != 0 && (avg >= prune || avg <= -prune) {
				b.m.class = append(b.m.class, e.class)
				b.m.weight = append(b.m.weight, avg)
			}
		}
		if len(b.m.class) > start {
			b.put(fingerprint(k), start)
		}
	}
	return b.m
}
