package quotes

// Roles as speakers: "the chancellor" is the person in focus, or the
// article's protagonist, when nothing says otherwise; a phrase that ends
// with a person's name (Minister for Europe Denis MacShane) is that
// person.

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/english"
)

// roleInFocus reads "the chancellor" (a definite description by one of
// roleNouns the article tied to no one) as it would "he": the person who
// is the focus before it (Gordon Brown has issued a rallying cry. The
// chancellor said …), or -1. The focus is a subject, or the last speaker
// when the text named them (Tony Blair has said … The prime minister
// said), not when it said he: after a run of quotations, a description
// more often brings in someone new. Failing those, the subject of the
// sentence before, when it is a name; failing that, the article's
// protagonist. A person the sentence names, one the article gives another
// role (Tory leader Michael Howard … The prime minister said), or the
// role, rank and all, the article gives someone else, is not it.
func (s *speakerResolver) roleInFocus(head [2]int) int {
	noun := strings.ToLower(s.r.Tokens[head[1]-1].Text)
	rank := rankWords(s.r.Tokens, head[1]-1, s.r.Tokens[head[0]].Sent)
	if !roleNouns[noun] || !definite(s.r.Tokens, head) || s.roleGiven(noun, rank) {
		return -1
	}
	for k := head[0]; k < head[1]; k++ {
		if s.possessive(k) {
			return -1 // the prime minister's spokesman is not the prime minister
		}
	}
	m := -1
	if f, _ := s.focus(head[1]-1, "he"); f >= 0 {
		m = s.subjectMention(f) // none when the focus is a pronoun
	}
	if m < 0 {
		// The focus is a pronoun, maybe the subject of the quotation the
		// description speaks (Tony Blair has dismissed reports …. "You
		// don't …," the prime minister told …): the sentence before
		// must name the person as its subject.
		m = s.prevRootSubject(head[0])
	}
	if m < 0 {
		m = s.protagonist(s.r.Tokens[head[0]].Start)
	}
	if m < 0 || s.ms[m].Label != "PERSON" || s.hasOtherRole(s.ms[m].EntityID, noun, rank) || s.namedInSentence(s.ms[m].EntityID, head[0]) {
		return -1
	}
	return m
}

// namedInSentence reports whether the sentence of token k names entity
// id: the chancellor said Mr Baume was never at the meetings is not Mr
// Baume.
func (s *speakerResolver) namedInSentence(id string, k int) bool {
	sent := s.r.Sentences[s.r.Tokens[k].Sent]
	for _, m := range s.ms {
		if m.EntityID == id && m.TokStart >= sent.TokStart && m.TokStart < sent.TokEnd {
			return true
		}
	}
	return false
}

// protagonist is the latest mention of the person the article has named
// most before text position pos, at least three times and more than
// twice as often as anyone else, or -1.
func (s *speakerResolver) protagonist(pos int) int {
	count, last := s.mentionCounts("PERSON", pos)
	best, second := "", 0
	for id, n := range count {
		if best == "" || n > count[best] || n == count[best] && id < best {
			if best != "" {
				second = max(second, count[best])
			}
			best = id
		} else {
			second = max(second, n)
		}
	}
	if best == "" || count[best] < 3 || count[best] <= 2*second {
		return -1
	}
	return last[best]
}

// roleGiven reports whether the article gives a named entity the role
// noun with these rank words: the deputy prime minister John Prescott
// does not make "the prime minister" someone the article named.
func (s *speakerResolver) roleGiven(noun, rank string) bool {
	for _, d := range s.nominals[noun] {
		if d.rank == rank {
			return true
		}
	}
	return false
}

// prevRootSubject is the mention of the subject of the root of the
// sentence before token k's, or -1; none when that sentence is a
// quotation.
func (s *speakerResolver) prevRootSubject(k int) int {
	prev := s.r.Tokens[k].Sent - 1
	if prev < 0 || s.r.Sentences[prev].TokStart >= s.r.Sentences[prev].TokEnd || english.IsQuoteMark(s.r.Tokens[s.r.Sentences[prev].TokStart].Text) {
		return -1 // a quotation's subject is what the speaker talks about
	}
	if f := s.rootSubject(prev); f >= 0 {
		return s.subjectMention(f)
	}
	return -1
}

// hasOtherRole reports whether the article gives person id a title or a
// description whose role is not noun with these rank words (Deputy Prime
// Minister John Prescott is not the prime minister).
func (s *speakerResolver) hasOtherRole(id, noun, rank string) bool {
	for _, m := range s.ms {
		if m.EntityID != id || m.Title == "" {
			continue
		}
		ws := strings.Fields(strings.ToLower(m.Title))
		if !slices.Contains(ws, noun) || titleRank(ws) != rank {
			return true
		}
	}
	for other, ds := range s.nominals {
		for _, d := range ds {
			if (other != noun || d.rank != rank) && s.ms[d.mention].EntityID == id {
				return true
			}
		}
	}
	return false
}

// lastPerson is the person's name that ends a noun phrase sp after
// other words (Minister for Europe Denis MacShane; development in poorer
// countries Gordon Brown), or -1. Not when the words before it hold a
// verb, a wh-word or a conjunction (who won for playing Katharine
// Hepburn; Intel, Samsung and …), nor when the name, with only
// honorifics and roles before it, is the object of a preposition or a
// possessive (a spokesman for Mr Prescott; for the prime minister Tony
// Blair).
func (s *speakerResolver) lastPerson(sp [2]int) int {
	toks := s.r.Tokens
	i := s.mentionAt(sp[1] - 1)
	if i < 0 || s.ms[i].Label != "PERSON" || s.ms[i].TokEnd != sp[1] || s.ms[i].TokStart <= sp[0] {
		return -1
	}
	start := s.ms[i].TokStart
	if !s.nominal(sp[0], start) {
		return -1
	}
	k := start - 1
	for k > sp[0] && (personHonorific(toks[k].Text) || roleNouns[strings.ToLower(toks[k].Text)] || rankModifiers[strings.ToLower(toks[k].Text)]) {
		k--
	}
	if p := toks[k].POS; p == "IN" || p == "TO" || p == "POS" || p == "DT" || p == "PRP$" {
		return -1
	}
	return i
}

// nominal reports whether tokens [from, to) hold no verb, wh-word or
// conjunction: words that can describe the name after them.
func (s *speakerResolver) nominal(from, to int) bool {
	for k := from; k < to; k++ {
		if p := s.r.Tokens[k].POS; strings.HasPrefix(p, "VB") || strings.HasPrefix(p, "W") || p == "CC" || p == "MD" {
			return false
		}
	}
	return true
}

// personHonorific reports whether a word is Mr, Mrs, Ms, Dr or Sir.
func personHonorific(w string) bool {
	switch strings.TrimSuffix(strings.ToLower(w), ".") {
	case "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor":
		return true
	}
	return false
}

// titleRank is rankWords for a title's lower-case words.
func titleRank(ws []string) string {
	var rs []string
	for _, w := range ws {
		if rankModifiers[w] {
			rs = append(rs, w)
		}
	}
	sort.Strings(rs)
	return strings.Join(rs, " ")
}

// personBeforeDescription is the person's name that stands, with a comma,
// right before a speaker phrase opening with a or the (Mark Serwotka, the
// leader of the union said), or -1: the phrase describes that person.
func (s *speakerResolver) personBeforeDescription(sp [2]int) int {
	toks := s.r.Tokens
	if sp[0] < 2 || toks[sp[0]-1].Text != "," {
		return -1
	}
	if w := strings.ToLower(toks[sp[0]].Text); w != "a" && w != "an" && w != "the" {
		return -1
	}
	i := s.mentionAt(sp[0] - 2)
	if i < 0 || s.ms[i].Label != "PERSON" || s.ms[i].TokEnd != sp[0]-1 || toks[s.ms[i].TokStart].Sent != toks[sp[0]].Sent {
		return -1
	}
	if s.ms[i].TokEnd-s.ms[i].TokStart < 2 && (s.ms[i].TokStart == 0 || !personHonorific(toks[s.ms[i].TokStart-1].Text)) {
		return -1 // one word is too often a name the model made of something else (Overall, the …)
	}
	// Not a name some other word governs (Reacting to a comment by All
	// England Club chairman Tim Phillips, the American said): before it
	// and its title, only the sentence's start, a quotation or a comma.
	k := s.ms[i].TokStart - 1
	for k >= 0 && toks[k].Sent == toks[sp[0]].Sent && (isNounTag(toks[k].POS) || toks[k].POS == "JJ") {
		k--
	}
	if k >= 0 && toks[k].Sent == toks[sp[0]].Sent && !english.IsQuoteMark(toks[k].Text) && toks[k].Text != "," && toks[k].POS != "CC" {
		return -1
	}
	return i
}

// onlyTitles reports whether a name is titles and roles alone (the Lord
// Chancellor, Prime Minister), which the entity model can read as a
// person: a person's name in apposition is then the speaker's.
func onlyTitles(name string) bool {
	ws := strings.Fields(name)
	for _, w := range ws {
		lw := strings.ToLower(w)
		if !personHonorific(w) && !roleNouns[lw] && !rankModifiers[lw] {
			return false
		}
	}
	return len(ws) > 0
}
