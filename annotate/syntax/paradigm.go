package syntax

import "strings"

// The lemmatiser's classifier learns edit scripts from suffixes, and for a
// verb it has not seen it can cut one letter too many: hoped → hop, ruled
// → rul, echoed → echoe, signalled → signall. The word classes know some
// 30,000 words of news; a lemma whose inflections they know (hope, hopes,
// hoping, hoped) is likelier than one whose they do not (hop, hops,
// hopping, hopped). For a verb the table does not know, the lemmatiser
// weighs its best few scripts so.

// paradigmCandidates is how many of the classifier's best scripts are
// weighed.
const paradigmCandidates = 3

// isVerbForm reports whether xpos is an inflected verb's tag, whose lemma
// has a regular paradigm to check.
func isVerbForm(xpos string) bool {
	switch xpos {
	case "VBD", "VBN", "VBG", "VBZ":
		return true
	}
	return false
}

// regularForm reports whether w is lemma inflected regularly for xpos:
// the spellings of -ing, -ed and -s, with a final e dropped, a final
// consonant doubled, or y turned to ie.
//
// A word of one syllable that ends in one vowel and one consonant doubles
// it (stop, stopped; star, starred), so stared is not star's, nor coped
// cop's; a longer one may or may not (visited, controlled).
func regularForm(w, lemma, xpos string) bool {
	n := len(lemma)
	if n < 3 {
		return false
	}
	last := lemma[n-1:]
	e := strings.HasSuffix(lemma, "e")
	y := strings.HasSuffix(lemma, "y")
	doubles := doublesConsonant(lemma)
	plain := !doubles || syllables(lemma) > 1
	double := doubles
	switch xpos {
	case "VBG":
		return plain && w == lemma+"ing" || e && w == lemma[:n-1]+"ing" || double && w == lemma+last+"ing" ||
			strings.HasSuffix(lemma, "ie") && w == lemma[:n-2]+"ying"
	case "VBD", "VBN":
		return plain && w == lemma+"ed" || e && w == lemma+"d" || double && w == lemma+last+"ed" || y && w == lemma[:n-1]+"ied"
	case "VBZ":
		return w == lemma+"s" || w == lemma+"es" || y && w == lemma[:n-1]+"ies"
	}
	return false
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// doublesConsonant reports whether lemma ends in a consonant after a
// single vowel (stop, visit, control): the ending that may double.
func doublesConsonant(lemma string) bool {
	n := len(lemma)
	if n < 3 {
		return false
	}
	c, v, b := lemma[n-1], lemma[n-2], lemma[n-3]
	return !isVowel(c) && strings.IndexByte("wxy", c) < 0 && c >= 'a' && c <= 'z' && isVowel(v) && !isVowel(b)
}

// syllables counts a word's groups of vowels.
func syllables(w string) int {
	n, in := 0, false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i]) || w[i] == 'y' && i > 0
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

// attested counts the forms of lemma's paradigm the vocabulary knows: the
// lemma, its -s form, its -ing form and its -ed form, each in the
// spellings regularForm allows.
func attested(c *Clusters, lemma string) int {
	known := func(xpos string, forms ...string) int {
		for _, f := range forms {
			if fine, _ := c.Class(f); fine >= 0 && (xpos == "" || regularForm(f, lemma, xpos)) {
				return 1
			}
		}
		return 0
	}
	if known("", lemma) == 0 {
		return 0
	}
	n := len(lemma)
	last := lemma[n-1:]
	var cut1, cut2 string
	if n > 2 {
		cut1, cut2 = lemma[:n-1], lemma[:n-2]
	}
	return 1 + known("VBZ", lemma+"s", lemma+"es", cut1+"ies") +
		known("VBG", lemma+"ing", cut1+"ing", lemma+last+"ing", cut2+"ying") +
		known("VBD", lemma+"ed", lemma+"d", lemma+last+"ed", cut1+"ied")
}

// attestedScript is the script for w among the classifier's best few that
// fit it: the best one, unless a regular analysis of w among the others
// has a paradigm the vocabulary knows better (three forms or more).
func (l *Lemmatiser) attestedScript(w, xpos string, scores []int32, n int) int {
	// The best few, in one pass: an insertion into a short list, ties in
	// script order.
	var top [paradigmCandidates]int
	k := 0
	for i, s := range scores {
		if int(l.scripts[i][1]-'0') > n {
			continue
		}
		j := min(k, paradigmCandidates-1)
		if k == paradigmCandidates && s <= scores[top[j]] {
			continue
		}
		for j > 0 && s > scores[top[j-1]] {
			top[j] = top[j-1]
			j--
		}
		top[j] = i
		k = min(k+1, paradigmCandidates)
	}
	if k == 0 {
		return 0
	}
	order := top[:k]
	lw := strings.ToLower(w)
	best := order[0]
	bestN := attested(l.vocab, strings.ToLower(parseScript(l.scripts[best]).apply(w)))
	for _, i := range order[1:] {
		lemma := strings.ToLower(parseScript(l.scripts[i]).apply(w))
		if !regularForm(lw, lemma, xpos) {
			continue
		}
		if k := attested(l.vocab, lemma); k >= 3 && k > bestN {
			best, bestN = i, k
		}
	}
	return best
}
