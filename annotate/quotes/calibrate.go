package quotes

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// calibration turns what the stage knows of an attribution into the
// probability that it is right (its content covers at least 0.3 of a gold
// attribution's), the quotes table's score. An attribution the filter
// judged gets a logistic function of the filter's margin (Platt scaling);
// one placed by a rule the filter does not judge (a colon, a floating
// quotation, a signed quotation) gets its rule's rate of being right. Both
// are fitted on margins and rates of articles the filter, and the cue
// model that proposed the candidates, never saw.
type calibration struct {
	a, b float32
	// rules is the rate of each unjudged rule; other is the rate of all
	// unjudged attributions together, for a rule that had too few.
	rules map[string]float32
	other float32
}

// probability is the score of an attribution.
func (c *calibration) probability(at *attribution) float32 {
	if at.judged {
		return sigmoid(c.a*at.margin + c.b)
	}
	if p, ok := c.rules[at.rule]; ok {
		return p
	}
	return c.other
}

func sigmoid(x float32) float32 { return float32(1 / (1 + math.Exp(-float64(x)))) }

// minRuleExamples is how many unjudged attributions a rule needs for a rate
// of its own.
const minRuleExamples = 20

// fitPlatt fits p = sigmoid(a·margin + b) to whether each margin's
// attribution was right, by Newton's method on the log loss with Platt's
// smoothed targets (so that a separable set does not send a to infinity).
func fitPlatt(margins []float32, right []bool) (a, b float32) {
	pos := 0
	for _, r := range right {
		if r {
			pos++
		}
	}
	neg := len(right) - pos
	hi, lo := (float64(pos)+1)/(float64(pos)+2), 1/(float64(neg)+2)
	A, B := 0.0, math.Log((float64(neg)+1)/(float64(pos)+1))
	// The parameters are fitted as p = 1/(1+exp(A·m + B)), Platt's form.
	for range 100 {
		var g1, g2, h11, h22, h21 float64
		for i, m := range margins {
			t := lo
			if right[i] {
				t = hi
			}
			f := float64(m)*A + B
			p := 1 / (1 + math.Exp(f))
			d1, d2 := t-p, p*(1-p)
			g1 += float64(m) * d1
			g2 += d1
			h11 += float64(m) * float64(m) * d2
			h22 += d2
			h21 += float64(m) * d2
		}
		h11, h22 = h11+1e-12, h22+1e-12
		det := h11*h22 - h21*h21
		if det == 0 {
			break
		}
		dA := -(h22*g1 - h21*g2) / det
		dB := -(-h21*g1 + h11*g2) / det
		A, B = A+dA, B+dB
		if math.Abs(dA) < 1e-9 && math.Abs(dB) < 1e-9 {
			break
		}
	}
	return float32(-A), float32(-B)
}

var calibrationMagic = []byte("calibration\x00")

func (c *calibration) marshalTo(buf *bytes.Buffer) {
	buf.Write(calibrationMagic)
	binary.Write(buf, binary.LittleEndian, [3]float32{c.a, c.b, c.other})
	names := make([]string, 0, len(c.rules))
	for r := range c.rules {
		names = append(names, r)
	}
	slices.Sort(names)
	binary.Write(buf, binary.LittleEndian, uint32(len(names)))
	for _, r := range names {
		binary.Write(buf, binary.LittleEndian, uint16(len(r)))
		buf.WriteString(r)
		binary.Write(buf, binary.LittleEndian, c.rules[r])
	}
}

func unmarshalCalibration(r *bytes.Reader) (*calibration, error) {
	got := make([]byte, len(calibrationMagic))
	if _, err := io.ReadFull(r, got); err != nil || !bytes.Equal(got, calibrationMagic) {
		return nil, errors.New("bad calibration section")
	}
	var head [3]float32
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &head); err != nil {
		return nil, fmt.Errorf("calibration: %w", err)
	}
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil || n > 1000 {
		return nil, errors.New("calibration: bad rule count")
	}
	c := &calibration{a: head[0], b: head[1], other: head[2], rules: map[string]float32{}}
	for range n {
		var l uint16
		if err := binary.Read(r, binary.LittleEndian, &l); err != nil {
			return nil, fmt.Errorf("calibration: %w", err)
		}
		name := make([]byte, l)
		if _, err := io.ReadFull(r, name); err != nil {
			return nil, fmt.Errorf("calibration: %w", err)
		}
		var p float32
		if err := binary.Read(r, binary.LittleEndian, &p); err != nil {
			return nil, fmt.Errorf("calibration: %w", err)
		}
		c.rules[string(name)] = p
	}
	return c, nil
}
