package syntax

import (
	"bytes"
	"slices"
	"testing"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

func TestProjectivise(t *testing.T) {
	tests := []struct {
		name        string
		heads, want []int
	}{
		{"projective unchanged", []int{1, -1, 1, 2}, []int{1, -1, 1, 2}},
		// 0 ← 2 crosses 1 → 3: word 1 is not under word 2.
		{"crossing arc lifted", []int{2, 3, -1, 2}, []int{2, 2, -1, 2}},
		{"self-loop cut to the root", []int{0, -1}, []int{-1, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := projectivise(tt.heads)
			if !slices.Equal(got, tt.want) {
				t.Errorf("projectivise(%v) = %v; want %v", tt.heads, got, tt.want)
			}
			if d := shortestNonProjective(got); d >= 0 {
				t.Errorf("projectivise(%v) = %v: arc to %d still crosses", tt.heads, got, d)
			}
		})
	}
}

// oracleParse follows the cheapest move from the start, scoring nothing,
// and labels each arc with the gold relation: on a projective tree it must
// rebuild the tree exactly (Goldberg and Nivre's oracle is complete).
func oracleParse(p *Parser, words []string, heads []int, labels []int32) (*Sentence, int) {
	g := newGoldTree(heads, labels)
	st := newState(words, make([]string, len(words)), nil)
	zero := make([]float32, moveCount)
	moves := 0
	for !st.terminal() {
		m, _ := cheapest(st, g, zero)
		l := int32(-1)
		if m == leftArc || m == rightArc {
			_, d := st.arcEnds(m)
			l = g.label[d]
		}
		st.apply(m, l)
		moves++
	}
	s := NewSentence(words)
	p.finish(st, s)
	return s, moves
}

func TestOracleRebuildsProjectiveTrees(t *testing.T) {
	p := &Parser{labels: []string{"dep", "nsubj", "obj", "root"}, root: 3}
	trees := [][]int{
		{1, -1, 1},                      // she said it
		{1, 3, 3, -1, 5, 3, 3},          // a chain with left and right dependents
		{-1, 0, 1, 2, 3, 4, 5, 6, 7, 8}, // all right branching
		{9, 9, 9, 9, 9, 9, 9, 9, 9, -1}, // all left dependents
		{2, 2, 4, 4, -1, 4, 7, 5, 4},
	}
	for _, heads := range trees {
		words := make([]string, len(heads))
		labels := make([]int32, len(heads))
		for i, h := range heads {
			words[i] = "w"
			if h < 0 {
				labels[i] = 3
			} else {
				labels[i] = int32(1 + i%2)
			}
		}
		s, moves := oracleParse(p, words, heads, labels)
		if !slices.Equal(s.Head, heads) {
			t.Errorf("oracle on %v built %v", heads, s.Head)
		}
		for i, d := range s.Dep {
			if d != p.labels[labels[i]] {
				t.Errorf("oracle on %v: word %d labelled %s; want %s", heads, i, d, p.labels[labels[i]])
			}
		}
		if moves > 2*len(heads) {
			t.Errorf("oracle on %v took %d moves; want at most %d", heads, moves, 2*len(heads))
		}
	}
}

func TestSentenceCasing(t *testing.T) {
	tests := []struct {
		words []string
		want  Casing
	}{
		{[]string{"Sergei", "Lavrov", "said", "it", "was", "false", "."}, CaseNormal},
		{[]string{"United", "States", "Is", "Saving", "The", "Rebel", "Groups", "In", "Syria", ":", "Russia"}, CaseTitle},
		{[]string{"United", "States", "Is", "Saving", "the", "Rebel", "Groups", "in", "Syria"}, CaseTitle},
		{[]string{"RUSSIA", "DENIES", "STRIKE", "ON", "HOSPITAL"}, CaseUpper},
		{[]string{"NATO", "and", "the", "EU", "met", "."}, CaseNormal},
		{[]string{"Barack", "Obama", "met", "Angela", "Merkel", "in", "Berlin"}, CaseNormal},
	}
	for _, tt := range tests {
		if got := SentenceCasing(tt.words); got != tt.want {
			t.Errorf("SentenceCasing(%q) = %v; want %v", tt.words, got, tt.want)
		}
	}
}

func TestScripts(t *testing.T) {
	tests := []struct{ word, lemma, xpos string }{
		{"said", "say", "VBD"}, {"children", "child", "NNS"}, {"The", "the", "DT"}, {"Saving", "save", "VBG"},
		{"SAVING", "save", "VBG"}, {"Lavrov", "Lavrov", "NNP"}, {"I", "I", "PRP"}, {"went", "go", "VBD"}, {"é", "e", "NN"},
	}
	for _, tt := range tests {
		e := scriptFor(tt.word, tt.lemma, tt.xpos)
		if got := parseScript(e.key()).apply(tt.word); got != tt.lemma {
			t.Errorf("script %q of %s→%s gives %q", e.key(), tt.word, tt.lemma, got)
		}
	}
}

// TestModelCodecs trains tiny models, writes them and reads them back:
// the scores must be the same.
func TestModelCodecs(t *testing.T) {
	h := perceptron.Hash
	feats := [][]uint64{{h("a"), h("b"), h("c")}, {h("b"), h("d")}, {h("e"), h("f")}}
	tr, ht := perceptron.NewSparseTrainer(4), perceptron.NewHashedTrainer(4, 16)
	for i, f := range feats {
		for _, x := range []*perceptron.SparseTrainer{tr, ht} {
			x.Update(f, i, 1)
			x.Update(f, 3, -0.5)
			x.Tick()
		}
	}
	sparse, hashed := tr.Average(0), ht.AverageHashed()
	var sb, hb bytes.Buffer
	if _, err := sparse.WriteTo(&sb); err != nil {
		t.Fatal(err)
	}
	if _, err := hashed.WriteTo(&hb); err != nil {
		t.Fatal(err)
	}
	sparse2, err := perceptron.ReadSparse(&sb)
	if err != nil {
		t.Fatal(err)
	}
	hashed2, err := perceptron.ReadHashed(&hb)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feats {
		a, b, c, d := scaled(sparse, f), scaled(sparse2, f), scaled(hashed, f), scaled(hashed2, f)
		// Weights are 16-bit integers times a scale: within 1/32767 of
		// the largest weight per feature summed.
		if !near(a, b, 1e-3) || !near(a, c, 1e-3) || !slices.Equal(c, d) {
			t.Errorf("scores of %v: sparse %v, read back %v, hashed %v, read back %v", f, a, b, c, d)
		}
		if a[3] >= 0 {
			t.Errorf("scores of %v: class 3 = %v, want negative (every update lowered it)", f, a[3])
		}
	}
}

// scaled is a model's scores of feats as numbers comparable across models.
func scaled(m interface {
	Scores([]uint64, []int32)
	Scale() float32
}, feats []uint64) []float32 {
	raw := make([]int32, 4)
	m.Scores(feats, raw)
	out := make([]float32, len(raw))
	for i, r := range raw {
		out[i] = float32(r) * m.Scale()
	}
	return out
}

func near(a, b []float32, tol float32) bool {
	for i := range a {
		if d := a[i] - b[i]; d > tol || d < -tol {
			return false
		}
	}
	return len(a) == len(b)
}
