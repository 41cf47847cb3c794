package perceptron

import (
	"math/rand/v2"
	"testing"
)

// TestHashedScores: the sums of rows picked by the features' low bits,
// for four classes (the parser's moves, summed in registers) and for
// others, against sums written out here.
func TestHashedScores(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, classes := range []int{2, 4, 5} {
		m := &Hashed{classes: classes, bits: 6, scale: 1, data: make([]int16, 64*classes)}
		for i := range m.data {
			m.data[i] = int16(rng.IntN(2001) - 1000)
		}
		feats := []uint64{3, 3, 64 + 5, 1<<40 | 63, 0}
		want := make([]int32, classes)
		for _, row := range []int{3, 3, 5, 63, 0} {
			for c := range want {
				want[c] += int32(m.data[row*classes+c])
			}
		}
		got := make([]int32, classes)
		got[0] = 7 // Scores adds to what is there
		want[0] += 7
		m.Scores(feats, got)
		for c := range want {
			if got[c] != want[c] {
				t.Errorf("%d classes: score[%d] = %d; want %d", classes, c, got[c], want[c])
			}
		}
	}
}
