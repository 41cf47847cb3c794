package quotes

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// startCase is a parsed sentence, its cue's token, and the word its gold
// content starts at; the content the rules give runs from the word after
// the cue to the end.
type startCase struct {
	parse string
	cue   int
	gold  string
	// learned is how many words a learned cue has (0: a lexicon cue of
	// one word).
	learned int
}

// indirect builds the attribution of a startCase as the rules give it.
func (c startCase) indirect(t *testing.T) ([]doc.Token, string, attribution) {
	t.Helper()
	toks, text := parsed(t, c.parse)
	end := c.cue + max(c.learned, 1)
	at := attribution{
		kind: doc.KindIndirect, rule: "subject-cue", cueLemma: toks[c.cue].Text, fromModel: c.learned > 0,
		cue:     [2]int{toks[c.cue].Start, toks[end-1].End},
		content: [2]int{toks[end].Start, len(text)},
	}
	return toks, text, at
}

func lowerAll(toks []doc.Token) []string {
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(t.Text)
	}
	return low
}

// trainOnStarts trains a start model on cases, each seen three times.
func trainOnStarts(t *testing.T, train []startCase) *startModel {
	t.Helper()
	var problems []*startProblem
	for range 3 {
		for _, c := range train {
			toks, text, at := c.indirect(t)
			gold := strings.Index(text, " "+c.gold+" ") + 1
			p := goldStart(toks, lowerAll(toks), &at, [][2]int{{gold, len(text)}}, doc.ByteOffsets(text))
			if p == nil {
				t.Fatalf("no start problem for %q", text)
			}
			problems = append(problems, p)
		}
	}
	m := trainStartModel(problems, 1)
	if m == nil {
		t.Fatal("no start model trained")
	}
	return m
}

// firstWordFrom is the word of text that starts at byte start.
func firstWordFrom(text string, start int) string {
	rest := text[start:]
	return rest[:strings.IndexByte(rest+" ", ' ')]
}

// TestStartModelLearnsAddressees trains the start model on sentences
// whose content starts after the cue's addressee (told reporters that …)
// or right after the cue (said that …, told us nothing of it: no
// complement to start at), and checks it on sentences with other words.
func TestStartModelLearnsAddressees(t *testing.T) {
	train := []startCase{
		{"Anna/1/nsubj told/-1/root reporters/1/obj that/5/mark it/5/nsubj closed/1/ccomp", 1, "that", 0},
		{"Bo/1/nsubj told/-1/root voters/1/obj that/6/mark the/5/det plant/6/nsubj opened/1/ccomp", 1, "that", 0},
		{"Cy/1/nsubj told/-1/root the/3/det court/1/obj that/6/mark he/6/nsubj lied/1/ccomp", 1, "that", 0},
		{"Di/1/nsubj assured/-1/root investors/1/obj that/5/mark sales/5/nsubj rose/1/ccomp", 1, "that", 0},
		{"Ed/1/nsubj said/-1/root that/4/mark it/4/nsubj closed/1/ccomp", 1, "that", 0},
		{"Flo/1/nsubj said/-1/root that/5/mark the/4/det mill/5/nsubj shut/1/ccomp", 1, "that", 0},
		{"Gus/1/nsubj said/-1/root prices/3/nsubj would/3/aux fall/1/ccomp", 1, "prices", 0},
		{"Hal/1/nsubj argued/-1/root taxes/3/nsubj were/3/cop high/1/ccomp", 1, "taxes", 0},
	}
	m := trainOnStarts(t, train)
	for _, c := range []startCase{
		{"Ivy/1/nsubj told/-1/root journalists/1/obj that/5/mark rents/5/nsubj doubled/1/ccomp", 1, "that", 0},
		{"Jo/1/nsubj told/-1/root the/3/det jury/1/obj that/6/mark she/6/nsubj slept/1/ccomp", 1, "that", 0},
		{"Kim/1/nsubj said/-1/root that/4/mark rents/4/nsubj doubled/1/ccomp", 1, "that", 0},
		{"Lu/1/nsubj said/-1/root wages/3/nsubj would/3/aux rise/1/ccomp", 1, "wages", 0},
	} {
		toks, text, at := c.indirect(t)
		if got := firstWordFrom(text, m.startOf(toks, lowerAll(toks), &at, nil)); got != c.gold {
			t.Errorf("%q: content starts at %q, want %q", text, got, c.gold)
		}
	}
}

// TestStartModelTravelsInTheCueModelFile checks that the start model
// comes back from the cue model's file, and that a file written before it
// (a filter and its calibration, nothing after) still loads.
func TestStartModelTravelsInTheCueModelFile(t *testing.T) {
	filter := &attrFilter{bits: 8, w: make([]float32, 1<<8), candidate: -6, threshold: 0.5,
		calib: &calibration{a: 1, b: 2, other: 0.5, rules: map[string]float32{"subject-cue": 0.9}}}
	starts := &startModel{bits: 8, w: make([]float32, 1<<8)}
	for i := range starts.w {
		starts.w[i] = float32(i%7) - 3
	}
	for _, withStarts := range []bool{true, false} {
		m := &cueModel{bits: 8, w: make([]float32, 1<<8), filter: filter}
		if withStarts {
			m.starts = starts
		}
		b, err := m.marshal()
		if err != nil {
			t.Fatal(err)
		}
		got, err := unmarshalCueModel(b)
		if err != nil {
			t.Fatalf("with start model %v: %v", withStarts, err)
		}
		if got.filter == nil || got.filter.calib == nil || got.filter.calib.rules["subject-cue"] != 0.9 {
			t.Errorf("with start model %v: the filter's calibration did not come back", withStarts)
		}
		switch {
		case !withStarts && got.starts != nil:
			t.Error("a file without a start model loaded one")
		case withStarts && (got.starts == nil || !slices.Equal(got.starts.w, starts.w)):
			t.Error("the start model did not come back")
		}
	}
}

// TestStartModelTakesBackCueWords trains the start model on learned cues
// that ran on into what was said (played down the risk: the cue is
// "played down"), and checks that a learned cue gives its last words back
// while a lexicon cue of the same shape keeps them out of reach.
func TestStartModelTakesBackCueWords(t *testing.T) {
	train := []startCase{
		{"Anna/1/nsubj played/-1/root down/1/compound:prt the/4/det risk/1/obj", 1, "the", 3},
		{"Bo/1/nsubj shared/-1/root a/3/det view/1/obj", 1, "a", 2},
		{"Cy/1/nsubj played/-1/root down/1/compound:prt the/4/det danger/1/obj", 1, "the", 3},
		{"Di/1/nsubj shared/-1/root a/3/det plan/1/obj", 1, "a", 2},
		{"Ed/1/nsubj noted/-1/root the/3/det risk/1/obj", 1, "the", 1},
		{"Flo/1/nsubj denied/-1/root the/3/det claim/1/obj", 1, "the", 1},
	}
	m := trainOnStarts(t, train)
	for _, c := range []startCase{
		{"Gus/1/nsubj played/-1/root down/1/compound:prt the/4/det threat/1/obj", 1, "the", 3},
		{"Hal/1/nsubj shared/-1/root a/3/det story/1/obj", 1, "a", 2},
	} {
		toks, text, at := c.indirect(t)
		if got := firstWordFrom(text, m.startOf(toks, lowerAll(toks), &at, nil)); got != c.gold {
			t.Errorf("%q: content starts at %q, want %q", text, got, c.gold)
		}
		// The same cue from the lexicon keeps its words.
		at.fromModel = false
		if start := m.startOf(toks, lowerAll(toks), &at, nil); start < at.content[0] {
			t.Errorf("%q: a lexicon cue gave back its words", text)
		}
	}
}
