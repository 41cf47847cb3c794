package perceptron

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Dense is a trained averaged perceptron of a few classes (a parser's
// moves) whose weights sit beside their feature's key in one
// open-addressing table, so that scoring a feature touches one cache line.
// Features are found by a 32-bit fingerprint of their hash, as in Sparse.
// A Dense is read-only after it is built and safe for concurrent use.
type Dense struct {
	classes int
	mask    uint64
	keys    []uint32 // fingerprints; 0 marks an empty slot
	weights []float32
}

// Classes is the number of classes.
func (m *Dense) Classes() int { return m.classes }

// Scores adds the weights of feats to scores, which has one cell per class.
func (m *Dense) Scores(feats []uint64, scores []float32) {
	k := m.classes
	for _, h := range feats {
		f := fingerprint(h)
		for i := home(f, m.mask); ; i = (i + 1) & m.mask {
			key := m.keys[i]
			if key == 0 {
				break
			}
			if key == f {
				w := m.weights[int(i)*k : int(i)*k+k]
				for c := range w {
					scores[c] += w[c]
				}
				break
			}
		}
	}
}

func newDense(classes, features int) *Dense {
	size := tableSize(features)
	return &Dense{classes: classes, mask: uint64(size - 1), keys: make([]uint32, size), weights: make([]float32, size*classes)}
}

// put files weights w under the fingerprint key; as in Sparse, a second
// feature with the same fingerprint is never found.
func (m *Dense) put(key uint32, w []float32) {
	i := home(key, m.mask)
	for m.keys[i] != 0 {
		i = (i + 1) & m.mask
	}
	m.keys[i] = key
	copy(m.weights[int(i)*m.classes:], w)
}

// AverageDense is Average laid out as a Dense: a feature is kept when one
// of its averaged weights reaches prune in magnitude (and is not zero).
func (t *SparseTrainer) AverageDense(prune float32) *Dense {
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	now := max(t.now, 1)
	type row struct {
		key uint64
		w   []float32
	}
	var rows []row
	for _, k := range keys {
		w := make([]float32, t.classes)
		keep := false
		for _, e := range t.rows[t.index[k]] {
			avg := float32((e.total + float64(now-e.stamped)*float64(e.w)) / float64(now))
			w[e.class] = avg
			keep = keep || avg != 0 && (avg >= prune || avg <= -prune)
		}
		if keep {
			rows = append(rows, row{k, w})
		}
	}
	m := newDense(t.classes, len(rows))
	for _, r := range rows {
		m.put(fingerprint(r.key), r.w)
	}
	return m
}

var denseMagic = []byte("newsnlp dense perceptron 2\n")

// WriteTo writes the model in key order, so that the same weights always
// give the same bytes; weights are 16-bit integers times one scale.
func (m *Dense) WriteTo(w io.Writer) (int64, error) {
	var slots []int
	for i, k := range m.keys {
		if k != 0 {
			slots = append(slots, i)
		}
	}
	slices.SortFunc(slots, func(a, b int) int { return cmpKeys(m.keys[a], m.keys[b]) })
	q := newQuantiser(m.weights)
	buf := append([]byte(nil), denseMagic...)
	buf = binary.LittleEndian.AppendUint32(buf, uint32(m.classes))
	buf = binary.LittleEndian.AppendUint32(buf, uint32(len(slots)))
	buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(q.scale))
	for _, i := range slots {
		buf = binary.LittleEndian.AppendUint32(buf, m.keys[i])
		for _, x := range m.weights[i*m.classes : (i+1)*m.classes] {
			buf = binary.LittleEndian.AppendUint16(buf, uint16(q.quantise(x)))
		}
	}
	n, err := w.Write(buf)
	return int64(n), err
}

// ReadDense reads a model written by WriteTo.
func ReadDense(r io.Reader) (*Dense, error) {
	head := make([]byte, len(denseMagic)+12)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(denseMagic)]) != string(denseMagic) {
		return nil, errors.New("not a dense perceptron")
	}
	classes := int(binary.LittleEndian.Uint32(head[len(denseMagic):]))
	n := int(binary.LittleEndian.Uint32(head[len(denseMagic)+4:]))
	scale := math.Float32frombits(binary.LittleEndian.Uint32(head[len(denseMagic)+8:]))
	if classes <= 0 || classes > 64 || n > 1<<26 {
		return nil, fmt.Errorf("dense perceptron: %d classes, %d features", classes, n)
	}
	m := newDense(classes, n)
	buf := make([]byte, 4+2*classes)
	w := make([]float32, classes)
	for range n {
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, fmt.Errorf("dense perceptron: %w", io.ErrUnexpectedEOF)
		}
		for c := range w {
			w[c] = float32(int16(binary.LittleEndian.Uint16(buf[4+2*c:]))) * scale
		}
		key := binary.LittleEndian.Uint32(buf)
		if key == 0 {
			return nil, errors.New("dense perceptron: key 0")
		}
		m.put(key, w)
	}
	return m, nil
}

// Features is the number of features that have weights.
func (m *Dense) Features() int {
	n := 0
	for _, k := range m.keys {
		if k != 0 {
			n++
		}
	}
	return n
}
