package perceptron_test

import (
	"testing"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

type scorer interface {
	Scores([]uint64, []int32)
	Scale() float32
}

func scoresOf(m scorer, feats []uint64, classes int) []float32 {
	raw := make([]int32, classes)
	m.Scores(feats, raw)
	out := make([]float32, classes)
	for i, r := range raw {
		out[i] = float32(r) * m.Scale()
	}
	return out
}

// TestAverageOf: the model averaged from two trainers scores as the mean
// of the two trainers' own averaged models, for sparse and hashed models,
// and a feature only one trainer saw counts half.
func TestAverageOf(t *testing.T) {
	h := perceptron.Hash
	a, b := perceptron.NewSparseTrainer(3), perceptron.NewSparseTrainer(3)
	ha, hb := perceptron.NewHashedTrainer(3, 12), perceptron.NewHashedTrainer(3, 12)
	for _, x := range []*perceptron.SparseTrainer{a, ha} {
		x.Update([]uint64{h("x"), h("y")}, 0, 2)
		x.Tick()
		x.Update([]uint64{h("y")}, 1, 1)
		x.Tick()
	}
	for _, x := range []*perceptron.SparseTrainer{b, hb} {
		x.Update([]uint64{h("x"), h("z")}, 2, 4)
		x.Tick()
	}
	tests := []struct {
		name       string
		one, other scorer
		mean       scorer
	}{
		{"sparse", a.Average(0), b.Average(0), perceptron.AverageOf([]*perceptron.SparseTrainer{a, b}, 0)},
		{"hashed", ha.AverageHashed(), hb.AverageHashed(), perceptron.AverageHashedOf([]*perceptron.SparseTrainer{ha, hb})},
	}
	for _, tc := range tests {
		for _, feats := range [][]uint64{{h("x")}, {h("y")}, {h("z")}, {h("x"), h("y"), h("z")}} {
			p, q, m := scoresOf(tc.one, feats, 3), scoresOf(tc.other, feats, 3), scoresOf(tc.mean, feats, 3)
			for c := range m {
				want := (p[c] + q[c]) / 2
				if d := m[c] - want; d > 1e-3 || d < -1e-3 {
					t.Errorf("%s: class %d of %v scores %v; want the mean of %v and %v", tc.name, c, feats, m[c], p[c], q[c])
				}
			}
		}
	}
	// Averaging one trainer is that trainer's model.
	one, alone := scoresOf(perceptron.AverageOf([]*perceptron.SparseTrainer{a}, 0), []uint64{h("x"), h("y")}, 3), scoresOf(a.Average(0), []uint64{h("x"), h("y")}, 3)
	for c := range one {
		if one[c] != alone[c] {
			t.Errorf("AverageOf one trainer: class %d scores %v; Average gives %v", c, one[c], alone[c])
		}
	}
}
