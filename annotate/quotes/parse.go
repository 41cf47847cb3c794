package quotes

// What the dependency parse tells the quotes stage: where reported speech
// starts ("X said during a rally in Michigan that …" reports what follows
// "that", not where it was said), and when a reporting verb names an act
// rather than a statement (Federer added the trophy to his list).

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// leadDeps are the relations of a cue's dependents that may stand between
// the cue and its clausal complement without being part of what was said:
// when, where and to whom it was said.
var leadDeps = map[string]bool{
	"obl": true, "obl:tmod": true, "obl:npmod": true, "advmod": true, "advcl": true, "nmod:tmod": true,
	"punct": true,
}

// startAtComplement starts an indirect content that follows its cue at the
// "that" opening the cue's clausal complement (ccomp) when the words before
// it are the cue's adjuncts: "said during a rally in Michigan that …",
// "says at a campaign stop in Toledo, Ohio, that …". On PolNeAR train it
// made 23 more contents exact (of 19,832). Without "that" (said after the
// convention he would …) the parse too often leaves the complement's
// subject outside it (said the credibility of the Congress was …), and
// it lost more than it gained; so did counting the cue's objects among
// its adjuncts (told reporters on Monday that …). A "that" clause the
// parse hung on the adjunct's last noun instead of the cue counts too
// (clauseEndingAdjunct).
func startAtComplement(toks []doc.Token, marks []quoteMarkSpan, ats []attribution) {
	var st subtrees
	for i := range ats {
		at := &ats[i]
		if at.cue[0] >= at.cue[1] || at.content[0] < at.cue[1] || at.parts != nil {
			continue
		}
		if m := firstMarkFrom(marks, at.content[0]); m < len(marks) && marks[m].start == at.content[0] {
			continue // a quotation's bounds are its marks
		}
		if st.lo == nil {
			st = newSubtrees(toks)
		}
		if start, ok := complementStart(toks, st, at.cue, at.content); ok {
			at.content[0] = start
		}
	}
}

// complementStart is where a content after cue should start: the "that"
// opening the cue head's ccomp, when the ccomp lies inside the content and
// everything from the content's start to it hangs on the cue by an
// adjunct's relation.
func complementStart(toks []doc.Token, st subtrees, cue, content [2]int) (int, bool) {
	k0, k1 := tokenAt(toks, cue[0]), tokenAt(toks, content[0])
	if k0 < 0 || k1 < 0 {
		return 0, false
	}
	head := cueHead(toks, k0, k1)
	if head < 0 {
		return 0, false
	}
	for d := k1; d < len(toks) && toks[d].Sent == toks[head].Sent && toks[d].Start < content[1]; d++ {
		if toks[d].Head != head {
			continue
		}
		lo := int(st.lo[d])
		if toks[d].Dep == "ccomp" {
			if lo <= k1 || toks[int(st.hi[d])].End > content[1] || !strings.EqualFold(toks[lo].Text, "that") {
				return 0, false
			}
			return toks[lo].Start, true
		}
		if !leadDeps[toks[d].Dep] || lo < k1 {
			return 0, false
		}
		if start, ok := clauseEndingAdjunct(toks, st, d, content); ok {
			return start, true
		}
		d = int(st.hi[d])
	}
	return 0, false
}

// clauseEndingAdjunct is where a "that" clause starts when the parse hung
// the cue's complement on the last noun of an adjunct ("told the council
// at its meeting in May that the bridge would close", with the clause read
// as the meeting's): a clause of the adjunct's subtree, opened by "that"
// as its marker and with a subject of its own, that ends the adjunct,
// inside the content.
func clauseEndingAdjunct(toks []doc.Token, st subtrees, d int, content [2]int) (int, bool) {
	hi := int(st.hi[d])
	if toks[hi].End > content[1] {
		return 0, false
	}
	for c := int(st.lo[d]); c <= hi; c++ {
		if toks[c].Dep != "acl" || int(st.hi[c]) != hi {
			continue
		}
		lo := int(st.lo[c])
		if !strings.EqualFold(toks[lo].Text, "that") || toks[lo].Dep != "mark" || toks[lo].Head != c || !hasChild(toks, st, c, "nsubj") {
			continue
		}
		return toks[lo].Start, true
	}
	return 0, false
}

// hasChild reports whether token k has a dependent with relation rel.
func hasChild(toks []doc.Token, st subtrees, k int, rel string) bool {
	for j := int(st.lo[k]); j <= int(st.hi[k]); j++ {
		if toks[j].Head == k && toks[j].Dep == rel {
			return true
		}
	}
	return false
}

// cueHead is the token of cue tokens [k0, k1) whose head lies outside
// them: the word the cue's dependents hang on.
func cueHead(toks []doc.Token, k0, k1 int) int {
	for k := k0; k < k1 && k < len(toks); k++ {
		if strings.TrimSpace(toks[k].Text) == "" {
			continue
		}
		if h := toks[k].Head; h < k0 || h >= k1 {
			if toks[k].Dep == "aux" || toks[k].Dep == "advmod" || toks[k].Dep == "case" || toks[k].Dep == "mark" {
				continue // has (said), publicly (said): the verb is the head
			}
			return k
		}
	}
	return -1
}

// subtrees holds the first and last token of every token's subtree in
// the dependency parse, computed once per document in linear time.
type subtrees struct{ lo, hi []int32 }

func newSubtrees(toks []doc.Token) subtrees {
	n := len(toks)
	st := subtrees{lo: make([]int32, n), hi: make([]int32, n)}
	// Children in counting-sort order; then a post-order walk from every
	// root, so that each token is finished after all its children.
	first := make([]int32, n+1)
	for _, t := range toks {
		if t.Head >= 0 && t.Head < n {
			first[t.Head+1]++
		}
	}
	for i := 1; i <= n; i++ {
		first[i] += first[i-1]
	}
	kids := make([]int32, first[n])
	fill := append([]int32(nil), first[:n]...)
	for k, t := range toks {
		st.lo[k], st.hi[k] = int32(k), int32(k)
		if t.Head >= 0 && t.Head < n {
			kids[fill[t.Head]] = int32(k)
			fill[t.Head]++
		}
	}
	done := make([]bool, n)
	type frame struct{ k, next int32 }
	var stack []frame
	for r := range toks {
		if h := toks[r].Head; h >= 0 && h < n {
			continue
		}
		stack = append(stack[:0], frame{int32(r), first[r]})
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next < first[f.k+1] {
				c := kids[f.next]
				f.next++
				if !done[c] {
					stack = append(stack, frame{c, first[c]})
				}
				continue
			}
			k := f.k
			done[k] = true
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				p := stack[len(stack)-1].k
				st.lo[p], st.hi[p] = min(st.lo[p], st.lo[k]), max(st.hi[p], st.hi[k])
			}
		}
	}
	return st
}

// actVerbs are reporting verbs that report only with a clause or a
// quotation after them: with a noun phrase alone they name an act (Federer
// added the trophy to his list, she wrote a book, the firm released its
// results, he answered his critics on the pitch, X was named player of
// the year).
var actVerbs = map[string]bool{
	"add": true, "write": true, "release": true, "issue": true, "post": true, "unveil": true,
	"publish": true, "answer": true, "name": true,
}

// actSense reports whether an attribution's cue is one of actVerbs used
// for an act: its head word takes an object or a predicate and no clause,
// and the content is not a quotation; or whether the cue is what its
// source failed, refused or declined to do (unsaid).
func actSense(toks []doc.Token, marks []quoteMarkSpan, lex cueLexicon, at attribution) bool {
	if at.cue[0] >= at.cue[1] {
		return false
	}
	if m := firstMarkFrom(marks, at.content[0]); m < len(marks) && marks[m].start < at.content[1] {
		return false
	}
	k0 := tokenAt(toks, at.cue[0])
	k1 := k0
	for k1 >= 0 && k1 < len(toks) && toks[k1].End <= at.cue[1] {
		k1++
	}
	head := cueHead(toks, k0, k1)
	if head >= 0 && (unsaid(toks, head) || refusedAct(toks, lex, head, at.content)) {
		return true
	}
	if head < 0 || !actVerbs[toks[head].Lemma] {
		return false
	}
	object := false
	for k := max(0, head-64); k < min(len(toks), head+64); k++ {
		inContent := toks[k].Start >= at.content[0] && toks[k].End <= at.content[1]
		switch {
		case inContent && (toks[k].Dep == "ccomp" || toks[k].Dep == "parataxis"):
			return false // a clause said, wherever the parse hangs it
		case toks[k].Head != head:
		case toks[k].Dep == "ccomp" || toks[k].Dep == "parataxis" || toks[k].Dep == "csubj":
			return false
		case (toks[k].Dep == "obj" || toks[k].Dep == "xcomp") && k >= k1:
			object = true // an object in the cue (issued a statement) is the cue's
		}
	}
	return object
}

// refusedAct reports whether a cue of refusing is followed by an act
// rather than a statement (he refused to fight an Israeli, declined to
// sell the club; refused to comment is unsaid's): the verb refused is no
// cue of the lexicon and no verb of communication.
func refusedAct(toks []doc.Token, lex cueLexicon, head int, content [2]int) bool {
	if l := toks[head].Lemma; l != "refuse" && l != "decline" {
		return false
	}
	// The refused verb: the first after "to", in the cue (declined to
	// sell) or opening the content (refused | to sign).
	k := head + 1
	for k < len(toks) && (toks[k].POS == "TO" || toks[k].POS == "RB") {
		k++
	}
	if k >= len(toks) || toks[k].POS != "VB" || toks[k].End > content[1] {
		return false
	}
	l := strings.ToLower(toks[k].Lemma)
	_, said := lex[strings.ToLower(toks[k].Text)]
	return !said && !communication[l]
}

// unsaid reports whether the cue at head is what its source did not do:
// the verb after failed, refused or declined (it failed to disclose how …,
// who refused to refer to him by name), or after yet to (Fiat has yet to
// comment; the company is yet to respond).
func unsaid(toks []doc.Token, head int) bool {
	if yetBefore(toks, head) {
		return true // is yet to respond
	}
	h := toks[head].Head
	if toks[head].Dep != "xcomp" || h < 0 {
		return false
	}
	switch toks[h].Lemma {
	case "fail", "refuse", "decline":
		return true
	case "have", "be":
		return yetBefore(toks, h) // has yet to comment
	}
	return false
}

// yetBefore reports whether the word at h has "yet" for an adverb between
// it and a "to" after it, or before it (is yet to respond; has yet to
// comment).
func yetBefore(toks []doc.Token, h int) bool {
	for k := max(0, h-3); k < min(len(toks), h+3); k++ {
		if k != h && toks[k].Head == h && strings.EqualFold(toks[k].Text, "yet") && k+1 < len(toks) && strings.EqualFold(toks[k+1].Text, "to") {
			return true
		}
	}
	return false
}

// agentAfter finds the agent of a passive cue k that opens at token from
// ("accused by the US Anti-Doping Agency of …"): the cue's obl:agent
// dependent starting with "by" at from. It returns the agent's words
// without "by" and the token after the agent; ok is false when there is
// none before s1.
func agentAfter(toks []doc.Token, k, from, s1 int) (agent [2]int, rest int, ok bool) {
	if from >= s1 || !strings.EqualFold(toks[from].Text, "by") || toks[from].Head < 0 {
		return agent, 0, false
	}
	a := toks[from].Head // "by" is the agent noun's case marker
	if a <= from || a >= s1 || toks[a].Head != k || toks[a].Dep != "obl:agent" {
		return agent, 0, false
	}
	// The agent's noun phrase: its words up to where a clause hanging on
	// it begins (accused by the agency of being …: the parse may hang
	// "of being …" on the agency).
	hi := a
	for j := a + 1; j < s1; j++ {
		c := childOnPath(toks, j, a)
		if c < 0 {
			continue
		}
		if strings.HasPrefix(toks[c].Dep, "acl") || toks[c].Dep == "advcl" {
			break
		}
		hi = j
	}
	return [2]int{from + 1, hi + 1}, hi + 1, true
}

// childOnPath is the dependent of a on the way up from token j to a (j
// itself when it hangs on a), or -1 when j is not below a.
func childOnPath(toks []doc.Token, j, a int) int {
	for n := 0; j >= 0 && n < 32; n++ {
		if toks[j].Head == a {
			return j
		}
		j = toks[j].Head
	}
	return -1
}
