package quotes

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestAttrFilterLearnsATinyCorpus trains the attribution filter on
// candidates made for the test, where what a named person says is an
// attribution and what "it" says is not, and checks that annotation then
// keeps the first kind and drops the second, deterministically, and that
// the filter travels in the cue model's file.
func TestAttrFilterLearnsATinyCorpus(t *testing.T) {
	b, err := NewCueExampleBuilder()
	if err != nil {
		t.Fatal(err)
	}
	// A cue model trained on a few sentences; the lexicon finds "said".
	var sents []CueSentence
	for i := range 40 {
		sents = append(sents, b.Sentences(fmt.Sprintf("Anna Berg visited the bridge in %d.", 1900+i), nil)...)
	}
	res, err := b.TrainCueModel(sents[:30], sents[30:], 14, 2, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := unmarshalCueModel(res.Model); err != nil || m.filter != nil {
		t.Fatalf("a cue model with no filter: filter %v, err %v", m.filter, err)
	}
	names := []string{"Anna Berg", "Karl Ek", "Maria Lind", "Peter Holm"}
	var ex []FilterExample
	for i := range 60 {
		name := names[i%len(names)]
		content := fmt.Sprintf("that the bridge will open in %d", 2000+i)
		text := fmt.Sprintf("%s said %s. It said %s.", name, content, content)
		// Only the person's statement is gold.
		start := len([]rune(name)) + 1
		gold := []FilterGold{{Content: [][2]int{{start + 5, start + 5 + len(content)}}, Cue: [][2]int{{start, start + 4}}}}
		e, err := b.FilterExamples(res.Model, -12, text, gold)
		if err != nil {
			t.Fatal(err)
		}
		if len(e) != 2 || !e[0].Good() || e[1].Good() {
			t.Fatalf("examples of %q: %+v; want one right, then one wrong", text, e)
		}
		ex = append(ex, e...)
	}
	model, err := b.TrainFilter(res.Model, ex, 12, 4, 1, -12, 0)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := b.TrainFilter(res.Model, ex, 12, 4, 1, -12, 0)
	if !bytes.Equal(model, again) {
		t.Error("the same examples and seed gave different bytes")
	}
	m, err := unmarshalCueModel(model)
	if err != nil {
		t.Fatal(err)
	}
	if m.filter == nil || m.filter.bits != 12 || m.filter.candidate != -12 || m.filter.threshold != 0 {
		t.Fatalf("filter read back: %+v", m.filter)
	}
	a := newTestAnnotator(t)
	a.cueModel = m
	d, err := a.Annotate(context.Background(), "Sofia Dahl said that the ferry is late. It said that the ferry is late.", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range d.Quotes {
		got = append(got, q.Speaker.Text+" | "+q.Content.Text)
	}
	if want := "Sofia Dahl | that the ferry is late"; strings.Join(got, "; ") != want {
		t.Errorf("quotes = %q; want %q", got, want)
	}
}
