package annotate

import (
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// Repairs of a model mention's extent: what a model trained on CoNLL
// cannot learn about where a name starts and ends.

// repairMentions applies the rules a model trained on CoNLL cannot learn:
// a mention never spans a line break; a person's title is not part of the
// name; a name continues through lower-case particles.
func (a *entitiesStage) repairMentions(text string, r *doc.Document, ms []doc.Mention) []doc.Mention {
	var out []doc.Mention
	for _, m := range ms {
		if m.TokStart < 0 {
			out = append(out, m)
			continue
		}
		m, ok := repairSpan(text, r, m)
		if !ok {
			continue
		}
		var parts []doc.Mention
		for _, part := range a.splitAtLowerWords(text, r.Tokens, m) {
			parts = append(parts, a.splitAtTitles(text, r.Tokens, part)...)
		}
		for _, part := range parts {
			if len(parts) > 1 {
				if part, ok = repairSpan(text, r, part); !ok {
					continue
				}
			}
			out = splitAtLines(out, text, r.Tokens, part)
		}
	}
	return mergeOverlaps(text, out)
}

// repairSpan moves a mention's bounds: through name particles, past
// quotation marks, the sentence's opening "The", titles and lower-case
// words. It reports false when nothing is left.
func repairSpan(text string, r *doc.Document, m doc.Mention) (doc.Mention, bool) {
	toks := r.Tokens
	sentEnd := r.Sentences[m.Sent].Tokens()[1]
	sentStart := r.Sentences[m.Sent].Tokens()[0]
	// Names continue through particles: Jabhat al Fateh al Sham.
	for m.TokEnd+1 < sentEnd && english.NameParticles[toks[m.TokEnd].Text] && english.StartsUpper(toks[m.TokEnd+1].Text) && sameLine(text, toks[m.TokEnd-1], toks[m.TokEnd+1]) {
		m.TokEnd += 2
		for m.TokEnd < sentEnd && english.StartsUpper(toks[m.TokEnd].Text) && doc.IsWord(toks[m.TokEnd].Text) && sameLine(text, toks[m.TokEnd-1], toks[m.TokEnd]) {
			m.TokEnd++
		}
	}
	for m.TokStart-2 >= sentStart && english.NameParticles[toks[m.TokStart-1].Text] && english.StartsUpper(toks[m.TokStart-2].Text) && doc.IsWord(toks[m.TokStart-2].Text) && sameLine(text, toks[m.TokStart-2], toks[m.TokStart]) {
		m.TokStart -= 2
	}
	// A capitalised number word in mid-sentence opens the name after it
	// (the Six Nations, the Two Ronnies): the model left it out. Not in a
	// title-case line, where every number word is capitalised.
	if k := m.TokStart - 1; k > sentStart && m.Label != "PER" && numberWords[toks[k].Text] && sameLine(text, toks[k], toks[m.TokStart]) && !titleCase(toks[sentStart:sentEnd]) {
		m.TokStart = k
	}
	// A name never contains a quotation mark: keep what follows the
	// last one (…,” Berg said), else what precedes the first.
	for k := m.TokEnd - 1; k >= m.TokStart; k-- {
		if english.IsQuoteMark(toks[k].Text) {
			if k+1 < m.TokEnd {
				m.TokStart = k + 1
			} else {
				m.TokEnd = k
			}
			m.Origin = "rule"
			k = m.TokEnd
		}
	}
	if m.TokEnd <= m.TokStart {
		return m, false
	}
	// A title alone (Mr.) names the person after it: the model stopped a
	// word short.
	if m.TokEnd-m.TokStart == 1 && personHonorifics[strings.ToLower(strings.TrimSuffix(toks[m.TokStart].Text, "."))] {
		k := m.TokEnd
		for k < sentEnd && english.StartsUpper(toks[k].Text) && doc.IsWord(toks[k].Text) && sameLine(text, toks[k-1], toks[k]) {
			k++
		}
		if k > m.TokEnd {
			m.TokEnd, m.Label, m.Origin = k, "PER", "rule"
		}
	}
	m.Start, m.End = toks[m.TokStart].Start, toks[m.TokEnd-1].End
	// A sentence's first word "The", "A" or "An" is the article, not
	// part of the name (The United Nations has said; A BBC spokeswoman
	// said, where the model may even read A BBC as a person; but A
	// Jones, an initial, starts a person's name); in
	// mid-sentence a capital The belongs to the name (The Hague).
	if w := toks[m.TokStart].Text; m.TokEnd-m.TokStart > 1 && m.TokStart == sentStart && (w == "The" || (w == "A" || w == "An") && (m.Label != "PER" || isAcronym(toks[m.TokStart+1].Text))) {
		m.TokStart++
		m.Start = toks[m.TokStart].Start
	}
	// A name starts after lower-case words (and a person's after
	// titles: General Motors keeps its General), and ends before
	// lower-case words: greedy decoding that opened a mention must close
	// it, and sometimes closes it too late (the BBC that it).
	// Mr, Mrs, Ms, Miss and Mx name a person whatever the model
	// thought of the name after them (Ms Holm is not an organisation).
	if m.TokEnd-m.TokStart > 1 && m.Label != "PER" && personHonorifics[strings.ToLower(strings.TrimSuffix(toks[m.TokStart].Text, "."))] {
		m.Label = "PER"
	}
	for m.TokEnd-m.TokStart > 1 && !english.NameParticles[toks[m.TokStart].Text] && (m.Label == "PER" && personTitles[strings.ToLower(strings.TrimSuffix(toks[m.TokStart].Text, "."))] || english.StartsLower(toks[m.TokStart].Text)) {
		m.TokStart++
	}
	// A person's name does not run on through "of" (Mr Berg of the
	// Harbour Club): what follows is where they work.
	if m.Label == "PER" {
		for k := m.TokStart + 1; k < m.TokEnd; k++ {
			if toks[k].Text == "of" {
				m.TokEnd, m.Origin = k, "rule"
				break
			}
		}
	}
	for m.TokEnd-m.TokStart > 1 && english.StartsLower(toks[m.TokEnd-1].Text) {
		m.TokEnd--
	}
	// A title-case headline's verb is no part of the name before it
	// (Pop Star Lena Varga Slams Rumors); in running text it can be
	// (Grand Slams).
	for m.TokEnd-m.TokStart > 1 && headlineVerbs[strings.ToLower(toks[m.TokEnd-1].Text)] && titleCase(toks[sentStart:sentEnd]) {
		m.TokEnd--
	}
	for m.TokEnd-m.TokStart > 1 && english.NameParticles[toks[m.TokEnd-1].Text] {
		m.TokEnd--
	}
	return m, true
}

// splitAtLines appends m to out, split where a line break falls inside it
// and at a bracket it does not close: Telephone Preference Service (TPS
// is two names, and Boxer ( is Boxer; Mladost (L) is one. A lone
// apostrophe ending a part is a plural's possessive (the Liberal
// Democrats' plans), not part of the name.
func splitAtLines(out []doc.Mention, text string, toks []doc.Token, m doc.Mention) []doc.Mention {
	open := unmatchedBrackets(toks[m.TokStart:m.TokEnd])
	start := m.TokStart
	for k := m.TokStart + 1; k <= m.TokEnd; k++ {
		bracket := k < m.TokEnd && open[k-m.TokStart]
		if k < m.TokEnd && sameLine(text, toks[k-1], toks[k]) && !bracket {
			continue
		}
		lo, hi := start, k
		for lo < hi && open[lo-m.TokStart] {
			lo++
		}
		for hi > lo && (open[hi-1-m.TokStart] || toks[hi-1].Text == "'" || toks[hi-1].Text == "’") {
			hi--
		}
		if lo != m.TokStart || hi != m.TokEnd {
			// A part split off starts at a name: (…) and the Law Lords,
			// (…), S Jones.
			for hi > lo && (!doc.IsWord(toks[lo].Text) || english.StartsLower(toks[lo].Text) && !english.NameParticles[toks[lo].Text]) {
				lo++
			}
		}
		if hi > lo {
			part := m
			part.TokStart, part.TokEnd = lo, hi
			part.Start, part.End = toks[lo].Start, toks[hi-1].End
			if lo != m.TokStart || hi != m.TokEnd {
				part.Origin = "rule"
			}
			out = append(out, part)
		}
		start = k
		if bracket {
			start = k + 1
		}
	}
	return out
}

// unmatchedBrackets marks the brackets among toks that no bracket among
// them closes or opens: Mladost (L) keeps its pair, Service (TPS and
// BBC Three) do not.
func unmatchedBrackets(toks []doc.Token) []bool {
	out := make([]bool, len(toks))
	var opened []int
	for i, t := range toks {
		switch t.Text {
		case "(", "[":
			opened = append(opened, i)
		case ")", "]":
			if n := len(opened); n > 0 {
				opened = opened[:n-1]
			} else {
				out[i] = true
			}
		}
	}
	for _, i := range opened {
		out[i] = true
	}
	return out
}

// mergeOverlaps drops lower-case mentions and joins those that particle
// extension ran into each other.
func mergeOverlaps(text string, out []doc.Mention) []doc.Mention {
	// A name holds a capital letter: a lower-case "mention" (so-called) is
	// a model error.
	kept := out[:0]
	for _, m := range out {
		if english.HasUpper(text[m.Start:m.End]) {
			kept = append(kept, m)
		}
	}
	out = kept
	// Particle extension can run into the next mention: keep the longer.
	sort.SliceStable(out, func(i, j int) bool { return out[i].TokStart < out[j].TokStart })
	var merged []doc.Mention
	for _, m := range out {
		if n := len(merged); n > 0 && m.TokStart >= 0 && merged[n-1].TokStart >= 0 && m.TokStart < merged[n-1].TokEnd {
			if m.TokEnd > merged[n-1].TokEnd {
				merged[n-1].TokEnd = m.TokEnd
				merged[n-1].End = m.End
				merged[n-1].Origin = "rule"
			}
			continue
		}
		merged = append(merged, m)
	}
	return merged
}

// numberWords are the capitalised number words that open names (the Six
// Nations, the Big Ten has none).
var numberWords = map[string]bool{"One": true, "Two": true, "Three": true, "Four": true, "Five": true,
	"Six": true, "Seven": true, "Eight": true, "Nine": true, "Ten": true, "Twelve": true, "Twenty": true, "Hundred": true}

// withoutPossessive ends a mention before a possessive 's the tokenizer
// left on its last word (the BBC's business editor) when the article
// names it without one elsewhere: Sainsbury's, Lloyd's and McDonald's,
// written alone, keep theirs.
func withoutPossessive(text string, ms []doc.Mention) {
	names := map[string]bool{}
	for _, m := range ms {
		names[m.Text] = true
	}
	for i := range ms {
		for _, s := range [...]string{"'s", "’s"} {
			if stem, ok := strings.CutSuffix(ms[i].Text, s); ok && names[stem] {
				ms[i].End -= len(s)
				ms[i].Text = text[ms[i].Start:ms[i].End]
			}
		}
	}
}
