package quotes

// Pronoun speakers: the entity a he, she, it or they stands for.

import (
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// pronounTok resolves the pronoun at token k. The pronoun's focus comes
// first: the subject of a clause the pronoun's clause hangs from (Mr
// Martin revealed … and he cautioned …; The Lib Dems argue they …), else
// the subject of the sentence before (Harry Kane won the award. He said
// …; Yukos is suing … It has also threatened …). The focus is the
// antecedent when it is a named entity of a kind the pronoun can stand
// for, or a description that stands for one (The company said … It
// added …); a pronoun of the same kind there stands for what that one
// does; he or she after a spokesperson (A spokesman for the OUP said …
// “…,” he said) is that spokesperson, who speaks for the organisation,
// or for no one named. Otherwise he, she and it go to the person or organisation of the
// window before that the article has quoted most (antecedent), and they
// to none: a plural pronoun after a common noun (experts warned. They
// say …) stands for people the article does not name.
func (s *speakerResolver) pronounTok(k int, want, pronoun string) int {
	if pronoun == "i" || pronoun == "we" {
		return -1
	}
	return s.pronounCandidate(k, want, pronoun)
}

// pronounCandidate is pronounTok's reading before the check that the
// sentence does not name the candidate after the pronoun.
func (s *speakerResolver) pronounCandidate(k int, want, pronoun string) int {
	for depth, at := 0, k; depth < 4; depth++ {
		f, m := s.focus(at, pronoun)
		if f < 0 {
			break
		}
		if m < 0 {
			m = s.subjectMention(f)
		}
		if m < 0 {
			m = s.described(s.phrase(f), s.r.Tokens[f].Start)
		}
		if m >= 0 && s.fits(s.ms[m], want, pronoun) {
			return m
		}
		if sm, ok := s.spokesAt(f); ok && (pronoun == "he" || pronoun == "she") {
			return sm
		}
		if dm, ok := s.documentAt(f); ok && pronoun == "it" {
			return dm
		}
		if m >= 0 {
			break
		}
		if !strings.EqualFold(s.r.Tokens[f].Text, pronoun) {
			break
		}
		at = f // the focus is the same pronoun: follow it
	}
	if pronoun == "they" {
		return -1
	}
	return s.antecedent(s.r.Tokens[k].Start, want, pronoun)
}

// relativeInParse resolves a relative pronoun speaker (the OECD, which
// argued …) through the parse when the words before it did not give a
// name: the noun its clause (acl:relcl) hangs on, when a person's or an
// organisation's name holds it.
func (s *speakerResolver) relativeInParse(at *attribution) {
	toks := s.r.Tokens
	k := at.speakerTok[0]
	if at.speakerTok[1]-k != 1 || toks[k].Head < 0 || toks[toks[k].Head].Dep != "acl:relcl" {
		return
	}
	if m := s.mentionAt(toks[toks[k].Head].Head); m >= 0 && (s.ms[m].Label == "PERSON" || s.ms[m].Label == "ORG") {
		s.set(at, m, doc.ResolvedPronoun)
	}
}

// subjectStart is where a speaker phrase should start: at its first word
// when that word belongs to the cue's subject in the parse, else at the
// subject's first word when the words before it are an oblique of the
// cue's (In the 62nd minute Kim Min-Woo conceded …, Last month Wenger
// said …: the time is the cue's, not the speaker's).
func (s *speakerResolver) subjectStart(at *attribution) int {
	toks := s.r.Tokens
	s0, s1 := at.speakerTok[0], at.speakerTok[1]
	k0, k1 := tokenAt(toks, at.cue[0]), tokenAt(toks, at.cue[1])
	if at.cue[1] <= at.cue[0] || k0 < 0 || s1 > k0 {
		return s0 // no cue, or the speaker is not before it
	}
	if k1 < 0 {
		k1 = len(toks)
	}
	h := cueHead(toks, k0, k1)
	if h < 0 {
		return s0
	}
	j := s.subjectOf(h)
	if j < s0 || j >= s1 || j == s0 {
		return s0
	}
	// The words before the subject must be an oblique of the cue's: one
	// the preposition before the phrase opens (In the 62nd minute …), or
	// a bare time (Last month Wenger said).
	opened := s0 > 0 && toks[s0-1].Dep == "case" && toks[s0-1].Head >= s0 && toks[s0-1].Head < j
	for t := s0; t <= j; t++ {
		if t == j || childOnPath(toks, t, j) >= 0 {
			if m := s.mentionAt(t); m >= 0 && s.ms[m].TokStart < t && s.ms[m].TokStart >= s0 {
				return s.ms[m].TokStart // not inside a name (Wednesday Anna | Berg)
			}
			return t
		}
		c := childOnPath(toks, t, h)
		if c < 0 || !opened && toks[c].Dep != "obl:tmod" && toks[c].Dep != "nmod:tmod" && toks[c].Dep != "obl:npmod" {
			return s0 // a word that hangs elsewhere: leave the phrase alone
		}
	}
	return s0
}

// fits reports whether mention m can be what the pronoun stands for.
func (s *speakerResolver) fits(m doc.Mention, want, pronoun string) bool {
	if want != "" && m.Label != want {
		return false
	}
	if pronoun == "they" && m.Label != "ORG" && m.Label != "NORP" {
		return false
	}
	return !(pronoun == "he" && s.genderOf(m.EntityID) == 'f' || pronoun == "she" && s.genderOf(m.EntityID) == 'm')
}

// focus is what a pronoun at token k is first read against: the
// subject, before k, of the nearest clause above the pronoun's own in the
// parse; else the speaker of the attribution just before, in this
// sentence or the previous one (Neville admitted … “…,” he said), or
// whose quotation ran into the previous sentence, with its mention; else the subject of the previous sentence's root. A
// subject whose number the pronoun does not share (The comments came as
// it reported …) is passed over. It gives the token, and the mention
// when it is a speaker's; -1 for none.
func (s *speakerResolver) focus(k int, pronoun string) (int, int) {
	toks := s.r.Tokens
	if h := toks[k].Head; h >= 0 {
		for a, n := toks[h].Head, 0; a >= 0 && n < 32; a, n = toks[a].Head, n+1 {
			if j := s.subjectOf(a); j >= 0 && j < k && agrees(toks[j], pronoun) {
				return j, -1
			}
		}
	}
	sent := toks[k].Sent
	if l := s.last; l.mention >= 0 && l.tok < k && (toks[l.tok].Sent >= sent-1 || sent > 0 && l.until > s.r.Sentences[sent-1].Start) {
		return l.tok, l.mention
	}
	if f := s.rootSubject(sent - 1); f >= 0 && agrees(toks[f], pronoun) {
		return f, -1
	}
	return -1, -1
}

// rootSubject is the subject token of sentence i's root, or -1 (also for
// no sentence i).
func (s *speakerResolver) rootSubject(i int) int {
	if i < 0 || i >= len(s.r.Sentences) {
		return -1
	}
	toks := s.r.Tokens
	for j := s.r.Sentences[i].TokStart; j < s.r.Sentences[i].TokEnd; j++ {
		if toks[j].Head < 0 {
			return s.subjectOf(j)
		}
	}
	return -1
}

// agrees reports whether a subject token can be what the pronoun stands
// for by number: he, she and it are not a plural noun, they not a
// singular common noun.
func agrees(t doc.Token, pronoun string) bool {
	switch t.POS {
	case "NNS", "NNPS":
		return pronoun == "they"
	case "NN":
		return pronoun != "they"
	}
	return true
}

// subjectOf is the subject token of the word at h, or -1. The subjects
// of every word are found once per document.
func (s *speakerResolver) subjectOf(h int) int {
	if s.subjects == nil {
		s.subjects = make([]int32, len(s.r.Tokens))
		for i := range s.subjects {
			s.subjects[i] = -1
		}
		for j, t := range s.r.Tokens {
			if t.Head >= 0 && (t.Dep == "nsubj" || t.Dep == "nsubj:pass") && s.subjects[t.Head] < 0 {
				s.subjects[t.Head] = int32(j)
			}
		}
	}
	return int(s.subjects[h])
}

// phrase is the noun phrase headed by token f up to f: f and the words
// before it, up to eight, that hang on it (the company, the Australian
// firm).
func (s *speakerResolver) phrase(f int) [2]int {
	toks := s.r.Tokens
	lo := f
	for j := f - 1; j >= 0 && j >= f-8 && toks[j].Sent == toks[f].Sent; j-- {
		if toks[j].Head == f {
			lo = j
		}
	}
	return [2]int{lo, f + 1}
}

// subjectMention is the mention holding subject token f, or, when a
// title heads the name in the parse (Mayor ← Anna Berg as flat), the
// mention right after it that hangs on it; -1 for none.
func (s *speakerResolver) subjectMention(f int) int {
	if m := s.mentionAt(f); m >= 0 {
		return m
	}
	toks := s.r.Tokens
	if k := f + 1; k < len(toks) && toks[k].Head == f && (toks[k].Dep == "flat" || toks[k].Dep == "compound") {
		return s.mentionAt(k)
	}
	return -1
}

// mentionAt is the entity mention holding token k, or -1.
func (s *speakerResolver) mentionAt(k int) int {
	i := sort.Search(len(s.ms), func(i int) bool { return s.ms[i].TokEnd > k })
	if i < len(s.ms) && s.ms[i].TokStart >= 0 && s.ms[i].TokStart <= k && k < s.ms[i].TokEnd {
		return i
	}
	return -1
}
