package quotes

// Documents as speakers: "the report said" speaks for whoever the article
// said wrote the report.

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// documentNouns are the nouns for a document that findings are credited
// to.
var documentNouns = map[string]bool{"report": true, "study": true, "survey": true, "poll": true,
	"research": true, "analysis": true, "review": true, "audit": true}

// documentAuthor reads "the report" (a definite document noun, nothing
// after it, only lower-case adjectives between) as the organisation that
// wrote it, or -1:
//
//   - the author of the report quoted last (According to a World Bank
//     report … The report said … The report also said);
//   - else the author the article last gave a document before it (a
//     separate study by Gartner, a World Bank report); a document it gave
//     no author (a new study) stops the search;
//   - else the organisation in focus, when the article has quoted it
//     (The NAO urged the government to act. The report says …): an
//     organisation the article only writes about (The CSA was in crisis.
//     The report said …) is more often what the report is about.
//
// done reports whether the phrase was such a description, resolved or
// not.
func (s *speakerResolver) documentAuthor(head, sp [2]int) (m int, done bool) {
	toks := s.r.Tokens
	if !documentNouns[strings.ToLower(toks[head[1]-1].Text)] || head != sp || !definite(toks, head) {
		return -1, false
	}
	for k := head[0] + 1; k < head[1]-1; k++ {
		if english.StartsUpper(toks[k].Text) {
			return -1, false // the Hutton report: a name, found elsewhere
		}
	}
	if n := len(s.documents); n > 0 && s.documents[n-1].mention >= 0 {
		return s.documents[n-1].mention, true
	}
	if m, found := s.authorBefore(head[0]); found {
		return m, true
	}
	if m := s.orgInFocus(head[1] - 1); m >= 0 && s.spoke[s.ms[m].EntityID] > 0 {
		return m, true
	}
	return -1, true
}

// authorBefore looks back from token k, through the sentence before k's,
// for a document noun the text gave an author: an organisation's name
// right before it (a World Bank report) or after by or from (a study by
// Gartner). found is false when there was no document noun with an author
// or an indefinite one without (a new study: someone else's).
func (s *speakerResolver) authorBefore(k int) (m int, found bool) {
	toks := s.r.Tokens
	first := toks[k].Sent - 1
	for j := k - 1; j >= 0 && toks[j].Sent >= first; j-- {
		if !documentNouns[strings.ToLower(toks[j].Text)] {
			continue
		}
		if i := s.mentionAt(j - 1); i >= 0 && s.ms[i].Label == "ORG" {
			return i, true
		}
		if b := j + 1; b+1 < len(toks) && (strings.EqualFold(toks[b].Text, "by") || strings.EqualFold(toks[b].Text, "from")) {
			if i := s.orgAt(b + 1); i >= 0 {
				return i, true
			}
		}
		if indefiniteBefore(toks, j) {
			return -1, true
		}
	}
	return -1, false
}

// orgAt is the organisation mention starting at token k, or at k+1 after
// the or a description (by the consultancy Gartner), or -1.
func (s *speakerResolver) orgAt(k int) int {
	for j := k; j < len(s.r.Tokens) && j <= k+3; j++ {
		if i := s.mentionAt(j); i >= 0 {
			if s.ms[i].Label == "ORG" {
				return i
			}
			return -1
		}
	}
	return -1
}

// indefiniteBefore reports whether the noun phrase ending at token j opens
// with a or an (a new study).
func indefiniteBefore(toks []doc.Token, j int) bool {
	for k := j - 1; k >= 0 && j-k <= 4; k-- {
		switch strings.ToLower(toks[k].Text) {
		case "a", "an":
			return true
		case "the", "this", "its", "their", "his", "her":
			return false
		}
		if p := toks[k].POS; p != "JJ" && p != "NN" && p != "VBN" && p != "CD" && p != "HYPH" {
			return false
		}
	}
	return false
}
