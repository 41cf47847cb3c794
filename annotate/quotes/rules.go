package quotes

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// The rules' names, as the quotes table's rule column gives them. The first
// group places a candidate cue by its shape, the second by the noun phrase
// before it (its subject); the last are passes over quotation marks and
// the whole document.
const (
	ruleNominal        = "nominal"         // her criticism of …; criticism from X about …
	ruleAccordingTo    = "according-to"    // According to X, …; …, according to X.
	ruleOpeningGerund  = "opening-gerund"  // After saying …, X …; Conceding that …, X …
	ruleParticiple     = "participle"      // …, saying …; a statement saying …; by saying …
	rulePassiveAgent   = "passive-agent"   // … was first reported by X
	rulePassive        = "passive"         // X was asked about …; the result was announced
	ruleColonNext      = "colon-next"      // X wrote on Twitter: <next sentence>
	ruleAsClause       = "as-clause"       // As X noted, …
	ruleAsReportedBy   = "as-reported-by"  // As reported by X, …
	ruleQuoteBefore    = "quote-before"    // “…?” he asked. (own sentence)
	ruleSameSpeaker    = "same-speaker"    // X denied it and said …
	ruleCoordSubject   = "coordinated"     // X caucused on Saturday and says …
	ruleSubjectCue     = "subject-cue"     // X said (that) …
	ruleQuoteNext      = "quote-next"      // X said in a statement. “…”
	ruleQuoteSubject   = "quote-subject"   // “…,” X said.
	ruleQuoteCue       = "quote-cue"       // “…,” said X.
	ruleClauseSubject  = "clause-subject"  // no subject next to the cue: the clause's
	ruleAskedQuestion  = "asked-question"  // Asked whether …, X said
	ruleQuoteThenVerb  = "quote-then-verb" // “…!” beamed X.
	ruleColonQuote     = "colon-quote"     // X: “…”
	ruleHearsay        = "hearsay"         // X reportedly …
	rulePoll           = "poll"            // …, in a new poll.
	ruleSignedQuote    = "signed-quote"    // “…” — X
	ruleTranscriptTurn = "transcript-turn" // LOPEZ: …
	ruleFloatingQuote  = "floating-quote"  // a quotation after an attribution
)

// Rules lists every rule name, in the order the stage tries them, for the
// schema and for grouping errors.
var Rules = []string{
	ruleNominal, ruleAccordingTo, ruleOpeningGerund, ruleParticiple,
	rulePassiveAgent, rulePassive, ruleColonNext, ruleAsClause, ruleAsReportedBy,
	ruleQuoteBefore, ruleSameSpeaker, ruleCoordSubject, ruleSubjectCue, ruleQuoteNext,
	ruleQuoteSubject, ruleQuoteCue, ruleClauseSubject, ruleAskedQuestion,
	ruleQuoteThenVerb, ruleColonQuote, ruleHearsay, rulePoll, ruleSignedQuote,
	ruleTranscriptTurn, ruleFloatingQuote,
}

// verdict is what a rule makes of a candidate.
type verdict int

const (
	pass    verdict = iota // not this rule's pattern: the next rule tries
	placed                 // the rule placed the speaker and the content
	dropped                // the candidate reports nothing
)

// rule is one sentence pattern. apply may change the candidate only when
// its verdict is not pass.
type rule struct {
	name  string
	apply func(sc *scan, c *candidate) verdict
}

// cueRules are tried in order on every candidate; subject, the last, tries
// subjectRules.
var cueRules = []rule{
	{ruleNominal, (*scan).nominal},
	{ruleAccordingTo, (*scan).accordingTo},
	{ruleOpeningGerund, (*scan).openingGerund},
	{ruleParticiple, (*scan).participle},
	{"", (*scan).subject},
}

// subject reads the noun phrase before the cue and tries the subject
// rules, recording the one that places the candidate.
func (sc *scan) subject(c *candidate) verdict {
	c.subj = sc.readSubject(c)
	for _, r := range subjectRules {
		switch v := r.apply(sc, c); v {
		case placed:
			if c.at.rule == "" {
				c.at.rule = r.name
			}
			return placed
		case dropped:
			return dropped
		}
	}
	return dropped
}

// nominal: a noun the cue model marks, with its holder before it (Mr.
// Trump's decision to …, her criticism of …) or after it (criticism from
// Clinton about …). Only the filter may keep one.
func (sc *scan) nominal(c *candidate) verdict {
	if !c.nominal {
		return pass
	}
	toks, low, k, s0, s1, at := sc.toks, sc.low, c.k, c.s0, c.s1, &c.at
	if !c.fromModel || !sc.judged {
		return dropped
	}
	at.fallback = true
	switch {
	case k == s0:
		// "Statement by the White House on …": no possessor before a cue
		// that opens its sentence.
	case toks[k-1].POS == "PRP$":
		at.speakerTok = [2]int{k - 1, k}
	case toks[k-1].POS == "POS":
		if np, _ := leftNP(toks, k-1, s0); np[0] < np[1] {
			at.speakerTok = [2]int{np[0], k - 1}
		}
	}
	from := c.cueEnd
	if at.speakerTok[0] < 0 && from < s1 && (low[from] == "from" || low[from] == "by") {
		np := rightNP(toks, from+1, s1)
		if np[0] == np[1] {
			return dropped
		}
		at.speakerTok, from = np, np[1]
	}
	if at.speakerTok[0] < 0 || from >= s1 {
		return dropped
	}
	if at.content = nominalContent(toks, low, from, c.cueEnd, s1); at.content[0] < 0 {
		return dropped
	}
	return placed
}

// accordingTo: "According to X, …" and "… (,) according to X."
func (sc *scan) accordingTo(c *candidate) verdict {
	if c.cue.lemma != "according to" {
		return pass
	}
	toks, s0, s1, at := sc.toks, c.s0, c.s1, &c.at
	np := rightNP(toks, c.cueEnd, s1)
	if np[0] == np[1] {
		return dropped
	}
	np = withPrepositionalTail(toks, np, s1)
	if c.cueStart == s0 {
		np = sourceToComma(toks, np, s1)
	}
	at.speakerTok = np
	switch {
	case c.cueStart == s0 && np[1]+1 < s1 && toks[np[1]].Text == ",":
		// According to X, …
		at.content = [2]int{toks[np[1]+1].Start, c.sentEnd}
	case c.cueStart > s0:
		// … (,) according to X.
		end := c.cueStart
		if toks[end-1].Text == "," {
			end--
		}
		if end == s0 {
			return dropped
		}
		at.content = [2]int{toks[s0].Start, toks[end-1].End}
		// "The plan, according to aides, is …": the statement goes on
		// after the parenthesis: both parts are the content. Words
		// without a verb after the source describe it (according to the
		// observatory, a Britain-based monitor.).
		if np[1]+1 < s1 && toks[np[1]].Text == "," && hasVerb(toks[np[1]+1:s1]) {
			at.bothParts(at.content, [2]int{toks[np[1]+1].Start, c.sentEnd})
		}
	default:
		return dropped
	}
	return placed
}

// hasVerb reports whether a verb or modal is among toks.
func hasVerb(toks []doc.Token) bool {
	for _, t := range toks {
		if strings.HasPrefix(t.POS, "VB") || t.POS == "MD" {
			return true
		}
	}
	return false
}

// openingGerund: "After saying he was nervous, the man …", "Conceding that
// …, X said", "Commenting on the delay, X said": the subject follows the
// clause, which the comma ends; the gerund may be a cue of the lexicon or
// one the model found.
func (sc *scan) openingGerund(c *candidate) verdict {
	toks, k, s0, s1, at := sc.toks, c.k, c.s0, c.s1, &c.at
	if !(c.prepGerund && k-1 == s0 || toks[k].POS == "VBG" && c.cueStart == s0) {
		return pass
	}
	comma := -1
	for j := c.contentFrom; j < s1; j++ {
		if toks[j].Text == "," {
			comma = j
			break
		}
	}
	if comma <= c.contentFrom || comma+1 >= s1 {
		return dropped
	}
	if at.speakerTok = rightNP(toks, comma+1, s1); at.speakerTok[0] == at.speakerTok[1] {
		return dropped
	}
	at.content = [2]int{toks[c.contentFrom].Start, toks[comma-1].End}
	return placed
}

// participle: "…, saying (that) …", "The town released a statement saying
// …" (a statement, letter or ad says what its sender says) and "He
// answered by saying …" (a gerund after a preposition, the subject's). The
// speaker is the clause's subject, the speaker of the sentence's previous
// attribution or its first noun phrase.
func (sc *scan) participle(c *candidate) verdict {
	toks, low, k, s0, s1, at := sc.toks, sc.low, c.k, c.s0, c.s1, &c.at
	if !(c.participle || c.prepGerund || c.reduced && mediumWords[low[k-1]]) {
		return pass
	}
	at.speakerTok = rightNP(toks, s0, s1)
	v := lastFiniteVerb(toks, s0, k)
	if last := sc.lastInSentence(c.si); last != nil && (v < 0 || toks[v].Start >= last.cue[0] && toks[v].End <= last.cue[1] || toks[v].Start >= last.content[0] && toks[v].End <= last.content[1]) {
		at.speakerTok, at.appositive, at.relativeTo = last.speakerTok, last.appositive, last.relativeTo
	} else if sp := subjectOf(toks, low, s0, v); sp[0] >= 0 {
		// "Mr. Obama made peace a priority, announcing …": the subject of
		// the finite verb before the participle.
		at.speakerTok = sp
	} else if at.speakerTok[0] < at.speakerTok[1] && (onlyTemporal(low[at.speakerTok[0]:at.speakerTok[1]]) || at.speakerTok[1]-at.speakerTok[0] == 1 && (low[s0] == "it" || low[s0] == "there")) {
		// "Tuesday, while discussing …", "It was there that Swanson spoke,
		// pointing to …": no day and no "it" speaks; the clause's subject
		// does.
		at.speakerTok = clauseSubject(toks, low, s0, k)
	} else if at.speakerTok[0] == at.speakerTok[1] && sc.judged {
		// "But Obama, making it clear …", "In London, Jones … after arguing
		// …": the clause's subject, for the filter to judge.
		if sp := clauseSubject(toks, low, s0, k); sp[0] >= 0 {
			at.speakerTok, at.fallback = sp, true
		}
	}
	from := pastCommaColon(toks, c.contentFrom, s1) // …, saying, “…”
	if at.speakerTok[0] == at.speakerTok[1] || from >= s1 {
		return dropped
	}
	at.content = contentAfter(sc.text, toks, sc.marks, from, s1, c.sentEnd, sc.usedMark)
	return placed
}

// contentAfterCue is what was said from token from on: to the sentence's
// end, or the quotation that opens there.
func (sc *scan) contentAfterCue(c *candidate, from int) [2]int {
	return contentAfter(sc.text, sc.toks, sc.marks, from, c.s1, c.sentEnd, sc.usedMark)
}
