package annotate

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// maxNameWords bounds the names looked for in headlines, in tokens.
const maxNameWords = 6

// namesInHeadlines finds in a document's headlines (sentences in title
// case or capitals) the names the document names elsewhere: in a
// headline every word is capitalised, and the entity model, which reads
// it without that clue, misses names the running text gives it
// (Tarango, Panama City). A run of tokens that spells a name of the
// document's other mentions, and that no mention covers, becomes a
// mention with that name's commonest label; in capitals the spelling is
// compared without case. The tagger must call the run's words proper
// nouns. The longest name wins at each position.
func namesInHeadlines(r *doc.Document, ms []doc.Mention) []doc.Mention {
	labels := map[string]map[string]int{}
	covered := make(map[int]bool)
	for _, m := range ms {
		if m.TokStart < 0 {
			continue
		}
		for k := m.TokStart; k < m.TokEnd; k++ {
			covered[k] = true
		}
		if m.TokEnd-m.TokStart > maxNameWords {
			continue
		}
		key := nameKey(r.Tokens[m.TokStart:m.TokEnd])
		if labels[key] == nil {
			labels[key] = map[string]int{}
		}
		labels[key][m.Label]++
	}
	if len(labels) == 0 {
		return ms
	}
	var words []string
	for si := range r.Sentences {
		rng := r.Sentences[si].Tokens()
		if !nerZone(r.Sentences[si].Zone) || rng[0] == rng[1] {
			continue
		}
		toks := r.Tokens[rng[0]:rng[1]]
		words = words[:0]
		for _, t := range toks {
			words = append(words, t.Text)
		}
		if !headlineCased(words, toks) {
			continue
		}
		for i := 0; i < len(toks); i++ {
			for n := min(maxNameWords, len(toks)-i); n >= 1; n-- {
				t0, t1 := rng[0]+i, rng[0]+i+n
				if anyCovered(covered, t0, t1) || !properNouns(toks[i:i+n]) {
					continue
				}
				ls, ok := labels[nameKey(toks[i:i+n])]
				if !ok {
					continue
				}
				ms = append(ms, doc.Mention{Start: toks[i].Start, End: toks[i+n-1].End, Label: commonest(ls), Sent: si, Origin: doc.OriginRule, TokStart: t0, TokEnd: t1})
				for k := t0; k < t1; k++ {
					covered[k] = true
				}
				i += n - 1
				break
			}
		}
	}
	return ms
}

// nameKey is a name's tokens in lower case, space-separated.
func nameKey(toks []doc.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(t.Text))
	}
	return b.String()
}

// properNouns reports whether the tagger, which reads through a
// headline's case, calls every token of a name a proper noun (so Which,
// An and Holes, names only where the model erred, are not taken).
func properNouns(toks []doc.Token) bool {
	for _, t := range toks {
		if t.POS != "NNP" && t.POS != "NNPS" {
			return false
		}
	}
	return true
}

func anyCovered(covered map[int]bool, from, to int) bool {
	for k := from; k < to; k++ {
		if covered[k] {
			return true
		}
	}
	return false
}

// commonest is the label with the most mentions (ties: the first in
// label order, so that the choice is deterministic).
func commonest(counts map[string]int) string {
	best, bestN := "", 0
	for l, n := range counts {
		if n > bestN || n == bestN && l < best {
			best, bestN = l, n
		}
	}
	return best
}
