package perceptron

import (
	"math"
	"testing"
)

// TestQuantise: each weight comes back within half a step, the largest
// magnitudes are ±32767, and all zeros keep scale 1.
func TestQuantise(t *testing.T) {
	w := []float32{0, 0.5, -2.25, 1e-6, 7.125, -7.125, 3}
	q, scale := Quantise(w)
	for i, x := range w {
		if got := float32(q[i]) * scale; math.Abs(float64(got-x)) > float64(scale)/2 {
			t.Errorf("weight %v comes back as %v (scale %v)", x, got, scale)
		}
	}
	if q[4] != 32767 || q[5] != -32767 {
		t.Errorf("the largest weights map to %d and %d; want ±32767", q[4], q[5])
	}
	if q, scale := Quantise(make([]float32, 3)); scale != 1 || q[0] != 0 {
		t.Errorf("all-zero weights: scale %v", scale)
	}
}
