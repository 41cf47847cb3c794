package evaluate

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"github.com/newsnlp/newsnlp/output"
)

// EntityError is one entity mention the prediction got wrong, by kind:
//
//	missed       a gold mention no prediction overlaps
//	spurious     a prediction no gold mention overlaps
//	wrong_label  the gold span, another label
//	wrong_span   an overlapping span, the gold label
//	wrong_both   an overlapping span, another label
type EntityError struct {
	Task      string `json:"task"` // "entities"
	Kind      string `json:"kind"`
	DocID     string `json:"doc_id"`
	GoldText  string `json:"gold_text,omitempty"`
	GoldLabel string `json:"gold_label,omitempty"`
	PredText  string `json:"pred_text,omitempty"`
	PredLabel string `json:"pred_label,omitempty"`
	// Start is where the error starts in the text (code points).
	Start int `json:"start"`
	// Context is the text around it, the error's words in [brackets].
	Context string `json:"context"`
}

// mentionSpan is a mention's extent and label in code points.
type mentionSpan struct {
	start, end int
	label      string
}

// entityErrors lists the errors of one document's predicted mentions
// against its gold ones (labels already mapped onto the gold's scheme).
// Each gold mention is read against the predictions it overlaps: an
// exact match is no error; else the first overlapping prediction gives
// a wrong_label, wrong_span or wrong_both, and the others overlapping it
// nothing more. Predictions no gold mention overlaps are spurious.
func entityErrors(id string, text []rune, gold, pred []mentionSpan) []EntityError {
	var out []EntityError
	used := make([]bool, len(pred))
	for _, g := range gold {
		first := -1
		exact := false
		for i, p := range pred {
			if p.start < g.end && g.start < p.end {
				used[i] = true
				if first < 0 {
					first = i
				}
				exact = exact || p == g
			}
		}
		if exact {
			continue
		}
		e := EntityError{Task: "entities", Kind: "missed", DocID: id, GoldText: sliceRunes(text, g.start, g.end), GoldLabel: g.label, Start: g.start}
		lo, hi := g.start, g.end
		if first >= 0 {
			p := pred[first]
			e.PredText, e.PredLabel = sliceRunes(text, p.start, p.end), p.label
			switch {
			case p.start == g.start && p.end == g.end:
				e.Kind = "wrong_label"
			case p.label == g.label:
				e.Kind = "wrong_span"
			default:
				e.Kind = "wrong_both"
			}
			lo, hi = min(lo, p.start), max(hi, p.end)
		}
		e.Context = context(text, lo, hi)
		out = append(out, e)
	}
	for i, p := range pred {
		if !used[i] {
			out = append(out, EntityError{Task: "entities", Kind: "spurious", DocID: id, PredText: sliceRunes(text, p.start, p.end), PredLabel: p.label, Start: p.start, Context: context(text, p.start, p.end)})
		}
	}
	slices.SortStableFunc(out, func(a, b EntityError) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// sliceRunes is text[start:end] in code points, clamped to the text.
func sliceRunes(text []rune, start, end int) string {
	start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
	if start >= end {
		return ""
	}
	return string(text[start:end])
}

// context is the text from 40 code points before lo to 40 after hi on one
// line, with [lo, hi) in brackets.
func context(text []rune, lo, hi int) string {
	return clip(sliceRunes(text, lo-40, lo)+"["+sliceRunes(text, lo, hi)+"]"+sliceRunes(text, hi, hi+40), 200)
}

// WriteEntityErrorSummary prints the commonest entity errors by kind and
// labels (gold → predicted), with the commonest text of each and an
// example in its context; path names the file that holds them all.
func WriteEntityErrorSummary(stdout io.Writer, errs []EntityError, path string) {
	type group struct {
		kind, labels string
		n            int
		texts        map[string]int
		example      EntityError
	}
	groups := map[[2]string]*group{}
	kinds := map[string]int64{}
	for _, e := range errs {
		kinds[e.Kind]++
		labels := cmp.Or(e.GoldLabel, "-") + "→" + cmp.Or(e.PredLabel, "-")
		k := [2]string{e.Kind, labels}
		g := groups[k]
		if g == nil {
			g = &group{kind: e.Kind, labels: labels, texts: map[string]int{}, example: e}
			groups[k] = g
		}
		g.n++
		g.texts[cmp.Or(e.GoldText, e.PredText)]++
	}
	list := commonestFirst(groups, func(g *group) int { return g.n })
	fmt.Fprintf(stdout, "\nentity errors: %d (%s), all in %s; the commonest by kind and labels (gold→predicted):\n", len(errs), output.FormatCounts(kinds), path)
	for i, g := range list {
		if i == 15 {
			break
		}
		fmt.Fprintf(stdout, "  %4d  %-11s %-10s most often %s; e.g. %s: %s\n", g.n, g.kind, g.labels, commonest(g.texts), g.example.DocID, clip(g.example.Context, 110))
	}
}

// commonest is the text most counted (ties: the first in order), quoted,
// with its count.
func commonest(texts map[string]int) string {
	best, n := "", 0
	for t, c := range texts {
		if c > n || c == n && t < best {
			best, n = t, c
		}
	}
	return fmt.Sprintf("%q (%d)", clip(best, 30), n)
}
