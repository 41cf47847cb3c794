package quotes

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// subjectView is what the subject rules read around a cue: the noun phrase
// before it and how the clause around it begins and ends.
type subjectView struct {
	subjEnd int    // where the subject's noun phrase ends (after asides, times)
	left    [2]int // the noun phrase before the cue, [i, i] when none
	// rp is the token before the subject, a relative pronoun when relative
	// is set (Beck, who said …).
	rp       int
	relative bool
	// before is the first token of the subject (the cue when none);
	// commaBefore: a comma or closing mark stands before it.
	before      int
	commaBefore bool
	// clauseEnds: nothing is said after the cue (…, X said.).
	clauseEnds bool
	// quoteBefore: a quotation closes at the comma before the subject.
	quoteBefore bool
	// coordinated: the cue follows "and" or "but" with no subject.
	coordinated bool
	// asClause: "As X noted, …".
	asClause bool
	// byAgent is X in "As reported by X, …", [-1, -1] when none.
	byAgent [2]int
	// prevQuote is a quotation just before the sentence (“…?” he asked.),
	// nextQuote one opening the next sentence (X said. “…”), -1 when none.
	prevQuote, nextQuote int
	// colonEnd: the sentence ends on a colon after the cue (X tweeted:).
	colonEnd bool
	// agent is the agent of a passive cue (reported by Politico), [-1, -1]
	// when none.
	agent [2]int
}

// subjectRules are tried in order once the cue's shape has placed nothing.
var subjectRules = []rule{
	{rulePassiveAgent, (*scan).passiveAgent},
	{rulePassive, (*scan).passive},
	{ruleColonNext, (*scan).colonNext},
	{ruleAsClause, (*scan).asClause},
	{ruleAsReportedBy, (*scan).asReportedBy},
	{ruleQuoteBefore, (*scan).quoteBefore},
	{ruleSameSpeaker, (*scan).sameSpeaker},
	{ruleCoordSubject, (*scan).coordinatedSubject},
	{"", (*scan).relativeReportsNothing},
	{ruleSubjectCue, (*scan).subjectCue},
	{ruleQuoteNext, (*scan).quoteNext},
	{ruleQuoteSubject, (*scan).quoteSubject},
	{ruleQuoteCue, (*scan).quoteCue},
	{ruleClauseSubject, (*scan).clauseSubjectRule},
}

// readSubject reads the noun phrase before the cue and the clause around
// it, and sets the candidate's appositive.
func (sc *scan) readSubject(c *candidate) *subjectView {
	toks, low, k, s0, s1 := sc.toks, sc.low, c.k, c.s0, c.s1
	sc.subj = subjectView{byAgent: [2]int{-1, -1}, prevQuote: -1, nextQuote: -1, agent: [2]int{-1, -1}}
	v := &sc.subj
	v.subjEnd = skipAside(toks, skipTemporal(toks, skipParenthetical(toks, c.cueStart, s0), s0), s0)
	left, appos := leftNP(toks, v.subjEnd, s0)
	// "Beck, who said there were …": a relative pronoun stands for the noun
	// phrase before it. A restrictive "that" or "which" (a report that
	// blamed her) is left out: its clause describes, it rarely reports.
	v.rp = v.subjEnd - 1
	rp := v.rp
	v.relative = left[0] == left[1] && rp > s0 && isRelativePronoun(toks[rp]) &&
		(strings.EqualFold(toks[rp].Text, "who") || toks[rp-1].Text == ",")
	if v.relative {
		end := rp
		if toks[end-1].Text == "," {
			end--
		}
		left, appos = leftNP(toks, end, s0)
	}
	v.left = left
	c.at.appositive = appos
	v.before = c.cueStart
	if left[0] < left[1] {
		v.before = left[0]
	}
	before, contentFrom := v.before, c.contentFrom
	v.commaBefore = before > s0 && (toks[before-1].Text == "," || isClosingMark(toks[before-1].Text))
	// What follows the cue: content (X said that …), or the end of the
	// clause (…, X said.). A straight mark opening a quotation (X said "…")
	// is not the closing mark it may look like.
	v.clauseEnds = contentFrom >= s1 || isClauseEnd(toks[contentFrom].Text) && sc.markStartingAt(toks[contentFrom].Start) < 0 || onlyAdjunct(toks, sc.marks, contentFrom, s1)
	if v.clauseEnds && contentFrom < s1 && (toks[contentFrom].Text == "," || toks[contentFrom].Text == ":") && contentFrom+1 < s1 && sc.markStartingAt(toks[contentFrom+1].Start) >= 0 {
		v.clauseEnds = false // He says, “…”
	}
	// A quotation closing at the comma before the speaker makes it "…," X
	// said, whatever follows the cue.
	v.quoteBefore = v.commaBefore && quoteEndsAt(sc.marks, toks[before-1]) && !titleBefore(sc.text, toks, sc.marks, toks[before-1], s0)
	v.coordinated = left[0] == left[1] && v.subjEnd > s0 && (strings.EqualFold(toks[v.subjEnd-1].Text, "and") || strings.EqualFold(toks[v.subjEnd-1].Text, "but"))
	// "As a reporter noted, …" and "As reported by X, …": the statement
	// follows the comma.
	v.asClause = before > s0 && strings.EqualFold(toks[before-1].Text, "as")
	if v.asClause && left[0] == left[1] && contentFrom < s1 && strings.EqualFold(toks[contentFrom].Text, "by") {
		if np := rightNP(toks, contentFrom+1, s1); np[0] < np[1] && np[1] < s1 && toks[np[1]].Text == "," {
			v.byAgent = np
		}
	}
	// “Is it over?” he asked. The sentence splitter ends the quotation's
	// sentence at its question mark: the speaker and cue stand alone right
	// after it.
	if before == s0 && v.clauseEnds {
		v.prevQuote = quoteJustBefore(sc.text, sc.marks, toks[s0].Start, sc.usedMark)
	}
	// "X tweeted:" or "X wrote on Twitter:" ending its sentence: what was
	// said is the next sentence, or the quotation that opens it.
	v.colonEnd = contentFrom < s1 && toks[s1-1].Text == ":" && s1-1-contentFrom <= 6 && (contentFrom == s1-1 || onlyAdjunct(toks, sc.marks, contentFrom, s1-1) || toks[contentFrom].POS == "DT" && noVerb(toks, contentFrom, s1))
	if !v.commaBefore && v.clauseEnds && left[0] < left[1] && toks[s1-1].Text == "." {
		v.nextQuote = quoteOpensNext(sc.text, sc.d, sc.marks, c.si, sc.usedMark)
	}
	// "The meeting was first reported by Politico": the agent of a passive
	// cue is the speaker, its subject what was said.
	if left[0] < left[1] && sc.judged {
		by := -1
		switch {
		case low[c.cueEnd-1] == "by":
			by = c.cueEnd - 1
		case c.cueEnd < s1 && low[c.cueEnd] == "by":
			by = c.cueEnd
		}
		if by > k && toks[by-1].POS == "VBN" {
			if np := rightNP(toks, by+1, s1); np[0] < np[1] {
				v.agent = withPrepositionalTail(toks, np, s1)
			}
		}
	}
	return v
}

// passiveAgent: "The meeting was first reported by Politico".
func (sc *scan) passiveAgent(c *candidate) verdict {
	v := c.subj
	if v.agent[0] < 0 {
		return pass
	}
	c.at.speakerTok, c.at.fallback = v.agent, true
	c.at.content = [2]int{sc.toks[v.left[0]].Start, sc.toks[v.left[1]-1].End}
	return placed
}

// passive: "He was asked about the plan", "The result was announced": a
// passive with no agent names no speaker; its subject is what was said
// when nothing follows. An agent the parse finds right after the cue
// (accused by the agency of …) is the speaker.
func (sc *scan) passive(c *candidate) verdict {
	v := c.subj
	if !(c.weak && sc.toks[c.k].POS == "VBN") {
		return pass
	}
	from := pastCommaColon(sc.toks, c.contentFrom, c.s1)
	if agent, rest, ok := agentAfter(sc.toks, c.k, from, c.s1); ok {
		// "Balco was accused by the agency of …": the agent speaks.
		c.at.speakerTok = agent
		if rest < c.s1 && doc.IsWord(sc.toks[rest].Text) {
			c.at.content = sc.contentAfterCue(c, rest)
		} else if v.left[0] < v.left[1] {
			c.at.content = [2]int{sc.toks[v.left[0]].Start, sc.toks[v.left[1]-1].End}
		} else {
			return dropped
		}
		return placed
	}
	switch {
	case !v.clauseEnds && from < c.s1:
		c.at.content = sc.contentAfterCue(c, from)
	case v.left[0] < v.left[1]:
		c.at.content = [2]int{sc.toks[v.left[0]].Start, sc.toks[v.left[1]-1].End}
	default:
		return dropped
	}
	return placed
}

// colonNext: "X tweeted:" ending its sentence; what was said is the next
// sentence, or the quotation that opens it.
func (sc *scan) colonNext(c *candidate) verdict {
	v := c.subj
	if !(v.colonEnd && v.left[0] < v.left[1]) {
		return pass
	}
	c.at.speakerTok = v.left
	if c.at.content = sc.st.nextSentenceContent(sc.text, sc.d, sc.marks, c.si, sc.usedMark); c.at.content[0] == c.at.content[1] {
		return dropped
	}
	return placed
}

// asClause: "As a reporter noted, …".
func (sc *scan) asClause(c *candidate) verdict {
	v := c.subj
	if !(v.asClause && v.left[0] < v.left[1] && c.contentFrom+1 < c.s1 && sc.toks[c.contentFrom].Text == ",") {
		return pass
	}
	c.at.speakerTok = v.left
	c.at.content = [2]int{sc.toks[c.contentFrom+1].Start, c.sentEnd}
	return placed
}

// asReportedBy: "As reported by X, …".
func (sc *scan) asReportedBy(c *candidate) verdict {
	v := c.subj
	if !(v.byAgent[0] >= 0 && v.byAgent[1]+1 < c.s1) {
		return pass
	}
	c.at.speakerTok = v.byAgent
	c.at.content = [2]int{sc.toks[v.byAgent[1]+1].Start, c.sentEnd}
	return placed
}

// quoteBefore: “Is it over?” he asked, the quotation a sentence of its own;
// “…?” asked the senator.
func (sc *scan) quoteBefore(c *candidate) verdict {
	v := c.subj
	if !(v.prevQuote >= 0 && (v.left[0] < v.left[1] || c.cueStart == c.s0)) {
		return pass
	}
	c.at.speakerTok = v.left
	if v.left[0] == v.left[1] {
		if c.at.speakerTok = rightNP(sc.toks, c.cueEnd, c.s1); c.at.speakerTok[0] == c.at.speakerTok[1] {
			return dropped
		}
	}
	c.at.content = [2]int{sc.marks[v.prevQuote].start, sc.marks[v.prevQuote].end}
	// “…?” Clinton said. “…”: the quotation after the cue's sentence goes
	// on with the same statement.
	after := max(sc.toks[c.cueEnd-1].End, sc.toks[c.at.speakerTok[1]-1].End)
	c.at.content = continueQuote(sc.text, sc.toks, sc.marks, c.at.content, after, sc.usedMark, sc.st.cues)
	return placed
}

// sameSpeaker: "he denied the allegations and said …": the speaker of the
// sentence's previous attribution.
func (sc *scan) sameSpeaker(c *candidate) verdict {
	v := c.subj
	last := sc.lastInSentence(c.si)
	if !(v.coordinated && !v.clauseEnds && last != nil) {
		return pass
	}
	c.at.speakerTok, c.at.appositive, c.at.relativeTo = last.speakerTok, last.appositive, last.relativeTo
	c.at.content = sc.contentAfterCue(c, c.contentFrom)
	return placed
}

// coordinatedSubject: "Reid caucused on Saturday and says he voted …": the
// subject of the sentence's first verb.
func (sc *scan) coordinatedSubject(c *candidate) verdict {
	v, toks, s0, s1 := c.subj, sc.toks, c.s0, c.s1
	if !v.coordinated || v.clauseEnds {
		return pass
	}
	first := opensWithSubjectVerb(toks, s0, c.cueStart) && rightNP(toks, s0, s1)[1] > s0
	if !first && coordinatedSubject(toks, sc.low, s0, c.cueStart)[0] < 0 {
		return pass
	}
	if first {
		c.at.speakerTok = rightNP(toks, s0, s1)
	} else {
		c.at.speakerTok = coordinatedSubject(toks, sc.low, s0, c.cueStart)
	}
	from := pastCommaColon(toks, c.contentFrom, s1)
	if from >= s1 {
		return dropped
	}
	c.at.content = sc.contentAfterCue(c, from)
	return placed
}

// relativeReportsNothing: "the man who spoke." reports nothing.
func (sc *scan) relativeReportsNothing(c *candidate) verdict {
	if v := c.subj; v.relative && v.left[0] < v.left[1] && v.clauseEnds {
		return dropped
	}
	return pass
}

// subjectCue: "X said (that) …", and "Beck, who said …", whose speaker is
// the relative pronoun as written, resolved through the noun phrase it
// stands for.
func (sc *scan) subjectCue(c *candidate) verdict {
	v := c.subj
	if !(v.left[0] < v.left[1] && !v.clauseEnds && !v.quoteBefore) {
		return pass
	}
	c.at.speakerTok = v.left
	if v.relative {
		c.at.speakerTok, c.at.relativeTo = [2]int{v.rp, v.rp + 1}, v.left
	}
	from := pastCommaColon(sc.toks, c.contentFrom, c.s1)
	if from >= c.s1 {
		return dropped
	}
	c.at.content = sc.contentAfterCue(c, from)
	return placed
}

// quoteNext: "X said in a statement. “…”": the quotation opening the next
// sentence is what was said.
func (sc *scan) quoteNext(c *candidate) verdict {
	v := c.subj
	if v.nextQuote < 0 {
		return pass
	}
	mi := v.nextQuote
	sc.usedMark[mi] = true
	c.at.speakerTok = v.left
	c.at.content = [2]int{sc.marks[mi].start, sc.marks[mi].end}
	return placed
}

// quoteSubject: "…," X said. "The economy, he said, is improving.": an
// unquoted statement goes on after the parenthetical cue.
func (sc *scan) quoteSubject(c *candidate) verdict {
	v, toks, marks, s1 := c.subj, sc.toks, sc.marks, c.s1
	if !(v.commaBefore && v.left[0] < v.left[1]) {
		return pass
	}
	at := &c.at
	at.speakerTok = v.left
	at.content = contentBefore(sc.text, toks, marks, c.s0, v.before-1)
	at.content = continueQuote(sc.text, toks, marks, at.content, toks[c.cueEnd-1].End, sc.usedMark, sc.st.cues)
	if c.contentFrom+1 < s1 && toks[c.contentFrom].Text == "," && firstMarkFrom(marks, at.content[0]) >= firstMarkFrom(marks, at.content[1]) && continuesClause(sc.text, toks, marks, c.contentFrom+1) {
		at.bothParts(at.content, [2]int{toks[c.contentFrom+1].Start, c.sentEnd})
	}
	return placed
}

// quoteCue: "…," said X. A day is no speaker (…, X, R-Ky., said Tuesday),
// and a verb after the noun phrase makes it the subject of what was said:
// then the clause's subject speaks, when there is one.
func (sc *scan) quoteCue(c *candidate) verdict {
	v, toks, s0, s1 := c.subj, sc.toks, c.s0, c.s1
	if !v.commaBefore {
		return pass
	}
	np := rightNP(toks, c.cueEnd, s1)
	if np[0] == np[1] || onlyTemporal(sc.low[np[0]:np[1]]) {
		return sc.clauseSubject(c, dropped)
	}
	j := np[1]
	for j < s1 && j < np[1]+3 && toks[j].POS == "RB" {
		j++ // "said Obamacare so far has been …"
	}
	if j < s1 && (strings.HasPrefix(toks[j].POS, "VB") || toks[j].POS == "MD") {
		// "Lance Beebe, 49, a veteran who now works for the Air Force,
		// said Clinton should be ready": a verb after the noun phrase
		// makes it the subject of what was said, and the speaker is the
		// sentence's first noun phrase, before its long appositive.
		first := rightNP(toks, s0, s1)
		if first[0] == first[1] || first[1] >= s1 || toks[first[1]].Text != "," {
			return sc.clauseSubject(c, dropped)
		}
		c.at.speakerTok = first
		c.at.content = sc.contentAfterCue(c, c.contentFrom)
		return placed
	}
	c.at.speakerTok = np
	c.at.content = contentBefore(sc.text, toks, sc.marks, s0, v.before-1)
	c.at.content = continueQuote(sc.text, toks, sc.marks, c.at.content, toks[np[1]-1].End, sc.usedMark, sc.st.cues)
	return placed
}

// clauseSubjectRule is the last rule: no subject next to the cue.
func (sc *scan) clauseSubjectRule(c *candidate) verdict {
	return sc.clauseSubject(c, dropped)
}

// clauseSubject places a candidate with no subject next to its cue (Mr.
// Comey described, in blistering terms, …; Mike Shields, president of …, a
// super PAC …, said nearly every …): the clause's subject, when one is
// found, speaks, and the filter judges. Otherwise it returns otherwise.
func (sc *scan) clauseSubject(c *candidate, otherwise verdict) verdict {
	v, toks, low, s0, s1, at := c.subj, sc.toks, sc.low, c.s0, c.s1, &c.at
	// "When asked about …, X said": a reduced clause puts a question to the
	// main clause's subject.
	if v.clauseEnds || v.quoteBefore || !sc.judged || c.cueStart > s0 && subordinators[low[c.cueStart-1]] {
		return otherwise
	}
	// A restrictive clause (a memo that warned him) describes its noun; an
	// infinitive after a common noun (on condition of anonymity to discuss)
	// names a purpose.
	if v.rp > s0 && v.rp == c.cueStart-1 && isRelativePronoun(toks[v.rp]) && toks[v.rp-1].Text != "," {
		return otherwise
	}
	if c.cueStart-1 > s0 && toks[c.cueStart-1].POS == "TO" && (toks[c.cueStart-2].POS == "NN" || toks[c.cueStart-2].POS == "NNS") {
		return otherwise
	}
	// Nor a verb inside what the sentence's last cue reports (refused to
	// deny that …).
	if sc.reportedInLast(c.si, s0, c.k) {
		return otherwise
	}
	from := pastCommaColon(toks, c.contentFrom, s1)
	if from >= s1 {
		return otherwise
	}
	at.speakerTok, at.fallback = clauseSubject(toks, low, s0, c.cueStart), true
	// "Said Ellis, “…”": the speaker follows a cue that opens the sentence.
	if np := rightNP(toks, c.cueEnd, s1); c.cueStart == s0 && !c.fromModel && np[0] < np[1] && np[1]+1 < s1 && (toks[np[1]].Text == "," || toks[np[1]].Text == ":") {
		at.speakerTok, from = np, np[1]+1
	}
	// "Anna Berg, who has both endorsed the plan …": the relative pronoun
	// of the clause the cue is in speaks.
	for j := c.cueStart - 1; j > s0+1; j-- {
		if (low[j] == "who" || low[j] == "which") && toks[j-1].Text == "," {
			if np, _ := leftNP(toks, j-1, s0); np[0] < np[1] {
				at.speakerTok, at.relativeTo = [2]int{j, j + 1}, np
			}
			break
		}
	}
	at.content = sc.contentAfterCue(c, from)
	at.rule = ruleClauseSubject
	return placed
}
