package quotes

// Speaker resolution: a speaker mention tied to an entity of the
// article, by name, pronoun or description.

import (
	"slices"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// speakerResolver ties speaker mentions to entities.
type speakerResolver struct {
	text string
	r    *doc.Document
	ms   []doc.Mention
	// nominals maps the head noun of a description to the mentions of
	// the named entities it describes, in text order (the minister
	// Sergei Lavrov, Chancellor Gordon Brown, Lavrov, the foreign
	// minister,).
	nominals map[string][]described
	spoke    map[string]int  // entity id → times it was a speaker so far
	gender   map[string]byte // person entity id → 'm' or 'f' where the text says (absent: unknown); nil until a he or she needs it
	// bySurname lists the person mentions by their canonical name's
	// surname, in text order; nil until namedBefore needs it.
	bySurname map[string][]int
	// last is the latest speaker resolved, for the pronouns after it.
	last lastSpeaker
	// spokes and documents are the spokespeople and the reports that
	// spoke so far, in text order.
	spokes, documents []describedSpeaker
	// subjects holds each token's first subject token (-1 for none); nil
	// until a pronoun needs it.
	subjects []int32
}

// lastSpeaker is a speaker mention's first token, the entity mention
// it was resolved to (-1 for none), and where what they said ends (bytes).
type lastSpeaker struct{ tok, mention, until int }

// genderOf is what the text says of a person entity's gender, worked out
// for the whole document the first time a he or she is resolved.
func (s *speakerResolver) genderOf(id string) byte {
	if s.gender == nil {
		s.gender = personGenders(s.r, s.ms)
	}
	return s.gender[id]
}

func newSpeakerResolver(text string, r *doc.Document, ms []doc.Mention) *speakerResolver {
	s := &speakerResolver{text: text, r: r, ms: ms, nominals: map[string][]described{}, spoke: map[string]int{}, last: lastSpeaker{-1, -1, -1}}
	// "the foreign minister Sergei Lavrov", "Chancellor Gordon Brown" and
	// "Lavrov, the foreign minister," tie a description's head noun to a
	// named entity.
	for i, m := range ms {
		if m.TokStart < 0 || (m.Label != "PERSON" && m.Label != "ORG") {
			continue
		}
		if j := m.TokStart - 1; j >= 0 && r.Tokens[j].Sent == m.Sent && describes(r.Tokens[j], m.Label) {
			s.nominals[strings.ToLower(r.Tokens[j].Text)] = append(s.nominals[strings.ToLower(r.Tokens[j].Text)],
				described{i, rankWords(r.Tokens, j, m.Sent)})
		}
		if j := m.TokEnd; j+2 < len(r.Tokens) && r.Tokens[j].Text == "," {
			k := j + 1
			for k < len(r.Tokens) && isNPToken(r.Tokens[k]) {
				k++
			}
			if k > j+1 && k < len(r.Tokens) && closesAppositive(r.Tokens[k].Text) && (r.Tokens[k-1].POS == "NN" || r.Tokens[k-1].POS == "NNS") {
				s.nominals[strings.ToLower(r.Tokens[k-1].Text)] = append(s.nominals[strings.ToLower(r.Tokens[k-1].Text)],
					described{i, rankWords(r.Tokens, k-1, m.Sent)})
			}
		}
	}
	return s
}

// closesAppositive reports whether a token ends an appositive noun
// phrase: Lavrov, the foreign minister, said; according to the
// observatory, a Britain-based monitor.
func closesAppositive(t string) bool { return t == "," || t == "." || t == ";" }

// described is a named entity's mention with the rank words of the
// description that named it (deputy, prime, shadow …).
type described struct {
	mention int
	rank    string
}

// rankModifiers are the words that make a role another role: the deputy
// prime minister is not the prime minister, nor the prime minister the
// minister.
var rankModifiers = map[string]bool{"deputy": true, "vice": true, "prime": true, "shadow": true, "former": true,
	"ex": true, "junior": true, "assistant": true, "acting": true, "interim": true, "associate": true}

// rankWords are the rank modifiers among the words of the description
// that ends at token j (in sentence sent), sorted and joined.
func rankWords(toks []doc.Token, j, sent int) string {
	var ws []string
	for k := j; k >= 0 && j-k < 5 && toks[k].Sent == sent; k-- {
		w := strings.ToLower(toks[k].Text)
		if rankModifiers[w] {
			ws = append(ws, w)
		}
		if p := toks[k].POS; p != "NN" && p != "NNS" && p != "NNP" && p != "JJ" && p != "HYPH" && k != j {
			break
		}
	}
	sort.Strings(ws)
	return strings.Join(ws, " ")
}

// describes reports whether token t, right before a name, is a common
// noun describing it: a lower-case noun (the minister Sergei Lavrov), or
// a capitalised role before a person (Chancellor Gordon Brown, Foreign
// Secretary Jack Straw).
func describes(t doc.Token, label string) bool {
	switch t.POS {
	case "NN", "NNS":
		return true
	case "NNP":
		return label == "PERSON" && roleNouns[strings.ToLower(t.Text)]
	}
	return false
}

// roleNouns are the roles news writes before a person's name with a
// capital, and after "the" without one.
var roleNouns = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`chancellor minister secretary president premier governor mayor senator
		chairman chairwoman chair chief director manager coach boss leader spokesman spokeswoman
		spokesperson commissioner ambassador envoy judge prosecutor attorney general inspector
		superintendent commander captain skipper striker midfielder defender goalkeeper king queen
		prince princess pope bishop archbishop editor economist analyst chancellor treasurer
		speaker mp senator congressman congresswoman`) {
		roleNouns[w] = true
	}
}

// firmNouns are the descriptions news uses for an organisation it has
// named: "the company said" after "Sony" is Sony.
var firmNouns = map[string]bool{"company": true, "firm": true, "bank": true, "carrier": true,
	"airline": true, "retailer": true, "maker": true, "manufacturer": true, "giant": true, "operator": true,
	"insurer": true, "lender": true, "broadcaster": true, "publisher": true, "developer": true, "club": true,
	"conglomerate": true, "supermarket": true, "chain": true, "watchdog": true, "regulator": true, "union": true,
	"monitor": true}

// namingNouns are descriptions that stand for the one organisation the
// article has named with the noun in its name (the commission: the
// Electoral Commission; the monitor: the Britain-based Syrian Observatory
// monitor is not named so), and for no other: "the group" after two
// mentions of Google is more often a pressure group than Google.
var namingNouns = map[string]bool{"group": true, "party": true, "ministry": true, "commission": true,
	"committee": true, "department": true, "agency": true, "organisation": true, "organization": true,
	"council": true, "institute": true, "charity": true, "association": true, "federation": true,
	"authority": true, "board": true, "observatory": true, "office": true, "court": true, "foundation": true}

// resolve fills the speaker's entity and resolution.
func (s *speakerResolver) resolve(at *attribution) {
	s.resolveSpeaker(at)
	if at.speakerTok[0] >= 0 {
		s.noteDescribed(speakerHead(s.r.Tokens, at.speakerTok), at)
	}
}

// namedInContent reports whether he or she, resolved to mention i, is
// someone the content after the cue names (He said Mr Blair had spoken
// with sincerity: not Mr Blair); a possessive (Lord Dubs' bill) does not
// count.
func (s *speakerResolver) namedInContent(i int, pronoun string, at *attribution) bool {
	if pronoun != "he" && pronoun != "she" || at.cue[1] > at.content[0] {
		return false
	}
	for _, m := range s.ms {
		if m.EntityID == s.ms[i].EntityID && m.Start >= at.content[0] && m.End <= at.content[1] && m.TokEnd < len(s.r.Tokens) && !s.possessive(m.TokEnd) {
			return true
		}
	}
	return false
}

// resolveAs gives at the speaker src was resolved to: a floating
// quotation's speaker is its source's, not its pronoun read again further
// on.
func (s *speakerResolver) resolveAs(at, src *attribution) {
	at.speakerTok, at.speaker = src.speakerTok, src.speaker
	at.entityID, at.canon, at.resolving = src.entityID, src.canon, src.resolving
	at.speakerKey, at.speakerLabel = src.speakerKey, src.speakerLabel
	if at.entityID == "" {
		return
	}
	s.spoke[at.entityID]++
	for i, m := range s.ms {
		if m.EntityID == at.entityID && m.TokStart >= 0 && m.TokStart <= src.speakerTok[0] {
			s.last = lastSpeaker{src.speakerTok[0], i, at.content[1]} // the latest mention of the speaker so far
		}
	}
}

func (s *speakerResolver) resolveSpeaker(at *attribution) {
	at.resolving = doc.ResolvedUnresolved
	if at.speakerTok[0] < 0 {
		return
	}
	at.speakerTok[0] = s.subjectStart(at)
	if rel := at.relativeTo; rel[0] < rel[1] {
		// Resolve what the relative pronoun stands for, keep the pronoun.
		who := at.speakerTok
		at.speakerTok, at.relativeTo = rel, [2]int{}
		s.resolveSpeaker(at)
		at.speakerTok = who
		at.speaker = [2]int{s.r.Tokens[who[0]].Start, s.r.Tokens[who[1]-1].End}
		if at.entityID == "" {
			s.relativeInParse(at)
		}
		if at.resolving == doc.ResolvedName {
			at.resolving = doc.ResolvedPronoun
		}
		return
	}
	head := s.headThroughName(speakerHead(s.r.Tokens, at.speakerTok), at.speakerTok)
	best := s.phraseName(at, head)
	t0, t1 := at.speakerTok[0], at.speakerTok[1]
	at.speaker = [2]int{s.r.Tokens[t0].Start, s.r.Tokens[t1-1].End}
	if best < 0 && head == at.speakerTok {
		best = s.namedBefore(t0, t1)
	}
	if best >= 0 && s.ms[best].Label == "ORG" {
		if i := s.namedHolder(head, best); i >= 0 {
			s.set(at, i, doc.ResolvedNominal)
			return
		}
	}
	if best >= 0 {
		s.set(at, best, doc.ResolvedName)
		return
	}
	if t1-t0 == 1 {
		w := strings.ToLower(s.r.Tokens[t0].Text)
		if want, ok := subjectPronouns[w]; ok {
			if i := s.pronounTok(t0, want, w); i >= 0 && !s.namedInContent(i, w, at) {
				s.set(at, i, doc.ResolvedPronoun)
			}
			return
		}
		if w == "who" || w == "which" {
			if s.relativeInParse(at); at.entityID != "" {
				return
			}
		}
	}
	at.resolving = doc.ResolvedNominal
	if i := s.descriptionOf(at, head); i >= 0 {
		s.set(at, i, doc.ResolvedNominal)
	}
}

// phraseName is the name a speaker phrase gives its speaker (-1 for
// none): a name in its head; the name its head stops inside; a person's
// name that ends it; or a person in apposition, to which at.speakerTok
// then moves.
func (s *speakerResolver) phraseName(at *attribution, head [2]int) int {
	best := s.nameIn(head)
	if m := s.mentionAt(head[1] - 1); best < 0 && m >= 0 && s.ms[m].TokStart >= head[0] && (s.ms[m].Label == "ORG" || s.ms[m].Label == "PERSON") {
		// The phrase stops inside a name (according to the Syrian
		// Observatory | for Human Rights): the name is the speaker.
		best = m
	}
	if best < 0 || s.ms[best].Label != "PERSON" || onlyTitles(s.ms[best].Text) {
		if i := s.personBeforeDescription(at.speakerTok); i >= 0 {
			// Eva Lichtenberg, an Austrian Green member of the European
			// Parliament said: the comma that would close the
			// description is missing.
			at.speakerTok, best = [2]int{s.ms[i].TokStart, s.ms[i].TokEnd}, i
		} else if i := s.lastPerson(at.speakerTok); i >= 0 {
			// Liberal Democrat spokeswoman for women Sandra Gidley said.
			best = i
		} else if at.appositive[0] >= 0 && at.appositive[0] < at.appositive[1] {
			if i := s.nameIn(at.appositive); i >= 0 && s.ms[i].Label == "PERSON" && !s.possessive(s.ms[i].TokEnd) && s.nominal(at.appositive[0], s.ms[i].TokStart) {
				// The minister for coastal affairs, Tomas Reyna, said; the
				// party's health spokeswoman, Eleanor Scott, said.
				at.speakerTok, best = at.appositive, i
			}
		}
	}
	return best
}

// descriptionOf is the entity a speaker phrase that names no one stands
// for (the foreign minister, the newspaper, the report, a spokesman, the
// company, the chancellor, analysts at Corran Bank), or -1.
func (s *speakerResolver) descriptionOf(at *attribution, head [2]int) int {
	t0, t1 := at.speakerTok[0], at.speakerTok[1]
	if i := s.described(head, s.r.Tokens[t0].Start); i >= 0 {
		return i
	}
	if i, done := s.publicationBefore(head, at.speakerTok); done {
		return i
	}
	if i, done := s.documentAuthor(head, at.speakerTok); done {
		return i
	}
	if i, done := s.forWhomSpoken(head, at.speakerTok); done {
		return i
	}
	if i := s.firmInFocus(head); i >= 0 {
		return i
	}
	if i := s.roleInFocus(head); i >= 0 {
		return i
	}
	// "Analysts at Corran Bank", "a spokesman for the ministry": people
	// who speak for an organization are tied to it; a person or a place
	// after the preposition is not who spoke (a spokesman for Trump).
	if head != at.speakerTok {
		if i := s.nameIn([2]int{head[1], t1}); i >= 0 && s.ms[i].Label == "ORG" {
			return i
		}
	}
	return -1
}

// described is the entity a description (head: its tokens up to its
// head noun) stands for at text position pos: the latest one the text
// described with the same noun and rank words (the foreign minister
// Sergei Lavrov … the foreign minister), or for "the company" and its
// kind the organisation it names (salientOrg); -1 for none.
func (s *speakerResolver) described(head [2]int, pos int) int {
	noun := strings.ToLower(s.r.Tokens[head[1]-1].Text)
	if i := s.describedBefore(noun, rankWords(s.r.Tokens, head[1]-1, s.r.Tokens[head[0]].Sent), pos); i >= 0 {
		return i
	}
	if (firmNouns[noun] || namingNouns[noun]) && definite(s.r.Tokens, head) {
		return s.salientOrg(noun, pos, !namingNouns[noun])
	}
	return -1
}

// rivalSubject reports whether the sentence of token f has another
// organisation as a subject (Sony cut its prices and Nintendo followed):
// then "the company" after it could be either.
func (s *speakerResolver) rivalSubject(f int, id string) bool {
	sent := s.r.Sentences[s.r.Tokens[f].Sent]
	for j := sent.TokStart; j < sent.TokEnd; j++ {
		if d := s.r.Tokens[j].Dep; d != "nsubj" && d != "nsubj:pass" {
			continue
		}
		if m := s.mentionAt(j); m >= 0 && s.ms[m].Label == "ORG" && s.ms[m].EntityID != id {
			return true
		}
	}
	return false
}

// headThroughName extends a speaker phrase's head to the end of a name it
// cuts (speakerHead stops at "for" or "of": the Office | for National
// Statistics), so the name is found whole; sp is the whole phrase.
func (s *speakerResolver) headThroughName(head, sp [2]int) [2]int {
	if head == sp {
		return head
	}
	from := sort.Search(len(s.ms), func(i int) bool { return s.ms[i].TokStart >= head[0] })
	for i := from; i < len(s.ms) && s.ms[i].TokStart < head[1]; i++ {
		if m := s.ms[i]; m.TokStart >= 0 && m.TokEnd > head[1] && m.TokEnd <= sp[1] {
			head[1] = m.TokEnd
		}
	}
	return head
}

// describedBefore is the latest mention before pos of an entity the text
// described with noun and the same rank words, or -1.
func (s *speakerResolver) describedBefore(noun, rank string, pos int) int {
	best := -1
	for _, d := range s.nominals[noun] {
		if s.ms[d.mention].Start < pos && d.rank == rank {
			best = d.mention
		}
	}
	return best
}

// definite reports whether a description begins with the or this: the
// company, this firm; a company is not the one the article named.
func definite(toks []doc.Token, head [2]int) bool {
	w := strings.ToLower(toks[head[0]].Text)
	return w == "the" || w == "this"
}

// mentionCounts counts the mentions of each entity of the label before
// text position pos, and gives each one's latest mention.
func (s *speakerResolver) mentionCounts(label string, pos int) (count, last map[string]int) {
	count, last = map[string]int{}, map[string]int{}
	for i, m := range s.ms {
		if m.Start >= pos {
			break
		}
		if m.Label == label && m.EntityID != "" {
			count[m.EntityID]++
			last[m.EntityID] = i
		}
	}
	return count, last
}

// salientOrg is the organisation "the company" stands for at pos: the one
// whose name holds the noun (the bank: the Bank of England) if exactly one
// does, else the one the article has named most often before pos, at
// least twice and more than any other (only when mostNamed); -1 when none
// is clear.
func (s *speakerResolver) salientOrg(noun string, pos int, mostNamed bool) int {
	count, last := s.mentionCounts("ORG", pos)
	named := map[string]bool{} // organisations whose name holds the noun
	for id, i := range last {
		if slices.Contains(strings.Fields(strings.ToLower(s.ms[i].Canonical)), noun) {
			named[id] = true
		}
	}
	if len(named) == 1 {
		for id := range named {
			return last[id]
		}
	}
	if !mostNamed {
		return -1
	}
	best, bestN, tied := -1, 0, false
	for id, n := range count {
		switch {
		case n > bestN:
			best, bestN, tied = last[id], n, false
		case n == bestN:
			tied = true
		}
	}
	if tied || bestN < 2 {
		return -1
	}
	return best
}

// personGenders tells, for the person entities of a document, the gender
// the text gives: an honorific before a mention (Mr, Mrs, Ms, Sir, Lady)
// or a first name of one gender (gazetteer/firstnames.txt) in a mention or
// the canonical name. Contradicting evidence leaves it unknown.
func personGenders(r *doc.Document, ms []doc.Mention) map[string]byte {
	names := english.GenderOfFirstName()
	seen := map[string]byte{}
	note := func(id string, g byte) {
		switch old, ok := seen[id]; {
		case !ok:
			seen[id] = g
		case old != g:
			seen[id] = 'x'
		}
	}
	for _, m := range ms {
		if m.Label != "PERSON" {
			continue
		}
		if m.TokStart > 0 && r.Tokens[m.TokStart-1].Sent == m.Sent {
			if g, ok := english.HonorificGender[strings.ToLower(r.Tokens[m.TokStart-1].Text)]; ok && english.StartsUpper(r.Tokens[m.TokStart-1].Text) {
				note(m.EntityID, g)
			}
		}
		for _, name := range []string{m.Text, m.Canonical} {
			first, _, multi := strings.Cut(strings.TrimSpace(name), " ")
			if !multi {
				continue // a lone word is a surname as often as a first name
			}
			if g, ok := names[strings.ToLower(first)]; ok {
				note(m.EntityID, g)
			}
		}
	}
	out := make(map[string]byte, len(seen))
	for id, g := range seen {
		if g != 'x' {
			out[id] = g
		}
	}
	return out
}

// namedBefore finds, for a speaker phrase of proper nouns the entity model
// did not mark (…,” Berg said), a person named earlier whose name ends with
// it.
func (s *speakerResolver) namedBefore(t0, t1 int) int {
	for k := t0; k < t1; k++ {
		if p := s.r.Tokens[k].POS; p != "NNP" && p != "NNPS" {
			return -1
		}
	}
	if s.bySurname == nil {
		s.bySurname = map[string][]int{}
		for i, m := range s.ms {
			if m.Label == "PERSON" {
				k := english.Surname(english.NameKey(m.Canonical))
				s.bySurname[k] = append(s.bySurname[k], i)
			}
		}
	}
	// The last such person mention of the ones before the speaker (ms are
	// in text order): a look-up, not a walk over every mention.
	before := sort.Search(len(s.ms), func(i int) bool { return s.ms[i].Start >= s.r.Tokens[t0].Start })
	same := s.bySurname[strings.ToLower(s.r.Tokens[t1-1].Text)]
	if k := sort.SearchInts(same, before); k > 0 {
		return same[k-1]
	}
	return -1
}

// nameIn returns the best named entity inside a token range (a person
// before an organisation before a place), or -1.
func (s *speakerResolver) nameIn(rng [2]int) int {
	best, possessor, after := -1, -1, -1
	from := sort.Search(len(s.ms), func(i int) bool { return s.ms[i].TokStart >= rng[0] })
	for i := from; i < len(s.ms) && s.ms[i].TokStart < rng[1]; i++ {
		m := s.ms[i]
		if m.TokEnd <= rng[1] && m.TokStart >= 0 {
			if m.Label != "PERSON" && m.Label != "ORG" && m.TokEnd != rng[1] {
				continue // a place or nationality modifying a description (the Russian foreign minister) is not the speaker
			}
			if possessor >= 0 && m.TokStart == after && m.Label != "PERSON" {
				continue // a name run on from a possessive: Ocean's Eleven, St David's Shopping Centre
			}
			if possessor < 0 && m.TokEnd+1 < rng[1] && s.possessive(m.TokEnd) && s.personAfter(i, rng[1]) {
				// Gartner's analyst Kobita Desai, Senator Leahy's
				// spokeswoman Tracy Schmaler: the possessor is who they
				// work for; a name after the role is who spoke.
				possessor, after = i, m.TokEnd+1
				continue
			}
			// Of two names of one rank, the later is the phrase's head when
			// only modifiers stand between them ("Lib Dem home affairs
			// spokesman Mark Oaten", "Investec economist David Page"), not
			// a preposition, a conjunction or a possessive (Andreas
			// Adriano of Latin Trade Magazine, Audi and Mercedes Benz).
			if best < 0 || labelRank(m.Label) < labelRank(s.ms[best].Label) ||
				labelRank(m.Label) == labelRank(s.ms[best].Label) && s.onlyModifiers(s.ms[best].TokEnd, m.TokStart) {
				best = i
			}
		}
	}
	if best < 0 {
		return possessor
	}
	return best
}

// onlyModifiers reports whether tokens from to to are words that modify
// a name after them: no preposition, conjunction, possessive or comma.
func (s *speakerResolver) onlyModifiers(from, to int) bool {
	for k := from; k < to; k++ {
		switch w := strings.ToLower(s.r.Tokens[k].Text); w {
		case "of", "for", "in", "at", "on", "from", "with", "by", "and", "&", "or", "'s", "’s", "'", "’", ",", "(", ")":
			return false
		}
	}
	return true
}

// personAfter reports whether a person is named after mention i, before
// token end: who a possessor's role word describes (Gartner's analyst
// Kobita Desai).
func (s *speakerResolver) personAfter(i, end int) bool {
	for j := i + 1; j < len(s.ms) && s.ms[j].TokStart < end; j++ {
		if s.ms[j].Label == "PERSON" && s.ms[j].TokEnd <= end {
			return true
		}
	}
	return false
}

// possessive reports whether token k is a possessive 's.
func (s *speakerResolver) possessive(k int) bool {
	w := s.r.Tokens[k].Text
	if w == "'" || w == "’" {
		// Ebbers' lawyer, not Brian 'Head' Welch.
		return k > 0 && strings.HasSuffix(s.r.Tokens[k-1].Text, "s")
	}
	return w == "'s" || w == "’s"
}

func (s *speakerResolver) set(at *attribution, i int, how string) {
	m := s.ms[i]
	at.entityID, at.canon, at.resolving = m.EntityID, m.Canonical, how
	at.speakerKey = m.Key
	if at.speakerKey == "" && m.Canonical != "" {
		at.speakerKey = english.EntityKey(m.Canonical, m.Label)
	}
	s.spoke[m.EntityID]++
	at.speakerLabel = m.Label
	s.last = lastSpeaker{at.speakerTok[0], i, at.content[1]}
}

func labelRank(l string) int {
	switch l {
	case "PERSON":
		return 0
	case "ORG":
		return 1
	case "GPE", "NORP":
		return 2
	}
	return 3
}

// antecedent is the fallback for he, she and it (pronounTok): among the
// entities of the wanted label mentioned in the window before pos, the
// one the article has quoted most, ties going to the most recent; he
// and she skip a person the text gives the other gender.
func (s *speakerResolver) antecedent(pos int, want, pronoun string) int {
	end := sort.Search(len(s.ms), func(i int) bool { return s.ms[i].Start >= pos })
	best, bestSpoke := -1, -1
	for i := end - 1; i >= 0 && i >= end-antecedentWindow; i-- {
		m := s.ms[i]
		if want != "" && m.Label != want {
			continue
		}
		if pronoun == "he" && s.genderOf(m.EntityID) == 'f' || pronoun == "she" && s.genderOf(m.EntityID) == 'm' {
			continue
		}
		if sp := s.spoke[m.EntityID]; sp > bestSpoke {
			best, bestSpoke = i, sp
		}
	}
	return best
}
