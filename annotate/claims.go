package annotate

import (
	"context"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// The claims stage labels every attribution a claim or a denial. A denial
// rejects an assertion or an allegation:
//
//   - a denial cue (denied the allegations, rejected claims that …),
//     unless the cue is negated (did not deny). When what it turns down is
//     a request (denied bail, rejected the application) the label stays
//     denial, as the cue says, with the evidence refusal:… and a low
//     confidence, so that an analyst can set refusals apart;
//   - a content that calls something false (the report was untrue, called
//     it fake news, that is not true, it never happened);
//   - a content that asserts the absence of support (there is no evidence,
//     no truth in the reports);
//   - a negated content that answers an allegation made in the same or the
//     two previous sentences (critics say the plant leaks; the owners say it
//     does not).
//
// Anything else is a claim: accusations, and negations that reject nothing
// (said he would not run again). Every label carries the evidence that
// decided it and a confidence; the flags say whether the content is
// negated, hedged or conditional.

// Confidences by the rule that decided a label. They were set from what each
// rule can get wrong and are checked against the project's labelled set
// (testdata/claims), where labels at 0.8 or more must be right at least 90%
// of the time.
const (
	confDenialCue      = 0.95 // denied the allegations / that …
	confDenialCueOther = 0.85 // denied + some other object
	confFalsity        = 0.9  // the report was false
	confNoSupport      = 0.85 // there is no evidence
	confAnswer         = 0.7  // a negation answering an allegation
	confRefusal        = 0.6  // denied the request: a denial by its cue, a refusal in substance
	confNegatedCue     = 0.75 // did not deny: claim
	confClaim          = 0.9  // no sign of rejection
	confNegatedClaim   = 0.7  // negated, but answering nothing found
)

var negationWords = map[string]bool{
	"not": true, "n't": true, "never": true, "no": true, "nothing": true, "nobody": true,
	"none": true, "neither": true, "nor": true, "cannot": true,
}

// falsityWords call a statement false when used predicatively.
var falsityWords = map[string]bool{
	"false": true, "untrue": true, "baseless": true, "groundless": true, "unfounded": true,
	"fabricated": true, "fabrication": true, "inaccurate": true, "incorrect": true, "bogus": true,
	"fake": true, "nonsense": true, "lie": true, "lies": true, "hoax": true, "misleading": true,
	"wrong": true,
}

// trueWords are negated to deny (not true, not accurate).
var trueWords = map[string]bool{"true": true, "accurate": true, "correct": true, "happen": true, "happened": true}

// supportNouns are what a content says is missing to reject an assertion
// (no evidence, no truth in it).
var supportNouns = map[string]bool{
	"evidence": true, "proof": true, "basis": true, "truth": true, "foundation": true,
	"merit": true, "grounds": true, "substance": true, "shred": true,
}

// allegationWords signal an allegation the next negated statement may
// answer.
var allegationWords = map[string]bool{
	"allegation": true, "allegations": true, "accusation": true, "accusations": true,
	"accuse": true, "accused": true, "accuses": true, "accusing": true, "allege": true,
	"alleged": true, "alleges": true, "alleging": true, "claims": true, "charges": true,
	"rumours": true, "rumors": true, "rumour": true, "rumor": true, "reports": true,
	"suggestion": true, "suggestions": true, "critics": true,
}

// assertionNouns head what a denial cue rejects when it is an assertion.
var assertionNouns = map[string]bool{
	"allegation": true, "accusation": true, "claim": true, "charge": true, "report": true,
	"story": true, "rumour": true, "rumor": true, "suggestion": true, "speculation": true,
	"account": true, "finding": true, "criticism": true, "assertion": true, "notion": true,
	"idea": true, "wrongdoing": true, "involvement": true, "responsibility": true,
	"remark": true, "statement": true, "figure": true, "complaint": true,
}

// requestNouns head what a denial cue turns down without denying anything
// said: a request for an action (denied bail, rejected the application).
// A rejected plan, offer or bill is not one: it rejects a position.
var requestNouns = map[string]bool{
	"request": true, "application": true, "motion": true, "appeal": true, "bail": true,
	"bid": true, "petition": true, "permit": true, "visa": true, "access": true, "entry": true,
	"invitation": true, "parole": true, "asylum": true, "license": true, "licence": true,
}

var hedgeWords = map[string]bool{
	"allegedly": true, "reportedly": true, "purportedly": true, "apparently": true, "possibly": true,
	"perhaps": true, "may": true, "might": true, "could": true, "appears": true, "appear": true,
	"appeared": true, "seems": true, "seem": true, "seemed": true, "likely": true, "unlikely": true,
	"supposedly": true, "probably": true,
}

var conditionWords = map[string]bool{"if": true, "unless": true, "provided": true}

// refusalVerbs before "to" negate a denial cue (refused to deny).
var refusalVerbs = map[string]bool{"refused": true, "refuses": true, "declined": true, "declines": true, "failed": true, "fails": true}

// callCues take an object and a predicate (called the report fake news).
var callCues = map[string]bool{"call": true, "called": true, "calls": true, "describe": true, "described": true, "label": true, "labelled": true, "labeled": true, "brand": true, "branded": true, "dismiss": true}

var copulas = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "'s": true, "’s": true}

// claimsStage sets the label, confidence, flags and evidence of every
// quote in d.Quotes, which are in text order.
type claimsStage struct{}

func (claimsStage) Name() string { return "claims" }

func (claimsStage) Run(ctx context.Context, r *doc.Document) error {
	ats := r.Quotes
	toks := r.Tokens
	var words, tags []string // reused across attributions
	for i := range ats {
		if err := ctx.Err(); err != nil {
			return err
		}
		at := &ats[i]
		lo := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= at.Content.Start })
		hi := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= at.Content.End })
		// Words of other attributions nested in this content are theirs
		// (the newspaper reported that the minister had denied …).
		nested := nestedAttributions(ats, i)
		words, tags = words[:0], tags[:0]
		for k := lo; k < hi; k++ {
			if len(nested) > 0 && nestedIn(ats, nested, toks[k]) {
				continue
			}
			words = append(words, strings.ToLower(toks[k].Text))
			tags = append(tags, toks[k].POS)
		}
		label(at, words, tags, toks, ats, i, r)
	}
	return nil
}

// nestedAttributions are the other attributions inside attribution i's
// content. ats are in text order of their contents, so only those that
// start inside it are looked at: a document of thousands of short
// attributions stays linear.
func nestedAttributions(ats []doc.Quote, i int) []int {
	c := [2]int{ats[i].Content.Start, ats[i].Content.End}
	var out []int
	lo := sort.Search(len(ats), func(j int) bool { return ats[j].Content.Start >= c[0] })
	for j := lo; j < len(ats) && ats[j].Content.Start < c[1]; j++ {
		if o := [2]int{ats[j].Content.Start, ats[j].Content.End}; j != i && o[1] <= c[1] && o != c {
			out = append(out, j)
		}
	}
	return out
}

// nestedIn reports whether token t belongs to the cue or content of one of
// the nested attributions.
func nestedIn(ats []doc.Quote, nested []int, t doc.Token) bool {
	for _, j := range nested {
		o := ats[j]
		if t.Start >= o.Content.Start && t.End <= o.Content.End || o.Cue.End > o.Cue.Start && t.Start >= o.Cue.Start && t.End <= o.Cue.End {
			return true
		}
	}
	return false
}

func label(at *doc.Quote, words, tags []string, toks []doc.Token, ats []doc.Quote, i int, r *doc.Document) {
	at.Label, at.Confidence = doc.LabelClaim, confClaim
	at.Evidence = nil
	if at.CueLemma != "" {
		at.Evidence = append(at.Evidence, "cue:"+at.CueLemma)
	}
	// Flags.
	neg := -1
	maybeFalse, maybeUnsupported := false, false
	for k, w := range words {
		if neg < 0 && negationWords[w] {
			neg = k
		}
		maybeFalse = maybeFalse || falsityWords[w] || trueWords[w]
		maybeUnsupported = maybeUnsupported || supportNouns[w]
		if hedgeWords[w] {
			at.Hedged = true
		}
		if conditionWords[w] && (w != "provided" || k+1 < len(words) && words[k+1] == "that") {
			at.Conditional = true
		}
	}
	at.Negated = neg >= 0
	if at.CueLemma == "claim" {
		at.Hedged = true // "claimed" keeps its distance
	}
	for k := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= at.Cue.Start }); !at.Hedged && k < len(toks) && toks[k].End <= at.Cue.End; k++ {
		at.Hedged = hedgeWords[strings.ToLower(toks[k].Text)] // reportedly said
	}

	if at.CueClass == "deny" {
		if n := negatedCue(toks, [2]int{at.Cue.Start, at.Cue.End}); n != "" {
			at.Confidence = confNegatedCue
			at.Evidence = append(at.Evidence, "negated-cue:"+n)
			return
		}
		head := objectHead(words, tags)
		if requestNouns[singular(head)] {
			at.Label, at.Confidence = doc.LabelDenial, confRefusal
			at.Evidence = append(at.Evidence, "refusal:"+head)
			return
		}
		at.Label, at.Confidence = doc.LabelDenial, confDenialCueOther
		if len(words) > 0 && (words[0] == "that" || strings.HasPrefix(tags[0], "VBG") || assertionNouns[singular(head)]) || head == "" {
			at.Confidence = confDenialCue
		}
		return
	}
	if maybeFalse {
		if w := falsity(words, tags, at.CueLemma); w != "" {
			at.Label, at.Confidence = doc.LabelDenial, confFalsity
			at.Evidence = append(at.Evidence, "falsity:"+w)
			return
		}
	}
	if maybeUnsupported {
		if w := noSupport(words); w != "" {
			at.Label, at.Confidence = doc.LabelDenial, confNoSupport
			at.Evidence = append(at.Evidence, "no-support:"+w)
			return
		}
	}
	if neg < 0 || at.CueClass == "accuse" || intentNegation(words, neg) {
		if neg >= 0 {
			at.Confidence = confNegatedClaim
			at.Evidence = append(at.Evidence, "negation:"+words[neg])
		}
		return
	}
	if w := allegationBefore(toks, ats, i, r); w != "" {
		at.Label, at.Confidence = doc.LabelDenial, confAnswer
		at.Evidence = append(at.Evidence, "negation:"+words[neg], "answers:"+w)
		return
	}
	at.Confidence = confNegatedClaim
	at.Evidence = append(at.Evidence, "negation:"+words[neg])
}

// negatedCue is the word that negates a denial cue (did not deny, refused
// to deny), or "".
func negatedCue(toks []doc.Token, cue [2]int) string {
	k := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= cue[0] })
	for j := k; j < len(toks) && toks[j].End <= cue[1]; j++ {
		w := strings.ToLower(toks[j].Text)
		if j+1 < len(toks) && w == "not" && strings.EqualFold(toks[j+1].Text, "only") {
			continue // not only denied …
		}
		if negationWords[w] || refusalVerbs[w] && j+1 < len(toks) && strings.EqualFold(toks[j+1].Text, "to") {
			return w
		}
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		w := strings.ToLower(toks[j].Text)
		if negationWords[w] || refusalVerbs[w] && j+1 < k && strings.EqualFold(toks[j+1].Text, "to") {
			return w
		}
		if !(w == "to" || toks[j].POS == "RB" || toks[j].POS == "MD" || strings.HasPrefix(toks[j].POS, "VB")) {
			break
		}
	}
	return ""
}

// objectHead is the head noun of the noun phrase a content starts with:
// the last noun before the phrase ends (the defendant's request for bail →
// request).
func objectHead(words, tags []string) string {
	head := ""
	for k, t := range tags {
		switch {
		case strings.HasPrefix(t, "NN"):
			head = words[k]
		case t == "DT" || t == "PDT" || strings.HasPrefix(t, "JJ") || t == "PRP$" || t == "POS" || t == "CD" || t == "HYPH":
			if head != "" && t != "POS" && t != "HYPH" {
				return head
			}
		default:
			return head
		}
	}
	return head
}

func singular(w string) string {
	if strings.HasSuffix(w, "ies") {
		return w[:len(w)-3] + "y"
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

// falsity finds a content that calls something false: a falsity word after
// a copula (the report was untrue, that is a lie), a negated truth (not
// true, never happened), or the predicate of a calling cue (called the
// report fake news). Attributive uses (a false alarm, fake tickets) do not
// count.
func falsity(words, tags []string, cueLemma string) string {
	for k, w := range words {
		if callCues[cueLemma] && falsityWords[w] && k > 0 {
			// The object must be a statement (called the charges
			// fabricated), not a person (called him a fake).
			if h := objectHead(words[:k], tags[:k]); assertionNouns[singular(h)] || h == "it" || h == "that" || h == "this" || h == "them" {
				return w
			}
		}
		if trueWords[w] && k > 0 && negationWords[words[k-1]] {
			return words[k-1] + " " + w
		}
		if !falsityWords[w] {
			continue
		}
		// Attributive: followed by a noun (a false name, fake news could …).
		if k+1 < len(words) && strings.HasPrefix(tags[k+1], "NN") && !(w == "fake" && words[k+1] == "news" && (k+2 == len(words) || !strings.HasPrefix(tags[k+2], "VB") && tags[k+2] != "MD")) {
			continue
		}
		// A copula shortly before, with only adverbs and a determiner
		// between (are completely false, was a lie).
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if copulas[words[j]] {
				if w == "wrong" && !subjectIsAssertion(words[:j]) {
					break
				}
				return w
			}
			if !(tags[j] == "RB" || tags[j] == "DT" || tags[j] == "JJ" || tags[j] == "CC" || words[j] == "simply") {
				break
			}
		}
	}
	return ""
}

func subjectIsAssertion(words []string) bool {
	for _, w := range words {
		if assertionNouns[singular(w)] {
			return true
		}
	}
	return false
}

// noSupport finds "no evidence", "not a shred of evidence", "no truth in".
func noSupport(words []string) string {
	for k, w := range words {
		if !supportNouns[w] {
			continue
		}
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if words[j] == "no" || words[j] == "not" || words[j] == "n't" || words[j] == "without" {
				return strings.Join(words[j:k+1], " ")
			}
		}
	}
	return ""
}

// askedAbout follow "asked" in a question put to the speaker (asked
// whether he had been paid).
var askedAbout = map[string]bool{"whether": true, "about": true, "if": true, "why": true}

// intentNegation reports whether the negation at k is about intent or the
// future (would not, will not, could not, no plans): a negation that
// rejects nothing said.
func intentNegation(words []string, k int) bool {
	if words[k] == "cannot" {
		return true
	}
	if k > 0 {
		switch words[k-1] {
		case "would", "will", "wo", "could", "can", "ca", "shall", "should", "might", "may", "must":
			return true
		}
	}
	if k+1 < len(words) {
		switch words[k+1] {
		case "plans", "plan", "intention", "comment", "decision", "need", "longer":
			return true
		}
	}
	return false
}

// allegationBefore looks for an allegation that a negated content answers:
// in its own sentence outside the content or the sentence before (an
// allegation, critics, asked whether), or an attribution of those
// sentences that accused or denied.
func allegationBefore(toks []doc.Token, ats []doc.Quote, i int, r *doc.Document) string {
	at := ats[i]
	s0 := at.Sent - 1
	if s0 < 0 {
		s0 = 0
	}
	for si := at.Sent; si >= s0; si-- {
		if si >= len(r.Sentences) || r.Sentences[si].Zone != r.Sentences[at.Sent].Zone {
			continue
		}
		rng := r.Sentences[si].Tokens()
		for k := rng[0]; k < rng[1]; k++ {
			t := toks[k]
			if t.Start >= at.Content.Start && t.End <= at.Content.End {
				continue
			}
			w := strings.ToLower(t.Text)
			if allegationWords[w] && (strings.HasPrefix(t.POS, "NN") || strings.HasPrefix(t.POS, "VB") || w == "critics") {
				return w
			}
			if w == "asked" && k+1 < rng[1] && askedAbout[strings.ToLower(toks[k+1].Text)] {
				return "asked " + strings.ToLower(toks[k+1].Text)
			}
		}
	}
	for j := i - 1; j >= 0 && ats[j].Sent >= s0; j-- {
		if ats[j].CueClass == "accuse" || ats[j].CueClass == "deny" {
			return "earlier " + ats[j].CueLemma
		}
	}
	return ""
}
