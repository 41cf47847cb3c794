package evaluate

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/output"
)

// WriteErrors writes every error (EntityError, QuoteError) as a JSON line.
func WriteErrors[E EntityError | QuoteError](w io.Writer, errs []E) error {
	enc := json.NewEncoder(w)
	for _, e := range errs {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return nil
}

// WriteQuoteErrorSummary prints the commonest quote errors, by kind and by
// the gold (else predicted) cue's last word, with an example of each, and
// then by the rule that placed the prediction; path names the file that
// holds them all.
func WriteQuoteErrorSummary(stdout io.Writer, errs []QuoteError, path string) {
	type group struct {
		kind, cue string
		n         int
		example   QuoteError
	}
	groups := map[[2]string]*group{}
	for _, e := range errs {
		if e.Kind == "wrong_span" {
			continue // printWrongSpans
		}
		cue := cmp.Or(e.GoldCue, e.PredCue, "(no cue)")
		if f := strings.Fields(strings.ToLower(cue)); len(f) > 0 {
			cue = f[len(f)-1] // the verb of "has also said"
		}
		k := [2]string{e.Kind, cue}
		g := groups[k]
		if g == nil {
			g = &group{kind: e.Kind, cue: cue, example: e}
			groups[k] = g
		}
		g.n++
	}
	list := commonestFirst(groups, func(g *group) int { return g.n })
	kinds := map[string]int64{}
	for _, e := range errs {
		kinds[e.Kind]++
	}
	fmt.Fprintf(stdout, "\nquote errors: %d (%s), all in %s; the commonest by kind and cue:\n", len(errs), output.FormatCounts(kinds), path)
	for i, g := range list {
		if i == 15 {
			break
		}
		e := g.example
		ex := cmp.Or(e.GoldContent, e.PredContent)
		who := cmp.Or(e.GoldSpeaker, e.PredSpeaker)
		fmt.Fprintf(stdout, "  %4d  %-13s %-14s e.g. %s: %q (%s)\n", g.n, g.kind, g.cue, e.DocID, clip(ex, 70), clip(who, 30))
	}
	printWrongSpans(stdout, errs)
	printErrorsByRule(stdout, errs)
}

// printWrongSpans counts the contents matched with the right speaker but
// not exactly, by which end is off and which way.
func printWrongSpans(stdout io.Writer, errs []QuoteError) {
	side := func(shift int, early, late string) string {
		switch {
		case shift < 0:
			return early
		case shift > 0:
			return late
		}
		return ""
	}
	counts := map[string]int64{}
	n := 0
	for _, e := range errs {
		if e.Kind != "wrong_span" {
			continue
		}
		n++
		if e.Parts != nil && e.Parts[0] != e.Parts[1] {
			counts["parts differ"]++
		}
		if s := side(e.StartShift, "starts early", "starts late"); s != "" {
			counts[s]++
		}
		if s := side(e.EndShift, "ends early", "ends late"); s != "" {
			counts[s]++
		}
	}
	if n > 0 {
		fmt.Fprintf(stdout, "\nwrong_span (right speaker, content not exact): %d; %s\n", n, output.FormatCounts(counts))
	}
}

// printErrorsByRule prints the spurious and wrong-speaker predictions of
// each rule that placed one, the commonest first.
func printErrorsByRule(stdout io.Writer, errs []QuoteError) {
	byRule := map[string]*[2]int{}
	var rules []string
	for _, e := range errs {
		if e.Kind == "missed" || e.Kind == "wrong_span" {
			continue
		}
		c := byRule[e.PredRule]
		if c == nil {
			c = &[2]int{}
			byRule[e.PredRule] = c
			rules = append(rules, e.PredRule)
		}
		if e.Kind == "spurious" {
			c[0]++
		} else {
			c[1]++
		}
	}
	sort.Slice(rules, func(i, j int) bool {
		a, b := byRule[rules[i]], byRule[rules[j]]
		if a[0]+a[1] != b[0]+b[1] {
			return a[0]+a[1] > b[0]+b[1]
		}
		return rules[i] < rules[j]
	})
	fmt.Fprintf(stdout, "\nby the rule that placed the prediction (quotes.rule):\n  %-16s %9s %14s\n", "rule", "spurious", "wrong_speaker")
	for _, r := range rules {
		fmt.Fprintf(stdout, "  %-16s %9d %14d\n", cmp.Or(r, "(none)"), byRule[r][0], byRule[r][1])
	}
}

// clip folds white space and cuts s to n code points, marking the cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// commonestFirst lists the groups of errors by count, the largest first,
// ties in the order of their keys (kind and what they are grouped by).
func commonestFirst[G any](groups map[[2]string]*G, count func(*G) int) []*G {
	keys := make([][2]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if a, b := count(groups[keys[i]]), count(groups[keys[j]]); a != b {
			return a > b
		}
		return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1]
	})
	list := make([]*G, len(keys))
	for i, k := range keys {
		list[i] = groups[k]
	}
	return list
}
