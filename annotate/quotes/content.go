package quotes

// Contents: where what was said starts and ends, around quotation marks,
// across a split quotation, and where the next attribution begins.

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// cutAtNextAttribution ends an indirect content where the next
// attribution of its sentence begins: "He said the war stopped, he said
// every time …" and "he denied the allegations and said …" are two
// statements each.
func cutAtNextAttribution(text string, toks []doc.Token, ats []attribution) []attribution {
	// Only an attribution that begins a new clause can cut another's
	// content; whether it does depends on the text before it (a comma, and,
	// but, a subordinator…), so the candidates are found once each. An
	// attribution whose text before it ends no clause when read from the
	// text's start ends none from any later start either: skipping it is
	// exact, and a sentence with thousands of cues stays linear.
	next := make([]int, len(ats)+1) // next[j]: the first candidate at or after j
	next[len(ats)] = len(ats)
	for j := len(ats) - 1; j >= 0; j-- {
		next[j] = next[j+1]
		if mayEndClause(text, toks, ats[j]) {
			next[j] = j
		}
	}
	stop := make([]int, len(ats)) // stop[i]: the first attribution after i in another sentence
	for i := len(ats) - 1; i >= 0; i-- {
		stop[i] = i + 1
		if i+1 < len(ats) && ats[i+1].sent == ats[i].sent {
			stop[i] = stop[i+1]
		}
	}
	for i := range ats {
		for j := next[i+1]; j < stop[i]; j = next[j+1] {
			if cutAt(text, toks, &ats[i], ats[j]) {
				break
			}
		}
	}
	return ats
}

// mayEndClause reports whether the text before attribution at's cue, or
// before its speaker, ends a clause when read from the text's start: the
// widest reading of cutAt's tests.
func mayEndClause(text string, toks []doc.Token, at attribution) bool {
	begins := []int{at.cue[0]}
	if at.speakerTok[0] >= 0 {
		begins = append(begins, toks[at.speakerTok[0]].Start)
	}
	for _, begin := range begins {
		if begin > 0 && begin <= len(text) && endsClause(text[:begin], text[at.cue[0]:at.cue[1]]) {
			return true
		}
	}
	return false
}

// endsClause reports whether the text before a cue ends a clause: a comma,
// and, but, a subordinator after a comma, a gerund's preposition, or a
// closing quotation mark after a comma.
func endsClause(before, cue string) bool {
	cut := strings.TrimRight(before, " ")
	trimmed := strings.TrimSuffix(strings.TrimSuffix(cut, " and"), " but")
	sp := strings.LastIndexByte(cut, ' ')
	r, size := utf8.DecodeLastRuneInString(cut)
	return trimmed != cut || strings.HasSuffix(cut, ",") ||
		sp > 0 && strings.HasSuffix(cut[:sp], ",") && clauseSubordinators[strings.ToLower(cut[sp+1:])] ||
		sp > 0 && gerundPrepositions[strings.ToLower(cut[sp+1:])] && strings.HasSuffix(cue, "ing") ||
		size > 0 && isClosingMark(string(r)) && strings.HasSuffix(cut[:len(cut)-size], ",")
}

// cutAt ends at's content where next begins, when next starts a new clause
// inside it, and reports whether it did (or found the clause's end).
func cutAt(text string, toks []doc.Token, at *attribution, next attribution) bool {
	if next.sent != at.sent {
		return false
	}
	begin := next.cue[0]
	if next.speakerTok[0] >= 0 && toks[next.speakerTok[0]].Start < begin && toks[next.speakerTok[0]].Start > at.content[0] {
		begin = toks[next.speakerTok[0]].Start
	}
	if begin <= at.content[0] || begin >= at.content[1] || next.content[0] < at.content[0] {
		return false
	}
	// Only a speaker who starts a new clause: after a comma or a
	// conjunction, not a nested report (said he thinks that …).
	cut := strings.TrimRight(text[at.content[0]:begin], " ")
	trimmed := strings.TrimSuffix(strings.TrimSuffix(cut, " and"), " but")
	// "…, because she thinks …": a subordinate clause after a comma is a
	// clause of its own.
	if sp := strings.LastIndexByte(cut, ' '); trimmed == cut && sp > 0 && strings.HasSuffix(cut[:sp], ",") && clauseSubordinators[strings.ToLower(cut[sp+1:])] {
		trimmed = cut[:sp]
	}
	// "answered the critics by saying …": the gerund's preposition ends the
	// first content too.
	if sp := strings.LastIndexByte(cut, ' '); trimmed == cut && sp > 0 && gerundPrepositions[strings.ToLower(cut[sp+1:])] && strings.HasSuffix(text[next.cue[0]:next.cue[1]], "ing") {
		trimmed = cut[:sp]
	}
	// "…was “corrupt,” noting …": the closing mark stays with the first
	// content.
	if r, size := utf8.DecodeLastRuneInString(cut); trimmed == cut && size > 0 && isClosingMark(string(r)) && strings.HasSuffix(cut[:len(cut)-size], ",") {
		at.content[1] = at.content[0] + len(cut)
		return true
	}
	if trimmed == cut && !strings.HasSuffix(cut, ",") {
		return false
	}
	trimmed = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(trimmed, " "), ","), " ")
	if len(trimmed) > 0 {
		at.content[1] = at.content[0] + len(trimmed)
	}
	return true
}

// onlyAdjunct reports whether the words from token from to the sentence's
// end are only a prepositional or time phrase (said in a statement, told
// Fox News in Milwaukee): no verb, no quotation, so not what was said.
func onlyAdjunct(toks []doc.Token, marks []quoteMarkSpan, from, s1 int) bool {
	if from >= s1 || !(toks[from].POS == "IN" || temporalWords[strings.ToLower(toks[from].Text)]) || strings.EqualFold(toks[from].Text, "that") {
		return false
	}
	if !noVerb(toks, from, s1) {
		return false
	}
	if i := firstMarkFrom(marks, toks[from].Start); i < len(marks) && marks[i].start < toks[s1-1].End {
		return false
	}
	return true
}

// noVerb reports whether tokens [from, to) hold no verb.
func noVerb(toks []doc.Token, from, to int) bool {
	for j := from; j < to; j++ {
		if strings.HasPrefix(toks[j].POS, "VB") || toks[j].POS == "MD" {
			return false
		}
	}
	return true
}

// quoteJustBefore is the unused quotation that ends right before pos on the
// same line, or -1.
func quoteJustBefore(text string, marks []quoteMarkSpan, pos int, used []bool) int {
	i := sort.Search(len(marks), func(i int) bool { return marks[i].end > pos }) - 1
	if i < 0 || used[i] || strings.TrimLeft(text[marks[i].end:pos], " \t") != "" {
		return -1
	}
	return i
}

// continuesClause reports whether the words from token k carry on the
// statement a parenthetical cue interrupted (The plan, he said, will work;
// …, he said, but …; …, she said, since …), rather than starting a
// participle (adding that …) or a quotation. The conjunction and the
// subordinator were left out while only one part could be kept; with
// both parts kept, taking them gained 15 exact contents on PolNeAR train.
func continuesClause(text string, toks []doc.Token, marks []quoteMarkSpan, k int) bool {
	t := toks[k]
	if t.POS == "VBG" {
		return false
	}
	i := firstMarkFrom(marks, t.Start)
	return !(i < len(marks) && strings.TrimSpace(text[t.Start:marks[i].start]) == "")
}

// bothParts makes a statement split by its cue (The plan, he said, will
// work; The plan, according to aides, is …) one content of two parts.
func (at *attribution) bothParts(first, second [2]int) {
	at.content = [2]int{first[0], second[1]}
	at.parts = [][2]int{first, second}
}

// fitParts is parts cut to content, after a pass moved the content's end:
// nil when fewer than two are left.
func fitParts(parts [][2]int, content [2]int) [][2]int {
	out := parts[:0]
	for _, p := range parts {
		p = [2]int{max(p[0], content[0]), min(p[1], content[1])}
		if p[1] > p[0] {
			out = append(out, p)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// nextSentenceContent is the content announced by a sentence ending with a
// colon (X tweeted:): the quotation opening the next sentence of the same
// zone, or that sentence. It is empty when there is none.
func (a *Stage) nextSentenceContent(text string, r *doc.Document, marks []quoteMarkSpan, si int, used []bool) [2]int {
	rng, ok := nextSentenceInReach(text, r, si)
	if !ok {
		return [2]int{}
	}
	start := r.Tokens[rng[0]].Start
	if mi := firstMarkFrom(marks, start); mi < len(marks) && marks[mi].start == start && !used[mi] {
		used[mi] = true
		return [2]int{marks[mi].start, marks[mi].end}
	}
	return [2]int{start, trimSentenceEnd(text, r.Tokens, rng[0], rng[1])}
}

// nextSentenceInReach is the token range of sentence si+1 when it is in the
// same zone and at most a paragraph break away.
func nextSentenceInReach(text string, r *doc.Document, si int) ([2]int, bool) {
	if si+1 >= len(r.Sentences) || r.Sentences[si+1].Zone != r.Sentences[si].Zone {
		return [2]int{}, false
	}
	rng := r.Sentences[si+1].Tokens()
	if rng[0] == rng[1] || strings.Count(text[r.Sentences[si].End:r.Sentences[si+1].Start], "\n") > 2 {
		return [2]int{}, false
	}
	return rng, true
}

// titleBefore reports whether the quotation closing at token t is a title
// in quotation marks (on Fox News' “Sunday Morning Futures,” Issa said …):
// a few capitalised words after a preposition or a possessive. Such a
// quotation is no statement, and what follows the cue is.
func titleBefore(text string, toks []doc.Token, marks []quoteMarkSpan, t doc.Token, s0 int) bool {
	i := sort.Search(len(marks), func(i int) bool { return marks[i].end >= t.Start })
	for ; i < len(marks) && marks[i].end <= t.End+4; i++ {
		m := marks[i]
		if m.start >= t.Start {
			continue
		}
		words := strings.Fields(strings.Trim(text[m.start:m.end], "“”\"‘’',. "))
		if len(words) == 0 || len(words) > 5 {
			return false
		}
		for _, w := range words {
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !titleSmallWords[w] {
				return false
			}
		}
		open := tokenAt(toks, m.start)
		if open <= s0 {
			return false
		}
		p := toks[open-1].POS
		return p == "IN" || p == "POS" || p == "NNP" || p == "NNPS"
	}
	return false
}

// titleSmallWords stay lower case inside a title.
var titleSmallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "in": true, "on": true, "for": true, "to": true, "with": true, "at": true}

// quoteOpensNext is the index of an unused quotation that opens sentence
// si+1 in the same paragraph or the next, or -1.
func quoteOpensNext(text string, r *doc.Document, marks []quoteMarkSpan, si int, used []bool) int {
	rng, ok := nextSentenceInReach(text, r, si)
	if !ok {
		return -1
	}
	start := r.Tokens[rng[0]].Start
	mi := firstMarkFrom(marks, start)
	if mi >= len(marks) || marks[mi].start != start || used[mi] {
		return -1
	}
	// The quotation fills its sentence: “A,” Y said. has a cue of its own.
	if end := tokenAt(r.Tokens, marks[mi].end); end >= 0 && end < rng[1] {
		if t := r.Tokens[end].Text; t != "." && t != "!" && t != "?" {
			return -1
		}
	}
	return mi
}

// nominalContent is what a noun cue reports: an infinitive, a that-clause
// or a prepositional object after it (her decision to run, the claim that
// …, criticism of the plan), up to the verb of the clause the noun stands
// in (Mr. Trump's decision to run has showed …) or a comma. cueEnd is
// where the cue ends: a cue that took the preposition (support for) has
// its object right after it. It returns [-1, -1] when none follows.
func nominalContent(toks []doc.Token, low []string, from, cueEnd, s1 int) [2]int {
	none := [2]int{-1, -1}
	if p := toks[cueEnd-1].POS; !(p == "IN" || p == "TO") && !(low[from] == "that" || low[from] == "to" || toks[from].POS == "IN") {
		return none
	}
	j := from + 1
	if low[from] == "that" {
		// The that-clause has a finite verb of its own.
		for j < s1 && !finiteVerbTag(toks[j].POS) {
			j++
		}
		j++
	}
	for j < s1 && !finiteVerbTag(toks[j].POS) && !isClauseEnd(toks[j].Text) && toks[j].Text != ";" {
		j++
	}
	j = min(j, s1)
	if j <= from {
		return none
	}
	return [2]int{toks[from].Start, toks[j-1].End}
}

// subordinators open a clause of their own before a coordinated cue.
var subordinators = map[string]bool{"because": true, "although": true, "though": true, "while": true, "if": true, "when": true, "since": true, "as": true, "after": true, "before": true, "unless": true, "until": true, "whether": true}

// quoteEndsAt reports whether a quotation closes at (or just after) the
// token.
func quoteEndsAt(marks []quoteMarkSpan, t doc.Token) bool {
	for i := sort.Search(len(marks), func(i int) bool { return marks[i].end >= t.Start }); i < len(marks) && marks[i].end <= t.End+4; i++ {
		if marks[i].start < t.Start {
			return true
		}
	}
	return false
}

// continueQuote extends a quoted content over its second half: “A,” X said.
// “B.” and "A," X said, "B." are one statement. after is where the cue (or
// speaker) ends; the second quotation must follow it within the paragraph,
// with nothing between but punctuation, white space and the cue's own
// complement: its audience, time or place ("told Fox News in Milwaukee.",
// "said of Trump,", "said in December."), a few words with no verb.
func continueQuote(text string, toks []doc.Token, marks []quoteMarkSpan, content [2]int, after int, used []bool, lex cueLexicon) [2]int {
	if i := firstMarkFrom(marks, content[0]); i >= len(marks) || marks[i].start != content[0] || marks[i].end != content[1] {
		return content
	}
	mi := firstMarkFrom(marks, after)
	if mi >= len(marks) {
		return content
	}
	m := marks[mi]
	gap := text[after:m.start]
	if strings.Contains(gap, "\n") {
		return content
	}
	simple := strings.TrimFunc(gap, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",.;:", r) }) == "" || cueComplement(toks, after, m.start, lex)
	if !simple && !restOfCueSentence(toks, after, m.start, lex) {
		return content
	}
	// “B,” Trump said. — a second quotation closing on a comma has a cue
	// of its own; after a longer gap, so has one closing on a question or
	// exclamation mark (“B?” he asked.).
	if inner := strings.TrimRight(text[m.start:m.end], "”\"’'"); strings.HasSuffix(inner, ",") || !simple && endsLikeAttributed(text, m) {
		return content
	}
	used[mi] = true
	return [2]int{content[0], m.end}
}

// restOfCueSentence reports whether the tokens in [from, to) finish the
// cue's sentence and nothing else: whatever they hold (told supporters in
// Syracuse while delegates were voting), they end in a full stop, hold no
// quotation mark and no other reporting verb. A quotation opening the next
// sentence then goes on with the same statement, as PolNeAR's annotators
// read it in 93% of such cases on its training split.
func restOfCueSentence(toks []doc.Token, from, to int, lex cueLexicon) bool {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= from })
	j := i
	for j < len(toks) && toks[j].End <= to {
		if english.IsQuoteMark(toks[j].Text) {
			return false
		}
		if _, cue := lex[strings.ToLower(toks[j].Text)]; cue && strings.HasPrefix(toks[j].POS, "VB") {
			return false
		}
		j++
	}
	return j-i >= 2 && j-i <= 60 && toks[j-1].Text == "."
}

// cueComplement reports whether the tokens in [from, to) complete a cue
// and end in a comma or full stop: a short phrase with no verb or
// conjunction (told Fox News in Milwaukee.), or the speaker's appositive,
// which may hold a conjunction and a relative clause with no reporting
// verb in it.
func cueComplement(toks []doc.Token, from, to int, lex cueLexicon) bool {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= from })
	// "…," said X, his colleague and former rival. "…": an appositive may
	// be longer and hold a conjunction, or a relative clause (…, a group
	// which represents small firms.) with no reporting verb in it.
	appositive := i < len(toks) && toks[i].Text == ","
	relative := false
	j := i
	for j < len(toks) && toks[j].End <= to {
		t := toks[j]
		switch {
		case english.IsQuoteMark(t.Text):
			return false
		case appositive && (t.POS == "WDT" || t.POS == "WP") && j > i+1:
			relative = true
		case strings.HasPrefix(t.POS, "VB") || t.POS == "MD":
			if _, cue := lex[strings.ToLower(t.Text)]; !relative || cue {
				return false
			}
		case t.POS == "CC" && !appositive, t.POS == "WDT", t.POS == "WP":
			return false
		}
		j++
	}
	limit := 10
	switch {
	case relative:
		limit = 30
	case appositive:
		limit = 16
	}
	if n := j - i; n < 2 || n > limit {
		return false
	}
	last := toks[j-1].Text
	return last == "," || last == "."
}

// endsLikeAttributed reports whether a quotation closes on a comma, an
// exclamation or a question mark, as one followed by its speaker does.
func endsLikeAttributed(text string, m quoteMarkSpan) bool {
	inner := strings.TrimRight(text[m.start:m.end], "”\"’'")
	return strings.HasSuffix(inner, ",") || strings.HasSuffix(inner, "!") || strings.HasSuffix(inner, "?")
}

// tokenAt is the index of the first token starting at or after pos.
func tokenAt(toks []doc.Token, pos int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= pos })
	if i == len(toks) {
		return -1
	}
	return i
}

// isClauseEnd reports whether a token ends the clause a cue is in.
func isClauseEnd(s string) bool {
	return s == "." || s == "," || s == ";" || s == "!" || s == "?" || s == ")" || isClosingMark(s)
}

// contentAfter is the content of "X said …" starting at token from: a
// quotation that starts there (over several sentences if it does), or the
// rest of the sentence.
func contentAfter(text string, toks []doc.Token, marks []quoteMarkSpan, from, s1, sentEnd int, used []bool) [2]int {
	start := toks[from].Start
	for mi := firstMarkFrom(marks, start); mi < len(marks) && marks[mi].start < sentEnd+4; mi++ {
		m := marks[mi]
		lead := strings.TrimSpace(text[start:m.start])
		// Right after the cue, or after a short lead-in ending with a comma
		// or colon (told his audience on Monday, “…”); a lead-in with a
		// clause of its own (backed the plan, saying, “…”) is the content.
		if lead == "" || len(lead) < 60 && (strings.HasSuffix(lead, ",") || strings.HasSuffix(lead, ":")) && strings.Count(lead, ",")+strings.Count(lead, ":") == 1 {
			used[mi] = true
			return [2]int{m.start, m.end}
		}
	}
	return [2]int{start, sentEnd}
}

func isClosingMark(s string) bool {
	return s == "”" || s == "\"" || s == "’" || s == "''" || s == "'"
}

// trimSentenceEnd is the byte offset where a sentence's content ends: before
// its final full stop, unless the stop is inside a quotation, and before a
// semicolon, colon or dash the sentence breaks off at, or a closing
// bracket after its stop (… not guilty.)) or that it never opened.
func trimSentenceEnd(text string, toks []doc.Token, s0, s1 int) int {
	for s1-1 > s0 {
		switch t := toks[s1-1].Text; {
		case t == ";" || t == ":" || t == "-" || t == "--" || t == "—" || t == "–":
			s1--
			continue
		case t == ")" && (isStop(toks[s1-2].Text) || !opensBracket(toks[s0:s1-1])):
			// (A sentence in brackets.) ends at its stop.
			s1--
			continue
		}
		break
	}
	last := toks[s1-1]
	switch {
	case s1-1 > s0 && isStop(last.Text):
		return toks[s1-2].End
	case len(last.Text) > 1 && strings.HasSuffix(last.Text, ".") && strings.Count(last.Text, ".") == 1:
		// "in May." comes as one token; an abbreviation's own stop (U.S.)
		// also ends the sentence and stays.
		return last.End - 1
	}
	return last.End
}

func isStop(s string) bool { return s == "." || s == "!" || s == "?" }

// opensBracket reports whether an opening bracket is among toks.
func opensBracket(toks []doc.Token) bool {
	for _, t := range toks {
		if t.Text == "(" {
			return true
		}
	}
	return false
}

// contentBefore is the content of "…," X said: the quotation that ends at
// the comma (over several sentences if it does), or the sentence's words
// before the comma.
func contentBefore(text string, toks []doc.Token, marks []quoteMarkSpan, s0, comma int) [2]int {
	commaPos := toks[comma].Start
	// A comma inside the closing mark ("…," she said) or right after it.
	for i := sort.Search(len(marks), func(i int) bool { return marks[i].end >= commaPos }); i < len(marks) && marks[i].end <= toks[comma].End+4; i++ {
		if marks[i].start < commaPos {
			return [2]int{marks[i].start, marks[i].end}
		}
	}
	return [2]int{toks[s0].Start, commaPos}
}

func kindOfContent(content string, marks []quoteMarkSpan, span [2]int) string {
	i := firstMarkFrom(marks, span[0])
	if i >= len(marks) || marks[i].end > span[1] {
		return doc.KindIndirect
	}
	// A quotation, or one split by its cue (“A,” X said. “B.”): it opens
	// and closes the content.
	last := firstMarkFrom(marks, span[1]) - 1
	if marks[i].start == span[0] && last >= i && marks[last].end == span[1] {
		return doc.KindDirect
	}
	return doc.KindMixed
}

// contentParts are the quotations of a direct content that words of the
// writer's split (“A,” X said. “B.”): the parts an annotator marks as said,
// without the cue and speaker between them. Quotations with only spaces or
// punctuation between them (a quotation running over paragraphs) stay one
// part. Nil when the content is one part, or is not made of quotations.
func contentParts(text string, marks []quoteMarkSpan, content [2]int) [][2]int {
	i := firstMarkFrom(marks, content[0])
	if i >= len(marks) || marks[i].start != content[0] {
		return nil
	}
	var parts [][2]int
	for ; i < len(marks) && marks[i].end <= content[1]; i++ {
		m := marks[i]
		if n := len(parts); n > 0 && !strings.ContainsFunc(text[parts[n-1][1]:m.start], isWordRune) {
			parts[n-1][1] = m.end
			continue
		}
		parts = append(parts, [2]int{m.start, m.end})
	}
	if len(parts) < 2 || parts[len(parts)-1][1] != content[1] {
		return nil
	}
	return parts
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// firstMarkFrom is the index of the first mark starting at or after pos.
func firstMarkFrom(marks []quoteMarkSpan, pos int) int {
	return sort.Search(len(marks), func(i int) bool { return marks[i].start >= pos })
}
