package quotes

import (
	"math"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// cueFound is a cue found at a token of a sentence.
type cueFound struct {
	si, s0, s1 int // the sentence and its token range
	k, n       int // the cue's first token and its length as found
	cue        cueEntry
	// fromModel: the cue model alone found the cue. nominal: it is a noun
	// with its holder next to it (her criticism of …).
	fromModel, nominal bool
}

// candidate is one cue found in a sentence, with what the rules read
// around it, and the attribution they build.
type candidate struct {
	cueFound
	// The cue's shape: a participle after a comma (…, saying), a
	// progressive verb (is telling), a participle after a noun (a poll
	// showing), a gerund after a preposition (by saying), a weak cue (a
	// gerund or a passive, which only the filter may keep).
	participle, progressive, reduced, prepGerund, weak bool
	// cueStart and cueEnd are the cue's tokens with its auxiliaries and
	// audience (has also told reporters); contentFrom is where what was
	// said may start; sentEnd the byte where the sentence's text ends.
	cueStart, cueEnd, contentFrom, sentEnd int
	// subj is what the subject rules read, once the cue-shape rules have
	// passed.
	subj *subjectView
	at   attribution
}

// sentence reads one sentence: every cue outside quotation marks becomes a
// candidate that the rules place, then the quotations the cue words did not
// take are tried with a verb after them and with a colon before them.
func (sc *scan) sentence(si int) {
	toks, low := sc.toks, sc.low
	rng := sc.d.Sentences[si].Tokens()
	s0, s1 := rng[0], rng[1]
	sc.sentOut = len(sc.out)
	// The cue model finds cues the lexicon does not list (a poll that
	// shows, voters who want).
	var learned []bool
	if sc.st.cueModel != nil {
		learned = sc.st.cueModel.predict(toks[s0:s1], low[s0:s1], sc.st.cues, sc.cueSc, sc.candidateThreshold(), cueThreshold)
	}
	for k := s0; k < s1; k++ {
		if sc.markAt(toks[k].Start) >= 0 {
			continue // reported speech inside a quotation is the speaker's, not the article's
		}
		found := cueFound{si: si, s0: s0, s1: s1, k: k}
		if !sc.findCue(&found, learned) {
			continue
		}
		sc.cueSentences[si] = true
		// One candidate per scan, reused: the rules are called through
		// function values, so a candidate per token would escape to the heap.
		c := &sc.cand
		*c = candidate{cueFound: found}
		if sc.place(c, learned) && sc.keep(c) {
			sc.out = append(sc.out, c.at)
			k = c.cueEnd - 1
		}
	}
	sc.quoteThenVerb(si, s0, s1)
	sc.colonQuote(si, s0, s1)
}

// findCue finds a cue at token c.k: the lexicon's, or the cue model's run
// of marked words. It reports whether one is there.
func (sc *scan) findCue(c *cueFound, learned []bool) bool {
	toks, low, k, s0, s1 := sc.toks, sc.low, c.k, c.s0, c.s1
	cue, n := sc.st.matchCue(toks, low, k, s1)
	// A verb coordinated inside what the sentence's last cue reports (…,
	// and voted against it; …, tying X to Y) is a candidate whatever the
	// model scores it: the filter judges.
	forced := false
	if n == 0 && learned != nil && !learned[k-s0] && sc.insideLastContent(c.si, k) && finiteOrParticiple(toks[k].POS) && coordinatedVerb(toks, low, s0, k) {
		learned[k-s0] = true
		forced = true
	}
	// A noun the model marks, with its holder before it (Mr. Trump's
	// decision to …, her criticism of …) or after it (criticism from
	// Clinton about …).
	c.nominal = n == 0 && !strings.HasPrefix(toks[k].POS, "VB") && nominalCueSlot(toks[s0:s1], k-s0)
	if n == 0 && learned != nil && learned[k-s0] && (k == s0 || !learned[k-s0-1] || forced) && canStartCue(toks[s0:s1], k-s0) {
		n = sc.learnedCueLength(c, learned)
		c.fromModel = n > 0
	}
	if n > 0 && c.fromModel {
		cue = sc.st.learnedCue(toks[k : k+n])
	}
	c.cue, c.n = cue, n
	return n > 0
}

// npOpener reports whether a tag opens a noun phrase: a determiner, a
// possessive pronoun, a number.
func npOpener(tag string) bool {
	return tag == "DT" || tag == "PDT" || tag == "PRP$" || tag == "CD"
}

// learnedCueLength is the length of the cue the model marks from token
// c.k, or 0 when the words it marks report nothing of their own.
func (sc *scan) learnedCueLength(c *cueFound, learned []bool) int {
	toks, low, k, s0, s1 := sc.toks, sc.low, c.k, c.s0, c.s1
	n := 1
	for k+n < s1 && learned[k+n-s0] {
		n++
	}
	for j := k + 1; j < k+n; j++ {
		if _, m := sc.st.matchCue(toks, low, j, s1); m > 0 {
			// The lexicon knows the rest (has told, refused to deny): an
			// auxiliary before it is the lexicon's to read; a verb of its
			// own stays a cue (refused).
			n = j - k
			for n > 0 && (toks[k+n-1].POS == "TO" || toks[k+n-1].POS == "IN") {
				n--
			}
			// "cheered and said": a verb coordinated with the lexicon's
			// cue leaves the report to it.
			if onlyAuxiliaries(toks[k:k+n], low[k:k+n]) || n > 0 && toks[k+n-1].POS == "CC" {
				n = 0
			}
			break
		}
	}
	// A cue does not end with a word that opens a noun phrase (played down
	// the, shared a, boasts of his): the phrase is what was said.
	for n > 1 && npOpener(toks[k+n-1].POS) {
		n--
	}
	// An auxiliary alone (she has taken time …) reports nothing, nor does a
	// noun read as a verb right before a lexicon cue: it is that cue's
	// subject (Party officials said).
	if n > 0 && onlyAuxiliaries(toks[k:k+n], low[k:k+n]) {
		n = 0
	}
	if n > 0 && k+n < s1 && !strings.HasPrefix(toks[k].POS, "VB") {
		if _, m := sc.st.matchCue(toks, low, k+n, s1); m > 0 {
			n = 0
		}
	}
	// Nor does a verb the model alone marks inside what a cue of the
	// sentence reports (told reporters that the plant had not released any
	// gas).
	if n > 0 && sc.reportedInLast(c.si, s0, k) {
		n = 0
	}
	return n
}

// learnedCue is the lexicon entry of a cue the model found: class assert,
// unless it holds a lexicon verb, whose class it takes (has published a
// letter disputing: deny). Its lemma is its words' lemmas without the
// auxiliaries (is expected, are expected: expect).
func (s *Stage) learnedCue(toks []doc.Token) cueEntry {
	var words, lemmas []string
	for _, t := range toks {
		words = append(words, strings.ToLower(t.Text))
		if t.UPOS != "AUX" && t.UPOS != "PART" && t.Lemma != "" {
			lemmas = append(lemmas, strings.ToLower(t.Lemma))
		}
	}
	if len(lemmas) == 0 {
		lemmas = words
	}
	cue := cueEntry{lemma: strings.Join(lemmas, " "), class: "assert", words: words, learned: true}
	for _, w := range words {
		for _, e := range s.cues[w] {
			if len(e.words) == 1 {
				cue.learned = false
				if e.class != "assert" {
					cue.class = e.class
				}
			}
		}
	}
	return cue
}

// place reads the cue's shape and bounds and tries the rules in order. It
// reports whether a rule placed the candidate's speaker and content.
func (sc *scan) place(c *candidate, learned []bool) bool {
	if sc.readShape(c) {
		return false
	}
	if c.weak && (!sc.judged || sc.toks[c.k].POS == "VBG" && c.k > c.s0) {
		return false
	}
	sc.readBounds(c)
	c.at = attribution{cueLemma: c.cue.lemma, class: c.cue.class, learnedCue: c.cue.learned, sent: c.si, speakerTok: [2]int{-1, -1}, fromModel: c.fromModel, fallback: c.weak}
	if learned != nil && !math.IsNaN(float64(sc.cueSc.scores[c.cueStart-c.s0])) {
		c.at.cueScore, c.at.scored = sc.cueSc.scores[c.cueStart-c.s0], true
	}
	c.at.cue = [2]int{sc.toks[c.cueStart].Start, sc.toks[c.cueEnd-1].End}
	c.sentEnd = trimSentenceEnd(sc.text, sc.toks, c.s0, c.s1)
	for _, r := range cueRules {
		switch r.apply(sc, c) {
		case dropped:
			return false
		case placed:
			if c.at.rule == "" {
				c.at.rule = r.name
			}
			return true
		}
	}
	return false
}

// readShape sets the cue's shape. Two shapes settle the candidate at once:
// a question put by someone the sentence does not name (Asked whether …),
// which becomes an attribution of its own, and a participle that ends the
// cue whose content it opens (released a statement saying …). readShape
// reports whether one did.
func (sc *scan) readShape(c *candidate) bool {
	toks, low, k, s0, s1 := sc.toks, sc.low, c.k, c.s0, c.s1
	c.participle = toks[k].POS == "VBG" && afterComma(toks, s0, k)
	// "…, noting that … and suggesting that …": a participle coordinated
	// with the one before it.
	if last := sc.lastInSentence(c.si); !c.participle && toks[k].POS == "VBG" && k > s0 && (low[k-1] == "and" || low[k-1] == "but") && last != nil {
		if j := tokenAt(toks, last.cue[1]-1); j >= 0 && toks[j].POS == "VBG" {
			c.participle = true
		}
	}
	// "is telling reporters": a be-form before the participle makes it a
	// progressive verb, not a gerund. An adverb may come between (are
	// quietly saying).
	be := k - 1
	if be > s0 && toks[be].POS == "RB" {
		be--
	}
	c.progressive = k > s0 && toks[k].POS == "VBG" && (beForms[low[be]] || low[be] == "'s" || low[be] == "’s")
	if !c.fromModel && c.cue.lemma == "ask" && sc.askedQuestion(c) {
		return true
	}
	// "a new poll showing …", "a group backing the senator": a participle
	// right after a noun reports what the noun does. In the subject (a poll
	// showing X worried them) the content would run on into the main
	// clause, so only a participle after the main verb counts.
	c.reduced = toks[k].POS == "VBG" && k > s0 && (strings.HasPrefix(toks[k-1].POS, "NN") || toks[k-1].POS == "PRP") && (c.fromModel || mediumWords[low[k-1]])
	// "released a statement saying …": the participle ends the cue whose
	// content it opens.
	if last := sc.lastInSentence(c.si); (c.reduced || c.participle) && last != nil && last.content[0] == toks[k].Start && k+c.n < s1 {
		last.cue[1] = toks[k+c.n-1].End
		last.content[0] = toks[k+c.n].Start
		return true
	}
	// "by saying", "after telling": a gerund after a preposition reports
	// what the clause's subject said.
	c.prepGerund = toks[k].POS == "VBG" && k > s0 && gerundPrepositions[low[k-1]]
	// A gerund (a flood warning) or a passive (were told) is rarely a
	// report: only the filter may keep a passive or a gerund opening the
	// sentence (Conceding that …, X said). Gerunds inside the sentence kept
	// by the filter got the speaker wrong nearly half the time in
	// cross-validation.
	c.weak = c.n == 1 && (toks[k].POS == "VBG" && !c.participle && !c.progressive && !c.reduced && !c.prepGerund || toks[k].POS == "VBN" && k > s0 && beForms[low[k-1]])
	return false
}

// askedQuestion is the rule for "Asked whether he would run, Berg said …"
// and "she was asked if …": a question put by someone the sentence does
// not name. The question is the content, and it has no speaker. It reports
// whether it placed one.
func (sc *scan) askedQuestion(c *candidate) bool {
	toks, k := sc.toks, c.k
	c0, c1 := askedQuestion(toks, sc.low, k, c.s0, c.s1)
	if c0 >= c1 {
		return false
	}
	sc.out = append(sc.out, attribution{cueLemma: c.cue.lemma, class: c.cue.class, sent: c.si, rule: ruleAskedQuestion,
		cue: [2]int{toks[k].Start, toks[k].End}, content: [2]int{toks[c0].Start, toks[c1-1].End},
		speakerTok: [2]int{-1, -1}, appositive: [2]int{-1, -1}})
	return true
}

// readBounds widens the cue over its auxiliaries, adverbs and audience and
// finds where its content may start.
func (sc *scan) readBounds(c *candidate) {
	toks, low, s0, s1 := sc.toks, sc.low, c.s0, c.s1
	cueStart, cueEnd := c.k, c.k+c.n
	// "he all but accused": "all but" is an adverb too.
	for cueStart-1 >= s0 && (cueAux[low[cueStart-1]] || toks[cueStart-1].POS == "RB" || toks[cueStart-1].POS == "MD" || low[cueStart-1] == "since" && cueStart-2 >= s0 && cueAux[low[cueStart-2]] ||
		(low[cueStart-1] == "but" && cueStart-2 >= s0 && low[cueStart-2] == "all" || low[cueStart-1] == "all" && low[cueStart] == "but")) {
		cueStart--
	}
	contentFrom := cueEnd
	if c.cue.lemma == "tell" {
		// told reporters / told the BBC: the object is the audience; a
		// pronoun after it starts the reported clause (told the meeting he
		// would…).
		for contentFrom < s1 && isNPToken(toks[contentFrom]) && !(contentFrom > cueEnd && toks[contentFrom].POS == "PRP") {
			if audienceWords[low[contentFrom]] && toks[contentFrom].POS != "DT" {
				cueEnd = contentFrom + 1
			}
			contentFrom++
		}
	}
	// "said on Tuesday that …": the content starts at "that" when only a
	// prepositional or temporal phrase comes between; a direct object
	// (rejected a report that …) stays in.
	if contentFrom < s1 && (toks[contentFrom].POS == "IN" || temporalWords[low[contentFrom]]) && low[contentFrom] != "that" {
		for j := contentFrom + 1; j < s1 && j < contentFrom+7; j++ {
			if low[j] == "that" && (toks[j].POS == "IN" || toks[j].POS == "WDT") {
				contentFrom = j
				break
			}
			if p := toks[j].POS; p != "IN" && p != "DT" && p != "NNP" && p != "NN" && p != "CD" && p != "," && p != "JJ" && p != "NNS" {
				break
			}
		}
	}
	// "said, however, that …" and "said, per a translator, that …": an
	// aside between commas before "that".
	if contentFrom+2 < s1 && toks[contentFrom].Text == "," {
		for j := contentFrom + 2; j < s1 && j <= contentFrom+7; j++ {
			if toks[j].Text == "," {
				if j+1 < s1 && (low[j+1] == "that" || !strings.HasPrefix(toks[j+1].POS, "VB") && toks[j+1].POS != "CC" && !english.IsQuoteMark(toks[j+1].Text)) && noVerb(toks, contentFrom+1, j) {
					contentFrom = j + 1
				}
				break
			}
		}
	}
	c.cueStart, c.cueEnd, c.contentFrom = cueStart, cueEnd, contentFrom
}

// quoteThenVerb: “This is fantastic!” beamed Donald Hartley; “…,” Hartley
// beamed. A verb no lexicon lists reports the quotation it follows when a
// name and the sentence's end (or a comma) come with it.
func (sc *scan) quoteThenVerb(si, s0, s1 int) {
	toks, low, marks := sc.toks, sc.low, sc.marks
	for mi := firstMarkFrom(marks, toks[s0].Start); mi < len(marks) && marks[mi].end <= toks[s1-1].Start; mi++ {
		if sc.usedMark[mi] || !endsLikeAttributed(sc.text, marks[mi]) {
			continue
		}
		k := tokenAt(toks, marks[mi].end)
		if k < 0 || k >= s1-1 {
			continue
		}
		closes := func(j int) bool {
			return j >= s1 || toks[j].Text == "." || toks[j].Text == "," || j == s1-1 && isClauseEnd(toks[j].Text)
		}
		var speaker [2]int
		cue := -1
		if p := toks[k].POS; p == "VBD" || p == "VBZ" {
			if np := rightNP(toks, k+1, s1); np[0] < np[1] && closes(np[1]) && toks[np[0]].POS == "NNP" {
				speaker, cue = np, k
			}
		} else if np := rightNP(toks, k, s1); np[0] < np[1] && np[1] < s1 && (toks[np[1]].POS == "VBD" || toks[np[1]].POS == "VBZ") && closes(np[1]+1) && (toks[np[0]].POS == "NNP" || toks[np[0]].POS == "PRP") {
			speaker, cue = np, np[1]
		}
		if cue < 0 {
			continue
		}
		sc.usedMark[mi] = true
		sc.cueSentences[si] = true
		sc.out = append(sc.out, attribution{cueLemma: low[cue], class: "assert", sent: si, rule: ruleQuoteThenVerb, cue: [2]int{toks[cue].Start, toks[cue].End},
			speakerTok: speaker, content: [2]int{marks[mi].start, marks[mi].end}})
	}
}

// colonQuote: X: "…", a colon cue before a quotation. The speaker is the
// name before the colon when it is all that comes before (Trump: “…”);
// otherwise the sentence's first noun phrase, its subject (He released
// the following statement: “…”).
func (sc *scan) colonQuote(si, s0, s1 int) {
	toks := sc.toks
	for k := s0 + 1; k < s1; k++ {
		if toks[k].Text != ":" {
			continue
		}
		mi := sc.markStartingAt(toks[k].End)
		left, _ := leftNP(toks, k, s0)
		if left[0] != s0 {
			left = rightNP(toks, s0, k)
		}
		if mi < 0 || sc.usedMark[mi] || left[0] == left[1] {
			continue
		}
		sc.usedMark[mi] = true
		sc.out = append(sc.out, attribution{cueLemma: ":", class: "assert", sent: si, rule: ruleColonQuote, cue: [2]int{toks[k].Start, toks[k].End},
			speakerTok: left, content: [2]int{sc.marks[mi].start, sc.marks[mi].end}})
	}
}
