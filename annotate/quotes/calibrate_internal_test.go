package quotes

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// TestFitPlattRecoversALogistic draws outcomes from a known logistic
// function of the margin and checks the fit finds it again.
func TestFitPlattRecoversALogistic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var margins []float32
	var right []bool
	for range 20000 {
		m := float32(rng.Float64()*8 - 4)
		p := 1 / (1 + math.Exp(-(1.5*float64(m) - 0.5)))
		margins = append(margins, m)
		right = append(right, rng.Float64() < p)
	}
	a, b := fitPlatt(margins, right)
	if math.Abs(float64(a)-1.5) > 0.1 || math.Abs(float64(b)+0.5) > 0.1 {
		t.Errorf("fitPlatt = %.3f·m %+.3f; want about 1.5·m - 0.5", a, b)
	}
}

// TestFitPlattSeparable: when the margin separates the outcomes, the
// smoothed targets keep the slope finite.
func TestFitPlattSeparable(t *testing.T) {
	margins := []float32{-3, -2, -1, 1, 2, 3}
	right := []bool{false, false, false, true, true, true}
	a, b := fitPlatt(margins, right)
	if math.IsNaN(float64(a)) || math.IsInf(float64(a), 0) || a <= 0 || a > 50 {
		t.Fatalf("slope %v; want positive and finite", a)
	}
	c := &calibration{a: a, b: b}
	lo, hi := c.probability(&attribution{judged: true, margin: -3}), c.probability(&attribution{judged: true, margin: 3})
	if lo >= 0.5 || hi <= 0.5 || hi >= 1 {
		t.Errorf("p(-3) = %v, p(3) = %v; want below and above one half, and under 1", lo, hi)
	}
}

// TestCalibrationCodec writes a calibration and reads it back, and gives
// an unjudged attribution its rule's rate, or the rate of all.
func TestCalibrationCodec(t *testing.T) {
	c := &calibration{a: 0.25, b: -1, other: 0.7, rules: map[string]float32{ruleColonQuote: 0.8, ruleFloatingQuote: 0.6}}
	var buf bytes.Buffer
	c.marshalTo(&buf)
	got, err := unmarshalCalibration(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got.a != c.a || got.b != c.b || got.other != c.other || len(got.rules) != 2 || got.rules[ruleColonQuote] != 0.8 {
		t.Fatalf("read back %+v; want %+v", got, c)
	}
	if p := got.probability(&attribution{rule: ruleFloatingQuote}); p != 0.6 {
		t.Errorf("floating quotation: %v; want its rule's 0.6", p)
	}
	if p := got.probability(&attribution{rule: ruleSignedQuote}); p != 0.7 {
		t.Errorf("a rule with no rate of its own: %v; want the rate of all, 0.7", p)
	}
	if _, err := unmarshalCalibration(bytes.NewReader(buf.Bytes()[:len(buf.Bytes())-3])); err == nil {
		t.Error("a truncated calibration read without error")
	}
}
