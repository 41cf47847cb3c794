package syntax

import (
	"testing"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

func TestRegularForm(t *testing.T) {
	for _, c := range []struct {
		w, lemma, xpos string
		want           bool
	}{
		{"hoped", "hope", "VBD", true},
		{"hoped", "hop", "VBD", false}, // hop doubles: hopped
		{"hopped", "hop", "VBD", true},
		{"stared", "star", "VBN", false},
		{"visited", "visit", "VBD", true}, // two syllables: no doubling needed
		{"controlled", "control", "VBD", true},
		{"allied", "ally", "VBN", true},
		{"dying", "die", "VBG", true},
		{"ruling", "rule", "VBG", true},
		{"echoes", "echo", "VBZ", true},
		{"wooing", "wo", "VBG", false}, // too short a lemma, and o is no consonant
		{"ran", "run", "VBD", false},
	} {
		if got := regularForm(c.w, c.lemma, c.xpos); got != c.want {
			t.Errorf("regularForm(%q, %q, %s) = %v; want %v", c.w, c.lemma, c.xpos, got, c.want)
		}
	}
}

// TestAttestedScript: with a vocabulary that knows hope's paradigm, a
// classifier that prefers cutting -ed from hoped is overruled; with none,
// or when the other reading is no regular form, it is not.
func TestAttestedScript(t *testing.T) {
	vocab := &Clusters{Sizes: []int{2, 1}, Of: []map[uint64]uint16{{}, {}}}
	for _, w := range []string{"hope", "hopes", "hoping", "hoped", "hop"} {
		vocab.Of[0][perceptron.Hash(w)] = 1
	}
	l := &Lemmatiser{scripts: []string{"k2", "k1", "k3ink"}, vocab: vocab}
	scores := []int32{10, 5, 8} // cut -ed first, then -d, then the odd one
	if k := l.attestedScript("hoped", "VBD", scores, 5); l.scripts[k] != "k1" {
		t.Errorf("hoped: script %s; want k1 (hope)", l.scripts[k])
	}
	l.vocab = &Clusters{Sizes: []int{2, 1}, Of: []map[uint64]uint16{{}, {}}}
	if k := l.attestedScript("hoped", "VBD", scores, 5); l.scripts[k] != "k2" {
		t.Errorf("hoped, empty vocabulary: script %s; want the classifier's k2", l.scripts[k])
	}
}
