package annotate

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// conllType is the model's type of a gazetteer label.
var conllType = map[string]string{"GPE": "LOC", "LOC": "LOC", "ORG": "ORG", "NORP": "MISC", "PERSON": "PER"}

// linkWords are the lower-case words that stand inside names and titles
// besides english.NameParticles: Bank of England, Save the Children, Gone
// with the Wind, Medecins sans Frontieres.
var linkWords = map[string]bool{"of": true, "for": true, "and": true, "the": true, "on": true, "in": true,
	"upon": true, "at": true, "to": true, "with": true, "from": true, "by": true, "into": true, "over": true,
	"under": true, "a": true, "an": true, "sans": true, "dal": true, "y": true, "et": true, "des": true,
	"les": true, "aux": true, "e": true, "do": true, "&": true, "'s": true, "’s": true}

// roleWords are the roles news writes between an organisation and a
// person (BBC political editor Andrew Marr, Bank of England governor Mervyn
// King), besides personTitles.
var roleWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`editor correspondent reporter presenter host actress actor singer star
		player striker midfielder defender goalkeeper winger manager boss director executive officer
		analyst economist spokesman spokeswoman spokesperson leader head founder owner writer author
		journalist lawyer adviser advisor aide official champion rapper comedian boxer chair member mp
		candidate deputy strategist`) {
		roleWords[w] = true
	}
}

// splitAtLowerWords splits a mention at the lower-case words inside it
// that are neither name particles nor link words: the model ran an
// organisation, a role and a person into one name ("BBC political editor
// Andrew Marr"), or a name into the verb after it ("Lib Dems accuse Mr
// Blair"). A part after a role is a person; when a person is split off
// the end, what stands before the role is an organisation. Other parts
// take the gazetteer's type when it lists them (the model's type was for
// the run, not the part), else keep the model's. A name the gazetteer
// lists followed by "and" ends a part too. Punctuation at a part's edges
// is left out.
func (a *entitiesStage) splitAtLowerWords(text string, toks []doc.Token, m doc.Mention) []doc.Mention {
	if m.TokStart < 0 {
		return []doc.Mention{m}
	}
	var parts []doc.Mention
	start, role := m.TokStart, false
	whole := a.gaz.lookup(text[m.Start:m.End]) != nil
	// "Islamic State and Jabhat al Fateh al Sham": a name the gazetteer
	// lists, then "and", is two names (Marks and Spencer is one: Marks is
	// not listed; Bosnia and Herzegovina is, whole).
	listedAnd := func(k int) bool {
		return !whole && (toks[k].Text == "and" || toks[k].Text == "&") && k > start &&
			a.gaz.lookup(text[toks[start].Start:toks[k-1].End]) != nil
	}
	for k := m.TokStart; k <= m.TokEnd; k++ {
		split := k < m.TokEnd && k > m.TokStart && (english.StartsLower(toks[k].Text) &&
			!english.NameParticles[toks[k].Text] && !linkWords[toks[k].Text] && doc.IsWord(toks[k].Text) || listedAnd(k))
		if k < m.TokEnd && !split {
			continue
		}
		if k > start && (start > m.TokStart || k < m.TokEnd) {
			lo, hi := start, k
			for lo < hi && !doc.IsWord(toks[lo].Text) {
				lo++
			}
			for hi > lo && !doc.IsWord(toks[hi-1].Text) {
				hi--
			}
			if hi > lo {
				part := m
				part.TokStart, part.TokEnd = lo, hi
				part.Start, part.End = toks[lo].Start, toks[hi-1].End
				part.Origin = doc.OriginRule
				if e := a.gaz.lookup(text[part.Start:part.End]); role {
					part.Label = "PER"
					// The person runs on to the end of the name: greedy
					// decoding closed the run a word short (economist Dana
					// | Cole).
					for hi == m.TokEnd && part.TokEnd < len(toks) && toks[part.TokEnd].Sent == m.Sent &&
						english.StartsUpper(toks[part.TokEnd].Text) && doc.IsWord(toks[part.TokEnd].Text) && sameLine(text, toks[part.TokEnd-1], toks[part.TokEnd]) {
						part.TokEnd++
						part.End = toks[part.TokEnd-1].End
					}
				} else if e != nil {
					part.Label = conllType[e.label]
				}
				parts = append(parts, part)
			}
		} else if k > start {
			parts = append(parts, m)
		}
		if k < m.TokEnd {
			w := strings.ToLower(toks[k].Text)
			role = roleWords[w] || personTitles[w]
		}
		start = k + 1
	}
	if len(parts) > 1 && m.Label == "PER" && parts[len(parts)-1].Label == "PER" && parts[0].Label == "PER" {
		parts[0].Label = "ORG"
	}
	return parts
}

// titleModifiers are the words that stand in a title before its role
// noun: Foreign Minister, former President, Deputy Prime Minister, Home
// Secretary.
var titleModifiers = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`foreign home defence defense finance interior health education justice
		culture trade environment transport energy economy treasury deputy vice prime shadow acting interim
		former state attorney executive managing senior junior assistant first new crown rt rev`) {
		titleModifiers[w] = true
	}
}

// personTitle is the title or role written just before a person's
// mention in its sentence: a run of titleModifiers and role words that
// ends in a role (Chancellor, Foreign Minister, former President, Tory MP's
// MP). Mr, Mrs, Ms, Miss and Mx are no title; "" when there is none.
func personTitle(toks []doc.Token, m doc.Mention) string {
	if m.TokStart <= 0 {
		return ""
	}
	end := m.TokStart
	if w := strings.ToLower(strings.TrimSuffix(toks[end-1].Text, ".")); personHonorifics[w] {
		end-- // Foreign Secretary Mr Straw
	}
	start := end
	for start > 0 && toks[start-1].Sent == m.Sent {
		w := strings.ToLower(strings.TrimSuffix(toks[start-1].Text, "."))
		if !roleWords[w] && !personTitles[w] && !titleModifiers[w] || personHonorifics[w] {
			break
		}
		start--
	}
	// The run must end in a role: "former" alone is no title.
	for end > start {
		w := strings.ToLower(strings.TrimSuffix(toks[end-1].Text, "."))
		if roleWords[w] || personTitles[w] && !titleModifiers[w] {
			break
		}
		end--
	}
	if end <= start {
		return ""
	}
	words := make([]string, 0, end-start)
	for _, t := range toks[start:end] {
		words = append(words, t.Text)
	}
	return strings.Join(words, " ")
}

// splitAtTitles splits a mention at a capitalised title inside it that a
// person's name follows to the mention's end (Federal Reserve Governor
// Lawrence Lindsey, Security Council President Tono Eitel, U.S. Cardinal
// Bernardin): the name is a person, the title no name, and what stands
// before the title takes the gazetteer's type where it lists it, else
// keeps the model's (an organisation where the model read the whole run
// as a person), unless it is titles too (Deputy Prime Minister …).
// Before a minister's title, the words name the office (Education
// Secretary Ruth Kelly) and are left out unless the gazetteer lists
// them. A title that opens the mention is repairSpan's (a person's title
// goes; General Motors keeps its General), and one that ends it is left
// alone (Burger King).
func (a *entitiesStage) splitAtTitles(text string, toks []doc.Token, m doc.Mention) []doc.Mention {
	isTitle := func(k int) bool {
		w := strings.ToLower(strings.TrimSuffix(toks[k].Text, "."))
		return english.StartsUpper(toks[k].Text) && (personTitles[w] || roleWords[w] || titleModifiers[w])
	}
	for i := m.TokStart + 1; i < m.TokEnd; i++ {
		if !isTitle(i) || titleModifiers[strings.ToLower(toks[i].Text)] && !isTitle(i+1) {
			continue
		}
		j := i
		for j < m.TokEnd && isTitle(j) {
			j++
		}
		if linkWords[toks[i-1].Text] || !personAfterTitle(toks[j:m.TokEnd], toks[j-1].Text) {
			return []doc.Mention{m} // Daily Mail & General Trust, Association of Chief Police Officers
		}
		person := m
		person.TokStart, person.Start, person.Label, person.Origin = j, toks[j].Start, "PER", doc.OriginRule
		before := m
		before.TokEnd, before.End, before.Origin = i, toks[i-1].End, doc.OriginRule
		if e := a.gaz.lookup(text[before.Start:before.End]); e != nil {
			before.Label = conllType[e.label] // New York Senator …: the place, not the run's type
		} else if before.Label == "PER" {
			before.Label = "ORG"
		}
		k := before.TokStart
		for k < i && isTitle(k) {
			k++
		}
		if k == i || portfolioTitles[strings.ToLower(toks[j-1].Text)] && a.gaz.lookup(text[toks[k].Start:before.End]) == nil {
			// Education Secretary Ruth Kelly: the words before a
			// minister's title name the office, not an organisation,
			// unless the gazetteer lists them (US Treasury Secretary).
			return []doc.Mention{person}
		}
		return []doc.Mention{before, person}
	}
	return []doc.Mention{m}
}

// personAfterTitle reports whether the words after a title are a
// person's name: one to three capitalised words, the first a first name,
// or one or two after a title only a person holds (Cardinal Bernardin,
// Governor Lindsey; not Coach Action, General Trust).
func personAfterTitle(toks []doc.Token, title string) bool {
	if len(toks) < 1 || len(toks) > 3 {
		return false
	}
	for _, t := range toks {
		if !doc.IsWord(t.Text) || !english.StartsUpper(t.Text) {
			return false
		}
	}
	return startsWithFirstName(toks[0].Text) || len(toks) <= 2 && personOnlyTitles[strings.ToLower(strings.TrimSuffix(title, "."))]
}

// personOnlyTitles are the titles that stand before a person's name and
// nothing else's.
var personOnlyTitles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`president governor senator cardinal king queen prince princess minister
		secretary chancellor judge mayor pope sheikh emir ayatollah ambassador commissioner archbishop
		bishop mr mrs ms dr sir lord lady dame`) {
		personOnlyTitles[w] = true
	}
}

// portfolioTitles are the titles a portfolio's name comes before
// (Education Secretary, Fisheries Minister, Transport Commissioner).
var portfolioTitles = map[string]bool{"minister": true, "secretary": true, "commissioner": true}
