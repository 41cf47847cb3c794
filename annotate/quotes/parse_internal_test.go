package quotes

import (
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// parsed builds tokens from "word/head/relation" triples (heads 0-based in
// the sentence, -1 the root), separated by spaces in the text.
func parsed(t *testing.T, triples string) ([]doc.Token, string) {
	t.Helper()
	var toks []doc.Token
	var text strings.Builder
	for i, f := range strings.Fields(triples) {
		parts := strings.Split(f, "/")
		if len(parts) != 3 {
			t.Fatalf("bad triple %q", f)
		}
		head := 0
		for _, r := range parts[1] {
			if r == '-' {
				head = -1
				break
			}
			head = head*10 + int(r-'0')
		}
		if i > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(parts[0])
		toks = append(toks, doc.Token{Start: start, End: text.Len(), Text: parts[0], Head: head, Dep: parts[2]})
	}
	return toks, text.String()
}

func TestComplementStart(t *testing.T) {
	cases := []struct {
		name, parse string
		cue         int    // the cue's token; the content runs from the next to the end
		want        string // the content's first word; "" for no change
	}{
		{"the complement on the cue",
			"Anna/2/nsubj Berg/0/flat told/-1/root the/4/det council/2/obj at/7/case its/7/nmod:poss meeting/2/obl that/11/mark it/11/nsubj closed/2/ccomp",
			2, ""}, // the object stands before the complement: not an adjunct
		{"the complement on the cue after adjuncts",
			"Anna/1/nsubj said/-1/root at/4/case its/4/nmod:poss meeting/1/obl that/7/mark it/7/nsubj closed/1/ccomp",
			1, "that"},
		{"the complement hung on the adjunct's noun",
			"Anna/1/nsubj said/-1/root at/4/case its/4/nmod:poss meeting/1/obl that/7/mark it/7/nsubj closed/4/acl",
			1, "that"},
		{"a clause on the adjunct's noun without a subject of its own",
			"Anna/1/nsubj spoke/-1/root at/4/case a/4/det meeting/1/obl that/6/mark ended/4/acl",
			1, ""},
		{"a relative clause is the noun's",
			"Anna/1/nsubj said/-1/root at/4/case the/4/det meeting/1/obl that/6/nsubj ended/4/acl:relcl",
			1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			toks, text := parsed(t, c.parse)
			cue := [2]int{toks[c.cue].Start, toks[c.cue].End}
			content := [2]int{toks[c.cue+1].Start, len(text)}
			start, ok := complementStart(toks, newSubtrees(toks), cue, content)
			got := ""
			if ok {
				got = text[start:]
				got = got[:strings.IndexByte(got+" ", ' ')]
			}
			if got != c.want {
				t.Errorf("content starts at %q, want %q (%s)", got, c.want, text)
			}
		})
	}
}
