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
		former state attorney executive managing senior junior assistant first`) {
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
