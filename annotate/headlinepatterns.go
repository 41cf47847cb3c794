package annotate

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// denialForms are the forms of the verbs that deny or debunk, by lemma.
var denialForms = map[string]string{}

func init() {
	for lemma, forms := range map[string][]string{
		"deny":       {"deny", "denies", "denied", "denying"},
		"refute":     {"refute", "refutes", "refuted", "refuting"},
		"dismiss":    {"dismiss", "dismisses", "dismissed", "dismissing"},
		"reject":     {"reject", "rejects", "rejected", "rejecting"},
		"slam":       {"slam", "slams", "slammed", "slamming"},
		"debunk":     {"debunk", "debunks", "debunked", "debunking"},
		"dispute":    {"dispute", "disputes", "disputed", "disputing"},
		"quash":      {"quash", "quashes", "quashed", "quashing"},
		"rebut":      {"rebut", "rebuts", "rebutted", "rebutting"},
		"disavow":    {"disavow", "disavows", "disavowed", "disavowing"},
		"contradict": {"contradict", "contradicts", "contradicted", "contradicting"},
	} {
		for _, f := range forms {
			denialForms[f] = lemma
		}
	}
}

// nounToo are denial verbs whose forms are nouns too: the tagger decides.
var nounToo = map[string]bool{"slam": true, "dispute": true, "reject": true}

// phrasalDenials are denial verbs of two or three words, by their first
// word's forms and the words after it.
var phrasalDenials = []struct {
	forms []string
	rest  []string
	lemma string
}{
	{[]string{"hit", "hits", "hitting"}, []string{"back", "at"}, "hit back"},
	{[]string{"shoot", "shoots", "shot", "shooting"}, []string{"down"}, "shoot down"},
	{[]string{"brush", "brushes", "brushed", "brushing"}, []string{"off"}, "brush off"},
	{[]string{"play", "plays", "played", "playing"}, []string{"down"}, "play down"},
}

// headlineAssertions are what a denial verb denies in a headline besides
// the claims stage's assertion nouns: talk, blame, and the acts one is
// accused of.
var headlineAssertions = map[string]bool{
	"talk": true, "blame": true, "affair": true, "doping": true, "cheating": true, "bribery": true,
	"news": true, "rumours": true, "rumors": true, "theory": true, "version": true, "photo": true,
	"photos": true, "video": true, "picture": true, "image": true, "quote": true, "letter": true,
	"memo": true, "post": true, "message": true, "tale": true, "article": true, "warning": true,
}

// isAssertionNoun tells whether a word heads an assertion: a claim,
// report, rumour, allegation, story, or the like.
func isAssertionNoun(w string) bool {
	if headlineAssertions[w] || assertionNouns[w] {
		return true
	}
	return strings.HasSuffix(w, "s") && (assertionNouns[strings.TrimSuffix(w, "s")] || headlineAssertions[strings.TrimSuffix(w, "s")])
}

// denialAdverbs may stand between a denial verb and its object.
var denialAdverbs = map[string]bool{"again": true, "repeatedly": true, "strongly": true, "flatly": true, "firmly": true,
	"vehemently": true, "also": true, "earlier": true, "categorically": true, "angrily": true, "publicly": true}

// denialVerbAt is the lemma of a denial verb at token k and how many
// tokens it takes ("" when there is none).
func (h *headline) denialVerbAt(k int) (string, int) {
	w := h.lower(k)
	if l, ok := denialForms[w]; ok {
		// A form that is a noun too is a verb when tagged one, or when it
		// is in the third person before an assertion ("Slams Rumors"), not
		// in "Grand Slam talk" or "pay dispute".
		if nounToo[l] && !strings.HasPrefix(h.d.Tokens[k].POS, "VB") &&
			!(strings.HasSuffix(w, "s") && k+1 < h.hi && isAssertionNoun(h.lower(k+1))) {
			return "", 0
		}
		return l, 1
	}
	for _, p := range phrasalDenials {
		if !contains(p.forms, w) || k+len(p.rest) >= h.hi {
			continue
		}
		ok := true
		for j, r := range p.rest {
			ok = ok && h.lower(k+1+j) == r
		}
		if ok {
			return p.lemma, 1 + len(p.rest)
		}
	}
	return "", 0
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// finiteWords are auxiliaries and copulas that make a clause finite.
var finiteWords = map[string]bool{"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "did": true, "does": true, "do": true, "can": true, "could": true, "may": true, "might": true}

// prepositions end the noun phrase a denial verb's clause object starts
// with.
var prepositions = map[string]bool{"to": true, "for": true, "by": true, "in": true, "on": true, "at": true, "after": true,
	"from": true, "with": true, "over": true, "of": true, "as": true}

// deniesAssertion tells whether what follows a denial verb (from token k)
// is something said or done that it denies: "that …", an assertion noun
// ("the allegations", "Iraqi Media Reports"), and for deny and dispute an
// act ("Denies Telling Players …", "denies he was drunk"). A thing asked
// for or given ("bail", "a plan", "Workers A Pay Rise") is not.
func (h *headline) deniesAssertion(lemma string, k int) bool {
	for k < h.hi && denialAdverbs[h.lower(k)] {
		k++
	}
	if k >= h.hi {
		return lemma == "deny" // "…, Police Deny"
	}
	if h.lower(k) == "that" {
		return true
	}
	for j := k; j < min(h.hi, k+4); j++ {
		w := h.lower(j)
		if prepositions[w] && j > k || w == "," || w == ":" {
			break
		}
		if isAssertionNoun(w) {
			return true
		}
	}
	if lemma != "deny" && lemma != "dispute" {
		return false
	}
	if w := h.lower(k); len(w) >= 5 && strings.HasSuffix(w, "ing") {
		return true // a gerund: denies taking bribes, denies lying
	}
	if requestNouns[h.lower(k)] {
		return false // denied bail, denied entry
	}
	// A clause: denies (that) the patients were turned away.
	if a := h.lower(k); a == "a" || a == "an" {
		return false
	}
	for j := k; j < min(h.hi, k+6); j++ {
		w, pos := h.lower(j), h.d.Tokens[j].POS
		if w == "to" && j > k && j+1 < h.hi && h.d.Tokens[j+1].POS == "VB" {
			return true // denies plan to raise taxes: a reported plan
		}
		if prepositions[w] || w == "," {
			return false
		}
		if j > k && !determiners[h.lower(j-1)] && (finiteWords[w] || pos == "VBD" || pos == "VBZ" || pos == "VBP" || pos == "VBN" || pos == "MD") {
			return true
		}
	}
	return false
}

var determiners = map[string]bool{"a": true, "an": true, "the": true}

// subjectEnd is where the headline's subject ends: at its first verb.
func (h *headline) subjectEnd(limit int) int {
	for k := h.lo + 1; k < limit; k++ {
		if p := h.d.Tokens[k].POS; strings.HasPrefix(p, "VB") || p == "MD" || h.lower(k) == ":" || h.lower(k) == "," {
			return k
		}
	}
	return limit
}

// denialVerb finds "X Denies …" and adds the attributed denial.
func (h *headline) denialVerb() bool {
	for k := h.lo + 1; k < h.hi; k++ {
		lemma, n := h.denialVerbAt(k)
		if lemma == "" || !h.deniesAssertion(lemma, k+n) {
			continue
		}
		end := h.subjectEnd(k)
		if h.attributed(h.lo, end, k, k+n, k+n, h.hi, lemma, ruleHeadlineDenial, "cue:"+lemma) {
			return true
		}
	}
	return h.callsFalse()
}

// callsFalse finds "X Calls Y A Hoax" and "X calls report 'a lie'".
func (h *headline) callsFalse() bool {
	for k := h.lo + 1; k < h.hi; k++ {
		if !callCues[h.lower(k)] {
			continue
		}
		for j := k + 1; j < min(h.hi, k+7); j++ {
			if falsityWords[h.lower(j)] || h.lower(j) == "doctored" || h.lower(j) == "absurd" {
				return h.attributed(h.lo, h.subjectEnd(k), k, k+1, k+1, h.hi, "call", ruleHeadlineDenial, "falsity:"+h.lower(j))
			}
		}
	}
	return false
}

// sayWords are the verbs of a headline's source.
var sayWords = map[string]bool{"says": true, "say": true, "said": true, "insists": true, "insist": true, "tells": true, "told": true}

// sourcedDenial finds a denial framed by a source: "Mayor: claims of … are
// false", "Rumours of … are untrue, band says", "… 'pure fiction', says
// Velora chief", "Minister says reports of her arrest are false".
func (h *headline) sourcedDenial() bool {
	// A colon label: one to five words, then what they say.
	for k := h.lo + 1; k < min(h.hi, h.lo+6); k++ {
		if h.lower(k) != ":" {
			continue
		}
		if debunkLabels[h.lower(h.lo)] {
			return false
		}
		if h.denies(k+1, h.hi) {
			return h.attributed(h.lo, k, k, k+1, k+1, h.hi, "say", ruleHeadlineSource, "falsity:source")
		}
		return false
	}
	// A trailing source: "…, X says" or "…, says X".
	if sLo, sHi, say, comma, ok := h.trailingSource(); ok {
		if h.denies(h.lo, comma) {
			return h.attributed(sLo, sHi, say, say+1, h.lo, comma, "say", ruleHeadlineSource, "falsity:source")
		}
		return false
	}
	// "X says …" at the front.
	for k := h.lo + 1; k < min(h.hi, h.lo+7); k++ {
		if sayWords[h.lower(k)] {
			if h.denies(k+1, h.hi) {
				return h.attributed(h.lo, k, k, k+1, k+1, h.hi, "say", ruleHeadlineSource, "falsity:source")
			}
			return false
		}
	}
	return false
}

// trailingSource finds "…, X says" or "…, says X" at the end of the
// headline: the source's tokens, the say word's, and the comma's. A
// rumour is no source ("…, whatever the rumours say").
func (h *headline) trailingSource() (sLo, sHi, say, comma int, ok bool) {
	for k := h.hi - 1; k > h.lo+1; k-- {
		if h.lower(k) != "," || h.hi-k > 7 {
			continue
		}
		for j := k + 1; j < h.hi; j++ {
			if !sayWords[h.lower(j)] {
				continue
			}
			sLo, sHi = k+1, j
			if j == k+1 {
				sLo, sHi = j+1, h.hi
			}
			for x := sLo; x < sHi; x++ {
				if rumourWords[h.lower(x)] || h.lower(x) == "whatever" {
					return 0, 0, 0, 0, false
				}
			}
			return sLo, sHi, j, k, sHi > sLo
		}
		return 0, 0, 0, 0, false
	}
	return 0, 0, 0, 0, false
}

// denies tells whether tokens lo to hi deny: they call something false, or
// find no truth in it, or negate their verb.
func (h *headline) denies(lo, hi int) bool {
	if lo < hi && conditionWords[h.lower(lo)] {
		return false // "If we don't act now, …"
	}
	if h.falsityAt(lo, hi) >= 0 || h.supportAt(lo, hi) >= 0 {
		return true
	}
	return h.negationAt(lo, hi) >= 0
}

// falsityAt is the token of a falsity predicate in lo to hi: a copula
// followed within three words by a falsity word ("are false", "is a
// hoax", "are 'pure fiction'", "is made up"), or -1.
func (h *headline) falsityAt(lo, hi int) int {
	for k := lo; k < hi; k++ {
		if !copulas[h.lower(k)] {
			continue
		}
		for j := k + 1; j < min(hi, k+4); j++ {
			w := h.lower(j)
			if falsityWords[w] || outletFalsity[w] || w == "made" && j+1 < hi && h.lower(j+1) == "up" {
				return j
			}
			if w == "not" && j+1 < hi && (trueWords[h.lower(j+1)] || h.lower(j+1) == "real") {
				return j
			}
		}
	}
	return -1
}

// outletFalsity are words that call a story false in a headline besides
// the claims stage's falsity words.
var outletFalsity = map[string]bool{"fiction": true, "forgery": true, "forged": true, "doctored": true, "edited": true,
	"scam": true, "satire": true, "deepfake": true, "myth": true, "fabrication": true}

// supportAt is the token of "no evidence", "no truth", "no basis" in lo to
// hi, or -1.
func (h *headline) supportAt(lo, hi int) int {
	for k := lo; k+1 < hi; k++ {
		if h.lower(k) == "no" && supportNouns[h.lower(k+1)] {
			return k
		}
	}
	return -1
}

// negativeSubjects open a statement whose negation is in its subject, not
// its verb: "No one was hurt", "Nobody expected …", "Not everyone is …".
var negativeSubjects = map[string]bool{"no": true, "nobody": true, "none": true, "nothing": true, "not": true, "neither": true}

// negationAt is the token of a negated verb in lo to hi ("has not
// resigned", "Is Not Dead", "never said", "doesn't"), or -1. A negation
// in the subject ("no one was hurt") or of a noun ("no deal") is not one,
// nor is a negated future or modal ("won't make a profit", "will not
// retract"): a forecast or a refusal, where a denial says what is or was.
func (h *headline) negationAt(lo, hi int) int {
	if lo < hi && negativeSubjects[h.lower(lo)] {
		return -1
	}
	for k := lo + 1; k < hi; k++ {
		w := h.lower(k)
		if w == "never" && k+1 < hi && strings.HasPrefix(h.d.Tokens[k+1].POS, "VB") && !modalWords[h.lower(k-1)] {
			return k
		}
		if (w == "not" || w == "n't") && finiteWords[h.lower(k-1)] && !modalWords[h.lower(k-1)] {
			return k
		}
	}
	return -1
}

// modalWords negate a forecast, a promise or a refusal, not an event.
var modalWords = map[string]bool{"will": true, "wo": true, "would": true, "can": true, "ca": true, "could": true,
	"may": true, "might": true, "shall": true, "should": true, "must": true}

// negatedStatement tells whether a framed statement (bytes start to end)
// negates its verb.
func (h *headline) negatedStatement(start, end int) bool {
	lo, hi := -1, h.hi
	for k := h.lo; k < h.hi; k++ {
		if lo < 0 && h.d.Tokens[k].Start >= start {
			lo = k
		}
		if h.d.Tokens[k].Start >= end {
			hi = k
			break
		}
	}
	return lo >= 0 && !conditionWords[h.lower(lo)] && h.negationAt(lo, hi) >= 0
}

// debunkLabels open a fact-check headline: "Fake: …", "Debunked: …".
var debunkLabels = map[string]bool{"fake": true, "false": true, "hoax": true, "debunked": true, "myth": true, "untrue": true, "misleading": true}

// rumourWords are what a headline corrects "despite" or "contrary to".
var rumourWords = map[string]bool{"rumours": true, "rumors": true, "rumour": true, "rumor": true, "reports": true, "claims": true,
	"posts": true, "message": true, "messages": true, "speculation": true, "online": true, "viral": true, "social": true}

// outlet finds a denial in the outlet's own voice and adds its row.
func (h *headline) outlet() {
	lo := h.lo
	switch {
	case debunkLabels[h.lower(lo)] && lo+1 < h.hi && h.lower(lo+1) == ":":
		h.author(lo, lo+1, lo+2, ruleOutletLabel, "label:"+h.lower(lo))
		return
	case h.lower(lo) == "no" && lo+1 < h.hi && h.lower(lo+1) == ",":
		h.author(lo, lo+1, lo+2, ruleOutletNo, "answer:no")
		return
	}
	if k := h.falsityAt(lo, h.hi); k >= 0 {
		h.author(k, k+1, lo, ruleOutletFalsity, "falsity:"+h.lower(k))
		return
	}
	if k := h.supportAt(lo, h.hi); k >= 0 {
		h.author(k, k+2, lo, ruleOutletSupport, "no-support:no "+h.lower(k+1))
		return
	}
	if k := h.negationAt(lo, h.hi); k >= 0 {
		h.author(k-1, k+1, lo, ruleOutletNegation, "negation:"+h.lower(k))
		return
	}
	for k := lo + 1; k+1 < h.hi; k++ {
		if (h.lower(k) == "despite" || h.lower(k) == "contrary") && h.rumourAfter(k+1) {
			h.author(k, k+2, lo, ruleOutletNegation, "despite:"+h.lower(k+1))
			return
		}
	}
}

func (h *headline) rumourAfter(k int) bool {
	for j := k; j < min(h.hi, k+3); j++ {
		if rumourWords[h.lower(j)] {
			return true
		}
	}
	return false
}

// answerWords answer a headline's own question in the negative.
var answerWords = map[string]bool{"no": true, "not": true, "nope": true}

// answeredQuestion finds a headline that asks and answers "No": "X dead?
// Of course not". The question is the content, the answer the cue.
func answeredQuestion(d *doc.Document) {
	if len(d.Sentences) != 2 {
		return
	}
	q, a := d.Sentences[0], d.Sentences[1]
	if q.TokEnd == 0 || d.Tokens[q.TokEnd-1].Text != "?" || a.TokEnd-a.TokStart > 5 {
		return
	}
	neg := false
	for k := a.TokStart; k < a.TokEnd; k++ {
		neg = neg || answerWords[strings.ToLower(d.Tokens[k].Text)]
	}
	for _, x := range d.Quotes {
		if x.Label == doc.LabelDenial {
			return
		}
	}
	if !neg {
		return
	}
	content := doc.Span{Start: d.Tokens[q.TokStart].Start, End: d.Tokens[q.TokEnd-1].End}
	content.Text = d.Text[content.Start:content.End]
	cue := doc.Span{Start: d.Tokens[a.TokStart].Start, End: d.Tokens[a.TokEnd-1].End}
	for cue.End > cue.Start && strings.ContainsAny(d.Text[cue.End-1:cue.End], ".!") {
		cue.End--
	}
	cue.Text = d.Text[cue.Start:cue.End]
	d.Quotes = append(d.Quotes, doc.Quote{Kind: doc.KindAuthor, Content: content, Cue: cue, ReportType: doc.ReportSpeech,
		SpeakerResolution: doc.ResolvedAuthor, Sent: 1, Rule: ruleOutletNo, Label: doc.LabelDenial, Confidence: confOutlet,
		Negated: true, Evidence: []string{"answer:" + strings.ToLower(cue.Text)}})
}
