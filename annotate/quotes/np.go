package quotes

// The noun phrases the rules read: a speaker's before or after a cue,
// with its appositives, time phrases and asides, and a clause's subject.

import (
	"strings"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// npPOS are the tags of words inside a simple noun phrase.
var npPOS = map[string]bool{"DT": true, "PDT": true, "JJ": true, "JJR": true, "JJS": true, "NN": true, "NNS": true, "NNP": true, "NNPS": true, "PRP": true, "PRP$": true, "POS": true, "CD": true}

func isNPToken(t doc.Token) bool {
	return (npPOS[t.POS] && (doc.IsWord(t.Text) || t.POS == "POS")) || english.NameParticles[t.Text]
}

// temporalWords head the time phrases that sit between a speaker and the
// cue (the operator on Wednesday rejected …) or between the cue and the
// content (said on Tuesday that …).
var temporalWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"today": true, "yesterday": true, "tonight": true, "morning": true, "afternoon": true, "evening": true, "night": true,
	"week": true, "month": true, "year": true, "weekend": true, "earlier": true, "later": true, "last": true,
}

// skipTemporal steps back over a time phrase before the cue ("on
// Wednesday", "last week") to where the speaker's noun phrase ends.
func skipTemporal(toks []doc.Token, end, sentStart int) int {
	j := end - 1
	sawTime := false
	for j >= sentStart && j >= end-4 && (temporalWords[strings.ToLower(toks[j].Text)] || toks[j].POS == "CD" || toks[j].POS == "DT" && sawTime) {
		sawTime = sawTime || temporalWords[strings.ToLower(toks[j].Text)]
		j--
	}
	if !sawTime {
		return end
	}
	if j >= sentStart && (toks[j].POS == "IN") {
		j--
	}
	// "Christie, who chairs the team, on Sunday defended …": a comma
	// closing an appositive before the time phrase; "Sanders (I-Vt.) on
	// Saturday criticized …": a bracket closing a party designation.
	if j < sentStart || !isNPToken(toks[j]) && !isRelativePronoun(toks[j]) && toks[j].Text != "," && toks[j].Text != ")" && toks[j].POS != "CC" {
		return end
	}
	return j + 1
}

// appositivePOS are the tags allowed inside an appositive besides a noun
// phrase's.
var appositivePOS = map[string]bool{"IN": true, "CC": true, "TO": true, "HYPH": true, "VBN": true, "VBG": true, "RB": true, "RP": true, "PRP$": true, "POS": true}

var subjectPronouns = map[string]string{"he": "PERSON", "she": "PERSON", "they": "", "it": "ORG", "we": "", "i": ""}

// speakerPrepositions join a speaker's noun to a phrase that places it
// (the senator from Vermont, officials in Iowa, a spokesman for the
// campaign). The noun before them is the speaker; a name after them is
// not (a spokesman for Trump is not Trump).
var speakerPrepositions = map[string]bool{"from": true, "at": true, "in": true, "with": true, "for": true}

func isNounTag(p string) bool { return p == "NN" || p == "NNS" || p == "NNP" || p == "NNPS" }

// speakerHead is the part of a speaker's tokens before a prepositional
// phrase that places it (officials | in Iowa), and the whole span when
// there is none.
func speakerHead(toks []doc.Token, sp [2]int) [2]int {
	for k := sp[0] + 1; k < sp[1]-1; k++ {
		if toks[k].POS == "IN" && speakerPrepositions[strings.ToLower(toks[k].Text)] && isNounTag(toks[k-1].POS) {
			return [2]int{sp[0], k}
		}
	}
	return sp
}

// partyStatePeriod reports whether token j is the period that ends a
// party and state abbreviation (R-Ky., D-N.Y.), which the tokenizer splits
// off: it belongs to the appositive it ends.
func partyStatePeriod(toks []doc.Token, j int) bool {
	if j == 0 || toks[j].Text != "." || toks[j-1].End != toks[j].Start {
		return false
	}
	w := toks[j-1].Text
	return len(w) >= 3 && strings.ContainsRune("DRI", rune(w[0])) && w[1] == '-' && w[2] >= 'A' && w[2] <= 'Z'
}

// onlyTemporal reports whether every word is a time word (Tuesday, last
// week).
func onlyTemporal(words []string) bool {
	for _, w := range words {
		if !temporalWords[w] {
			return false
		}
	}
	return len(words) > 0
}

// postModifiers follow the noun of a speaker's noun phrase (a source
// close to the campaign, officials familiar with the talks).
var postModifiers = map[string]bool{
	"close to": true, "familiar with": true, "knowledgeable about": true, "briefed on": true,
	"loyal to": true, "allied with": true, "aligned with": true, "sympathetic to": true, "opposed to": true,
}

// pluralNounAsVerb reports whether a token the tagger calls a verb is a
// lowercase plural noun of a kind that speaks (strategists, analysts,
// officials): it ends in -ists, -ians, -ants, -ents, -ers or -ors, or is
// one of a few such nouns with other endings (officials, critics, aides).
func pluralNounAsVerb(t doc.Token) bool {
	w := t.Text
	for _, suf := range []string{"ists", "ians", "ants", "ents", "ers", "ors", "officials", "experts", "voters", "critics", "aides", "leaders"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+1 || w == suf {
			return true
		}
	}
	return false
}

// isRelativePronoun reports whether t is who, which or that opening a
// relative clause.
func isRelativePronoun(t doc.Token) bool {
	switch strings.ToLower(t.Text) {
	case "who", "which":
		return true
	case "that":
		return t.POS == "WDT"
	}
	return false
}

// leftNP is the simple noun phrase ending just before end (exclusive). In
// "NP1, NP2, said" it returns NP1 and the appositive NP2, so that the
// resolver can take whichever names someone (Lavrov, the foreign minister,
// said; the minister, Tomas Reyna, said).
func leftNP(toks []doc.Token, end, sentStart int) (np, appositive [2]int) {
	none := [2]int{-1, -1}
	if end-1 >= sentStart && (toks[end-1].Text == "," || isDash(toks[end-1].Text)) {
		return appositiveNP(toks, end, sentStart)
	}
	// "On Wednesday he said": a subject pronoun is the whole noun phrase.
	if end-1 >= sentStart && toks[end-1].POS == "PRP" {
		if _, ok := subjectPronouns[strings.ToLower(toks[end-1].Text)]; ok {
			return [2]int{end - 1, end}, none
		}
	}
	j := end - 1
	// "those surveyed said", "voters polled said": a survey participle
	// closes the noun phrase (whether the tagger reads it as a participle
	// or a past tense).
	if j > sentStart && (toks[j].POS == "VBN" || toks[j].POS == "VBD") && surveyParticiples[strings.ToLower(toks[j].Text)] && isNPToken(toks[j-1]) {
		j--
	}
	// "…, strategists think": a plural noun right before the cue that the
	// tagger reads as a verb.
	if j > sentStart && toks[j].POS == "VBZ" && pluralNounAsVerb(toks[j]) && (toks[j-1].Text == "," || toks[j-1].POS == "DT" || toks[j-1].POS == "JJ" || toks[j-1].POS == "CD") {
		j--
	}
	for {
		for j >= sentStart && (isNPToken(toks[j]) || initialDot(toks, j)) {
			j--
			// "Mr. Morgan of the Sierra Club": a noun phrase continues across
			// "of" to the noun before it.
			if j-1 >= sentStart && j < end-1 && strings.EqualFold(toks[j].Text, "of") && isNPToken(toks[j-1]) && toks[j+1].POS != "PRP" {
				j--
			}
			// "the senator from Vermont", "officials in Iowa", "a
			// spokesman for the campaign": a noun and its prepositional
			// phrase.
			if j-1 >= sentStart && j < end-1 && speakerPrepositions[strings.ToLower(toks[j].Text)] && toks[j].POS == "IN" && isNounTag(toks[j-1].POS) && !temporalWords[strings.ToLower(toks[j-1].Text)] && toks[j+1].POS != "PRP" {
				j--
			}
		}
		// "the Hua Ning (华宁) cultural association": a short gloss in
		// brackets inside a noun phrase, whatever the tagger makes of it.
		if j > sentStart && j < end-1 && toks[j].Text == ")" {
			if open := skipParenthetical(toks, j+1, sentStart); open < j && open-1 >= sentStart && isNPToken(toks[open-1]) {
				j = open - 1
				continue
			}
		}
		// "a source close to him", "people familiar with the talks": an
		// adjective and its object after the noun.
		if j-2 >= sentStart && j < end-1 && postModifiers[strings.ToLower(toks[j-1].Text)+" "+strings.ToLower(toks[j].Text)] && isNPToken(toks[j-2]) {
			j -= 2
			continue
		}
		break
	}
	np = [2]int{j + 1, end}
	for np[0] < np[1] && toks[np[0]].POS == "POS" {
		np[0]++
	}
	// "4 in 10 said": a share of those asked.
	if np[1]-np[0] == 1 && toks[np[0]].POS == "CD" && np[0]-2 >= sentStart && strings.EqualFold(toks[np[0]-1].Text, "in") && toks[np[0]-2].POS == "CD" {
		return [2]int{np[0] - 2, np[1]}, none
	}
	// A lone determiner or number is not a speaker, except those that
	// stand for people (another said, some argue).
	if np[1]-np[0] == 1 && (toks[np[0]].POS == "DT" && !(peopleDeterminers[strings.ToLower(toks[np[0]].Text)] && (np[0] == sentStart || !strings.HasPrefix(toks[np[0]-1].POS, "VB") && toks[np[0]-1].POS != "MD")) || toks[np[0]].POS == "CD") {
		return [2]int{end, end}, none
	}
	return np, none
}

// appositiveNP is leftNP when a comma or dash ends the words before end: the
// noun phrase before the appositive it closes, and the appositive, or an
// empty phrase when there is none.
func appositiveNP(toks []doc.Token, end, sentStart int) (np, appositive [2]int) {
	none := [2]int{-1, -1}
	// The appositive may hold prepositions and conjunctions (a
	// professor at Syracuse and a former adviser) but no verb. Commas
	// or dashes set it off (Jason Sims — a teacher — says).
	j := end - 2
	for j >= sentStart && j > end-28 && (isNPToken(toks[j]) || appositivePOS[toks[j].POS] || partyStatePeriod(toks, j)) {
		j--
	}
	if j >= sentStart && toks[j].Text == toks[end-1].Text && j < end-2 {
		// "Elijah Cummings (D-Md.), chair of …, said": the party and
		// state between the name and its appositive.
		if first, _ := leftNP(toks, skipParenthetical(toks, j, sentStart), sentStart); first[0] < first[1] {
			return first, [2]int{j + 1, end - 1}
		}
	}
	// "X, who chairs the council, said" (or "whose …"): a relative clause set off
	// by commas.
	if toks[end-1].Text == "," {
		for k := end - 3; k > sentStart && k >= end-25; k-- {
			if english.IsQuoteMark(toks[k].Text) || toks[k].Text == ";" {
				break
			}
			if toks[k].Text == "," && (strings.EqualFold(toks[k+1].Text, "who") || strings.EqualFold(toks[k+1].Text, "whose")) {
				if first, _ := leftNP(toks, skipParenthetical(toks, k, sentStart), sentStart); first[0] < first[1] {
					return first, [2]int{k + 1, end - 1}
				}
				break
			}
			// "X, a close friend of Y who was her chief of staff,
			// said": an appositive noun phrase ending in a relative
			// clause; no verb comes before its relative pronoun.
			if toks[k].Text == "," && isNPToken(toks[k+1]) && !strings.HasPrefix(toks[k+1].POS, "VB") {
				rel := -1
				for j := k + 1; j < end-1; j++ {
					if p := toks[j].POS; p == "WP" || p == "WDT" || p == "WP$" {
						rel = j
						break
					}
					if strings.HasPrefix(toks[j].POS, "VB") || toks[j].POS == "MD" || toks[j].Text == "," {
						break
					}
				}
				if rel > k+1 {
					if first, _ := leftNP(toks, skipParenthetical(toks, k, sentStart), sentStart); first[0] < first[1] {
						return first, [2]int{k + 1, end - 1}
					}
				}
				break
			}
		}
	}
	return [2]int{end, end}, none
}

// surveyParticiples follow the people a survey asked (those polled).
var surveyParticiples = map[string]bool{"surveyed": true, "polled": true, "questioned": true, "interviewed": true, "asked": true, "sampled": true, "contacted": true}

// peopleDeterminers stand alone for people as the subject of a cue.
var peopleDeterminers = map[string]bool{"another": true, "some": true, "many": true, "most": true, "others": true, "several": true, "both": true, "few": true}

// initialDot reports whether token j is the full stop of an initial or a
// title the tokenizer split off (Patrick F. Kennedy, Sens. Merkley): it
// touches the letter or abbreviation before it and a capitalised word
// follows.
func initialDot(toks []doc.Token, j int) bool {
	if toks[j].Text != "." || j == 0 || j+1 >= len(toks) || toks[j-1].End != toks[j].Start || !english.StartsUpper(toks[j+1].Text) {
		return false
	}
	w := toks[j-1].Text
	return utf8.RuneCountInString(w) == 1 && english.StartsUpper(w) || titleAbbreviations[w]
}

// titleAbbreviations come before a name with a full stop.
var titleAbbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Sen": true, "Sens": true, "Rep": true, "Reps": true,
	"Gov": true, "Gen": true, "Lt": true, "Col": true, "Sgt": true, "Capt": true, "Prof": true, "Rev": true,
	"Pres": true, "Supt": true, "Atty": true, "St": true,
}

func isDash(s string) bool { return s == "—" || s == "–" || s == "--" }

// rightNP is the simple noun phrase starting at start.
func rightNP(toks []doc.Token, start, sentEnd int) [2]int {
	j := start
	for j < sentEnd && (isNPToken(toks[j]) || j > start && initialDot(toks, j)) {
		j++
	}
	return [2]int{start, j}
}

// withPrepositionalTail extends a noun phrase over a prepositional phrase:
// one naming who made a report (a count by The Associated Press, an
// analysis from the Pew Research Center) or one that ends at a comma (Paul
// Sperry of Counter Jihad, …; some on Twitter, …), so that the whole phrase
// is the source.
func withPrepositionalTail(toks []doc.Token, np [2]int, sentEnd int) [2]int {
	j := np[1]
	if j >= sentEnd || toks[j].POS != "IN" {
		return np
	}
	tail := rightNP(toks, j+1, sentEnd)
	if tail[0] == tail[1] || tail[1]-np[0] > 10 {
		return np
	}
	agent := strings.EqualFold(toks[j].Text, "by") || strings.EqualFold(toks[j].Text, "from") || strings.EqualFold(toks[j].Text, "of")
	if !agent && (tail[1] >= sentEnd || toks[tail[1]].Text != ",") {
		return np
	}
	return [2]int{np[0], tail[1]}
}

// opensWithSubjectVerb reports whether the sentence from s0 opens with a noun
// phrase followed by a finite verb, with no comma, quotation mark or other
// clause before the cue at end: its subject is the subject of a verb
// coordinated with that one.
func opensWithSubjectVerb(toks []doc.Token, s0, end int) bool {
	np := rightNP(toks, s0, end)
	if np[1] == s0 || np[1] >= end {
		return false
	}
	for j := np[1]; j < end; j++ {
		// A comma before the conjunction (…, but said) is the
		// coordination's own; "that" as a determiner (brought that down)
		// opens no clause.
		if toks[j].Text == "," && j+1 < end && (strings.EqualFold(toks[j+1].Text, "and") || strings.EqualFold(toks[j+1].Text, "but")) {
			continue
		}
		if toks[j].Text == "," || toks[j].Text == ";" || english.IsQuoteMark(toks[j].Text) || toks[j].POS == "WDT" || toks[j].POS == "WP" || strings.EqualFold(toks[j].Text, "that") && toks[j].POS != "DT" {
			return false
		}
	}
	p := toks[np[1]].POS
	if toks[np[1]].POS == "MD" || toks[np[1]].POS == "RB" {
		p = "VBD"
	}
	return p == "VBD" || p == "VBZ" || p == "VBP"
}

// coordinatedSubject finds the subject of a cue coordinated with the
// sentence's first verb when opensWithSubjectVerb cannot: a subject with
// an appositive or after a time phrase (Gary Emineth, a former chairman,
// became a delegate and said …; A few minutes later they reversed
// themselves, rushed everyone inside and said …). The words from the
// first finite verb to the cue may hold commas but no new clause: no
// quotation mark, relative or subordinating word, and no subject pronoun
// or finite verb after a comma. It returns [-1, -1] when there is none.
func coordinatedSubject(toks []doc.Token, low []string, s0, cueStart int) [2]int {
	none := [2]int{-1, -1}
	// "When X arrived, the crowd cheered and said …": the main clause
	// starts after the opening clause's comma.
	if s0 < cueStart && subordinators[low[s0]] {
		comma := s0
		for comma < cueStart && toks[comma].Text != "," {
			comma++
		}
		if comma+1 >= cueStart {
			return none
		}
		s0 = comma + 1
	}
	v := -1
	for j := s0; j < cueStart; j++ {
		if p := toks[j].POS; p == "VBD" || p == "VBZ" || p == "VBP" || p == "MD" {
			v = j
			break
		}
		if english.IsQuoteMark(toks[j].Text) || toks[j].POS == "WDT" || toks[j].POS == "WP" || toks[j].POS == "WRB" || subordinators[low[j]] {
			return none
		}
	}
	if v <= s0 {
		return none
	}
	for j := v + 1; j < cueStart-1; j++ {
		t := toks[j]
		switch {
		case english.IsQuoteMark(t.Text), t.Text == ";", t.Text == ":", t.POS == "WDT", t.POS == "WP", t.POS == "WRB":
			return none
		case t.POS == "IN" && subordinators[low[j]], low[j] == "that" && t.POS != "DT":
			return none
		case t.POS == "PRP" && subjectPronouns[low[j]] != "" && j+1 < cueStart && strings.HasPrefix(toks[j+1].POS, "VB"):
			return none
		}
	}
	// A subject with no comma and no verb in it is all the words before the
	// verb (Volunteers from the Hua Ning (华宁) association handed out …).
	plain := noVerb(toks, s0, v)
	for j := s0; j < v && plain; j++ {
		plain = toks[j].Text != "," && !isDash(toks[j].Text) && toks[j].POS != "RB"
	}
	if plain && isNPToken(toks[s0]) {
		return [2]int{s0, v}
	}
	start := skipTemporal(toks, v, s0)
	np, _ := leftNP(toks, skipAside(toks, start, s0), s0)
	if np[0] == np[1] {
		np, _ = leftNP(toks, v, s0)
	}
	if np[0] == np[1] {
		return none
	}
	return np
}

func finiteVerbTag(p string) bool { return p == "VBD" || p == "VBZ" || p == "VBP" || p == "MD" }

// lastFiniteVerb is the last finite verb in [s0, k) outside quotation
// marks, or -1.
func lastFiniteVerb(toks []doc.Token, s0, k int) int {
	for j := k - 1; j >= s0; j-- {
		if finiteVerbTag(toks[j].POS) {
			return j
		}
	}
	return -1
}

// subjectOf is the noun phrase before the finite verb v (over auxiliaries,
// adverbs, a time phrase and an aside, as a cue's subject is found), or
// [-1, -1].
func subjectOf(toks []doc.Token, low []string, s0, v int) [2]int {
	none := [2]int{-1, -1}
	if v <= s0 {
		return none
	}
	for v-1 >= s0 && (cueAux[low[v-1]] || toks[v-1].POS == "RB" || toks[v-1].POS == "MD") {
		v--
	}
	end := skipAside(toks, skipTemporal(toks, skipParenthetical(toks, v, s0), s0), s0)
	np, _ := leftNP(toks, end, s0)
	if np[0] >= np[1] || isRelativePronoun(toks[np[0]]) {
		return none
	}
	return np
}

// pastCommaColon steps from j over commas and colons (said, “…”; said:
// …), up to end.
func pastCommaColon(toks []doc.Token, j, end int) int {
	for j < end && (toks[j].Text == "," || toks[j].Text == ":") {
		j++
	}
	return j
}

// clauseSubject is the subject of the clause a cue stands in when no rule
// finds it next to the cue: the subject of a verb the cue is coordinated
// with, else the first noun phrase of the sentence, after an opening
// phrase that a comma ends (In South Carolina, he …), when it comes
// before the cue (some economists - including … - warn; Those over 60
// say). It returns [-1, -1] when there is none.
func clauseSubject(toks []doc.Token, low []string, s0, cueStart int) [2]int {
	if sp := coordinatedSubject(toks, low, s0, cueStart); sp[0] >= 0 {
		return sp
	}
	start := s0
	if p := toks[s0].POS; p == "IN" || p == "RB" || p == "VBG" || p == "VBN" || p == "WRB" || p == "TO" {
		for j := s0 + 1; j < cueStart; j++ {
			if toks[j].Text == "," {
				start = j + 1
				break
			}
		}
		if start == s0 {
			return [2]int{-1, -1}
		}
	}
	// "It is too soon to say …": an expletive subject speaks for nobody.
	if np := rightNP(toks, start, cueStart); np[0] < np[1] && !(np[1]-np[0] == 1 && (low[np[0]] == "it" || low[np[0]] == "there")) {
		return np
	}
	return [2]int{-1, -1}
}

// sourceToComma extends the source of a sentence-opening "According to"
// to the comma that ends it, over participles and prepositions but no
// finite verb: According to early results of exit polls conducted by
// Edison Research for the networks, …
func sourceToComma(toks []doc.Token, np [2]int, sentEnd int) [2]int {
	for j := np[1]; j < sentEnd && j < np[0]+25; j++ {
		switch p := toks[j].POS; {
		case toks[j].Text == ",":
			return [2]int{np[0], j}
		case p == "VBD" || p == "VBZ" || p == "VBP" || p == "MD" || english.IsQuoteMark(toks[j].Text):
			return np
		}
	}
	return np
}

// skipParenthetical steps back over "(D-Mo.)" between a speaker and the
// cue, returning where the speaker's noun phrase ends.
func skipParenthetical(toks []doc.Token, end, sentStart int) int {
	// "Gov. John Kasich (R-Ohio), said": the comma after it too.
	comma := end-2 >= sentStart && toks[end-1].Text == "," && toks[end-2].Text == ")"
	if comma {
		end--
	}
	if end-1 < sentStart || toks[end-1].Text != ")" {
		return end
	}
	for j := end - 2; j >= sentStart && j >= end-8; j-- {
		if toks[j].Text == "(" {
			return j
		}
	}
	if comma {
		end++
	}
	return end
}

// skipAside steps back over a prepositional aside between a speaker and
// the cue: in "Clinton, during a town hall in Columbus, Ohio, said" the
// speaker is Clinton. end must follow a comma; the aside opens with a
// comma and a preposition (or a participle and a preposition: speaking at
// a rally) and holds no other verb.
func skipAside(toks []doc.Token, end, sentStart int) int {
	if end-1 <= sentStart || toks[end-1].Text != "," {
		return end
	}
	for j := end - 2; j > sentStart && j >= end-24; j-- {
		p := toks[j].POS
		if p == "MD" || english.IsQuoteMark(toks[j].Text) || strings.HasPrefix(p, "VB") && !(p == "VB" && toks[j-1].POS == "TO") && !(p == "VBG" && toks[j-1].Text == ",") {
			return end
		}
		if toks[j].Text != "," || j+1 >= end-1 || !isNPToken(toks[j-1]) {
			continue
		}
		first := j + 1
		participle := toks[first].POS == "VBG" && first+1 < end-1
		if participle {
			first++
		}
		if toks[first].POS != "IN" || strings.EqualFold(toks[first].Text, "that") {
			continue
		}
		// "to discuss" only in a participle's aside (speaking on condition
		// of anonymity to discuss the plans).
		ok := true
		for k := first + 1; k < end-1; k++ {
			if toks[k].POS == "VB" && !participle {
				ok = false
			}
		}
		if ok {
			return j
		}
	}
	return end
}
