package quotes

// Descriptions that stand for an organisation: "the company" is the one
// the article is about at that point, "a spokesman said" speaks for it,
// "the spokesman" is the one quoted before; "the newspaper" is the
// newspaper the article named last.

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// spokesNouns are the nouns for someone who speaks for an organisation.
var spokesNouns = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true}

// describedSpeaker is a speaker a description names (a spokesperson, a
// report): the phrase's tokens [tok, end) and the entity mention it was
// resolved to (-1 for none).
type describedSpeaker struct{ tok, end, mention int }

// spokesAt reports whether token f lies in the phrase of a spokesperson
// who spoke, and the mention they spoke for (-1 for none): "he said"
// after a spokesman's words is the spokesman, and speaks for whom they
// did.
func (s *speakerResolver) spokesAt(f int) (int, bool) {
	return describedAt(s.spokes, f)
}

// documentAt is spokesAt for reports: "it" after a report's words is the
// report, and speaks for whoever wrote it (the report said …. It
// questioned whether …).
func (s *speakerResolver) documentAt(f int) (int, bool) {
	return describedAt(s.documents, f)
}

// describedAt reports whether token f lies in the phrase of one of ds,
// and the mention that one was resolved to.
func describedAt(ds []describedSpeaker, f int) (int, bool) {
	for _, d := range ds {
		if d.tok <= f && f < d.end {
			return d.mention, true
		}
	}
	return -1, false
}

// forWhomSpoken reads a bare spokesperson (a spokesman, the official
// spokeswoman: nothing but adjectives between the determiner and the noun,
// no "for", no possessive), whose phrase sp ends with its head, and
// returns the mention they speak for, or -1:
//
//   - "the spokesman" is the spokesperson quoted last, and speaks for whom
//     they did (A UKIP spokesman said … “…,” the spokesman added); when
//     that one spoke for no one named, neither does this one;
//   - otherwise (a spokesman, or the first "the spokesman") the
//     organisation in focus, as firmInFocus reads "the company": LNM said
//     it welcomed the offer. "We would look at it," a spokesman said.
//
// done reports whether the phrase was a bare spokesperson, resolved or
// not.
func (s *speakerResolver) forWhomSpoken(head, sp [2]int) (m int, done bool) {
	toks := s.r.Tokens
	noun := strings.ToLower(toks[head[1]-1].Text)
	if !spokesNouns[noun] || head != sp {
		return -1, false
	}
	det := strings.ToLower(toks[head[0]].Text)
	if det != "a" && det != "an" && det != "the" {
		return -1, false
	}
	for k := head[0] + 1; k < head[1]-1; k++ {
		if toks[k].POS != "JJ" || english.StartsUpper(toks[k].Text) {
			return -1, false // a police spokesman, a Labour spokesman
		}
	}
	if det == "the" {
		for i := len(s.spokes) - 1; i >= 0; i-- {
			if sp := s.spokes[i]; sp.tok < head[0] {
				return sp.mention, true
			}
		}
	}
	return s.orgInFocus(head[1] - 1), true
}

// firmInFocus reads "the company" (a definite description by one of
// firmNouns) as it would "it": the organisation that is the focus before
// it (Ryanair ordered jets. The airline said …); failing that, the one
// organisation named since the sentence before began; or -1.
func (s *speakerResolver) firmInFocus(head [2]int) int {
	noun := strings.ToLower(s.r.Tokens[head[1]-1].Text)
	if !firmNouns[noun] || !definite(s.r.Tokens, head) {
		return -1
	}
	if m := s.orgInFocus(head[1] - 1); m >= 0 {
		return m
	}
	if noun == "regulator" || noun == "watchdog" {
		return -1 // the regulator is seldom the company the story is about
	}
	return s.onlyOrgBefore(head[0])
}

// inDateline reports whether a mention lies in the article's dateline
// (LANTHORN — The national rail operator said …): a place, whatever the
// model read.
func (s *speakerResolver) inDateline(m doc.Mention) bool {
	for _, z := range s.r.Zones {
		if z.Kind == doc.ZoneDateline && z.Start <= m.Start && m.End <= z.End {
			return true
		}
	}
	return false
}

// onlyOrgBefore is the one organisation the text names from the start of
// the sentence before token k's up to k (Profits at drugmaker Dr Reddy's
// fell 93%. The firm said …), not counting names that modify a noun or
// stand in the dateline, or -1 when it names none or several.
func (s *speakerResolver) onlyOrgBefore(k int) int {
	from := s.r.Sentences[max(s.r.Tokens[k].Sent-1, 0)].TokStart
	only := -1
	for i, m := range s.ms {
		if m.TokStart < from || m.Label != "ORG" {
			continue
		}
		if m.TokStart >= k {
			break
		}
		if e := m.TokEnd; e < len(s.r.Tokens) && isNounTag(s.r.Tokens[e].POS) || s.inDateline(m) {
			continue // a modifier (the Enron scandal, Sun's Network Computing event) or a dateline
		}
		if only >= 0 && s.ms[only].EntityID != m.EntityID {
			return -1
		}
		only = i
	}
	return only
}

// namedHolder reads a role of an organisation (the Lib Dem spokesman: a
// role noun heading head, org the organisation named in it) as the person
// the article named before with that role of that organisation (Lib Dem
// Treasury spokesman Vince Cable), or -1.
func (s *speakerResolver) namedHolder(head [2]int, org int) int {
	toks := s.r.Tokens
	noun := strings.ToLower(toks[head[1]-1].Text)
	if !roleNouns[noun] {
		return -1
	}
	i := s.describedBefore(noun, rankWords(toks, head[1]-1, toks[head[0]].Sent), toks[head[0]].Start)
	if i < 0 || s.ms[i].Label != "PERSON" {
		return -1
	}
	for k := s.ms[i].TokStart - 1; k >= 0 && k >= s.ms[i].TokStart-6 && toks[k].Sent == s.ms[i].Sent; k-- {
		if m := s.mentionAt(k); m >= 0 && (s.ms[m].EntityID == s.ms[org].EntityID || strings.HasPrefix(s.ms[m].Text, s.ms[org].Text+" ")) {
			return i // the same organisation, or a name that starts with it (Lib Dem Treasury)
		}
	}
	return -1
}

// orgInFocus is the organisation that is the focus before token k (see
// focus), or -1: none when it is not an organisation, or when another
// organisation is a subject of the same sentence.
func (s *speakerResolver) orgInFocus(k int) int {
	f, m := s.focus(k, "it")
	if f < 0 {
		return -1
	}
	if m < 0 {
		m = s.mentionAt(f)
	}
	if m < 0 || s.ms[m].Label != "ORG" || s.rivalSubject(f, s.ms[m].EntityID) {
		return -1
	}
	return m
}

// noteDescribed records a spokesperson or a document that spoke (a
// speaker phrase headed by a spokes or document noun), for the "the
// spokesman" or "the report" after it.
func (s *speakerResolver) noteDescribed(head [2]int, at *attribution) {
	noun := strings.ToLower(s.r.Tokens[head[1]-1].Text)
	if !spokesNouns[noun] && !documentNouns[noun] {
		return
	}
	m := -1
	if at.entityID != "" {
		m = s.last.mention
	}
	d := describedSpeaker{at.speakerTok[0], at.speakerTok[1], m}
	if spokesNouns[noun] {
		s.spokes = append(s.spokes, d)
	} else {
		s.documents = append(s.documents, d)
	}
}

// publicationNouns are the nouns for a newspaper or a magazine.
var publicationNouns = map[string]bool{"paper": true, "newspaper": true, "daily": true, "tabloid": true,
	"broadsheet": true, "weekly": true, "magazine": true}

// publicationBefore reads "the newspaper" (the paper, the Sunday
// tabloid: a definite publication noun, nothing after it, only lower-case
// adjectives between) as the last publication the article named before
// it: an organisation whose name ends like a newspaper's (the Observer),
// or that a publication noun describes (Spanish daily ABC). done reports
// whether the phrase was such a description, resolved or not.
func (s *speakerResolver) publicationBefore(head, sp [2]int) (m int, done bool) {
	toks := s.r.Tokens
	if !publicationNouns[strings.ToLower(toks[head[1]-1].Text)] || head != sp || !definite(toks, head) {
		return -1, false
	}
	for k := head[0] + 1; k < head[1]-1; k++ {
		if english.StartsUpper(toks[k].Text) && toks[k].Text != "Sunday" {
			return -1, false // the Murdoch paper
		}
	}
	for i := len(s.ms) - 1; i >= 0; i-- {
		if m := s.ms[i]; m.Start < toks[head[0]].Start && m.Label == "ORG" && s.publication(m) {
			return i, true
		}
	}
	return -1, true
}

// publication reports whether a mention names a newspaper or a magazine.
func (s *speakerResolver) publication(m doc.Mention) bool {
	if english.Masthead(m.Text) {
		return true
	}
	j := m.TokStart - 1
	return j >= 0 && publicationNouns[strings.ToLower(s.r.Tokens[j].Text)]
}
