package perceptron

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Hashed is a trained averaged perceptron of a few classes (a parser's
// moves) whose features share a table of 2^bits rows by the low bits of
// their hashes, colliding where they collide, in training as in use (the
// hashing trick). A row is a 16-bit weight per class, eight bytes for
// four classes: with no keys to check, scoring a feature is one read, and
// a table of 2^19 rows fits in four megabytes of cache. A Hashed is
// read-only after it is built and safe for concurrent use.
type Hashed struct {
	classes int
	bits    uint
	scale   float32
	data    []int16
}

// Classes is the number of classes.
func (m *Hashed) Classes() int { return m.classes }

// Features is the number of rows with a weight.
func (m *Hashed) Features() int {
	n := 0
	for i := 0; i < len(m.data); i += m.classes {
		for _, w := range m.data[i : i+m.classes] {
			if w != 0 {
				n++
				break
			}
		}
	}
	return n
}

// Scale is what a weight in Scores's units is worth.
func (m *Hashed) Scale() float32 { return m.scale }

// Scores adds the weights of feats to scores, which has one cell per class,
// in units of Scale.
func (m *Hashed) Scores(feats []uint64, scores []int32) {
	k, mask := m.classes, uint64(1)<<m.bits-1
	if k == 4 && len(scores) >= 4 {
		// A parser's four moves: sums in registers, not in memory, so
		// that the rows' loads wait on nothing but the cache.
		var s0, s1, s2, s3 int32
		for _, h := range feats {
			o := int(h&mask) * 4
			r := m.data[o : o+4 : o+4]
			s0, s1, s2, s3 = s0+int32(r[0]), s1+int32(r[1]), s2+int32(r[2]), s3+int32(r[3])
		}
		scores[0], scores[1], scores[2], scores[3] = scores[0]+s0, scores[1]+s1, scores[2]+s2, scores[3]+s3
		return
	}
	for _, h := range feats {
		o := int(h&mask) * k
		for c, w := range m.data[o : o+k] {
			scores[c] += int32(w)
		}
	}
}

// AverageHashed is the averaged model of a trainer from NewHashedTrainer.
func (t *SparseTrainer) AverageHashed() *Hashed {
	return AverageHashedOf([]*SparseTrainer{t})
}

// AverageHashedOf is the mean of the averaged models of trainers from
// NewHashedTrainer with the same classes and bits.
func AverageHashedOf(ts []*SparseTrainer) *Hashed {
	t0 := ts[0]
	avg := make([]float32, (1<<t0.bits)*t0.classes)
	for _, t := range ts {
		for k, r := range t.index {
			for _, e := range t.rows[r] {
				avg[int(k)*t0.classes+int(e.class)] += t.averaged(e) / float32(len(ts))
			}
		}
	}
	q := newQuantiser(avg)
	m := &Hashed{classes: t0.classes, bits: t0.bits, scale: q.scale, data: make([]int16, len(avg))}
	for i, w := range avg {
		m.data[i] = q.quantise(w)
	}
	return m
}

var hashedMagic = []byte("newsnlp hashed perceptron 1\n")

// WriteTo writes the model; the same weights always give the same bytes.
func (m *Hashed) WriteTo(w io.Writer) (int64, error) {
	buf := appendTableHeader(nil, hashedMagic, m.classes, int(m.bits), m.scale)
	for _, x := range m.data {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(x))
	}
	n, err := w.Write(buf)
	return int64(n), err
}

// ReadHashed reads a model written by WriteTo.
func ReadHashed(r io.Reader) (*Hashed, error) {
	classes, rows, scale, err := readTableHeader(r, hashedMagic, "hashed perceptron")
	if err != nil {
		return nil, err
	}
	bits := uint(rows)
	if classes <= 0 || classes > 64 || bits < 8 || bits > 26 {
		return nil, fmt.Errorf("hashed perceptron: %d classes, %d bits", classes, bits)
	}
	m := &Hashed{classes: classes, bits: bits, scale: scale, data: make([]int16, (1<<bits)*classes)}
	buf := make([]byte, 64<<10)
	for i := 0; i < len(m.data); {
		n := min(len(buf)/2, len(m.data)-i)
		if _, err := io.ReadFull(r, buf[:2*n]); err != nil {
			return nil, fmt.Errorf("hashed perceptron: %w", io.ErrUnexpectedEOF)
		}
		for j := range n {
			m.data[i+j] = int16(binary.LittleEndian.Uint16(buf[2*j:]))
		}
		i += n
	}
	return m, nil
}
