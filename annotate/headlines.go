package annotate

import (
	"context"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// headlineStage reads headlines the way news writes them, after the quotes
// and claims stages. A headline is a sentence of a title zone, or the
// whole of a one-line input that is only a headline. In a headline:
//
//   - a denial verb in the present tense with a subject and an object that
//     is an assertion ("Coach Denies Telling Players …", "Police Reject
//     Claims …") is an attributed denial; with an object that is not
//     ("Council Rejects Plan", "Striker Denied Late Winner", "Company
//     Denies Workers A Pay Rise") it is not one, whatever the cue;
//   - a source before a colon or after a comma ("Mayor: claims … are
//     false", "… not true, officials say") attributes what it frames, and a
//     negated statement it frames denies ("The president has not resigned,
//     spokesman says");
//   - with no source, the outlet itself denies when it calls a claim,
//     report or story false or a hoax, labels the headline "Fake:" or
//     "Debunked:", opens with "No,", finds no evidence, negates an event
//     despite rumours, negates a named subject's verb, or answers its own
//     question "Of course not". Each becomes an author row: kind author,
//     no speaker, the falsity or negation words as its cue.
//
// A question headline is neither. Claims in the outlet's own voice are not
// rows: that would be every sentence.
type headlineStage struct{}

func (headlineStage) Name() string { return "headlines" }

// Rules of the rows the stage adds.
const (
	ruleHeadlineDenial = "headline-denial"    // X Denies …
	ruleHeadlineSource = "headline-source"    // X: … false; …, X says
	ruleOutletFalsity  = "outlet-falsity"     // the report is false
	ruleOutletLabel    = "outlet-label"       // Fake: …
	ruleOutletNo       = "outlet-no"          // No, …; … ? Of course not
	ruleOutletSupport  = "outlet-support"     // no evidence that …
	ruleOutletNegation = "outlet-negation"    // X did not …
	ruleOutletNegCue   = "outlet-negated-cue" // X never said …
)

// HeadlineRules lists the rules of the headline stage's rows, for the
// schema.
var HeadlineRules = []string{ruleHeadlineDenial, ruleHeadlineSource, ruleOutletFalsity, ruleOutletLabel, ruleOutletNo, ruleOutletSupport, ruleOutletNegation, ruleOutletNegCue}

// Confidences of the headline stage's labels.
const (
	confHeadlineDenial = 0.85
	confOutlet         = 0.8
	confHeadlineClaim  = 0.6 // a denial cue whose object is not an assertion
)

func (headlineStage) Run(ctx context.Context, d *doc.Document) error {
	only := headlineOnly(d)
	for si, s := range d.Sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.Zone != doc.ZoneTitle && !only {
			continue
		}
		h := headline{d: d, si: si, lo: s.TokStart, hi: s.TokEnd}
		h.read()
	}
	if only {
		answeredQuestion(d)
	}
	return nil
}

// headlineOnly tells whether the document is a headline alone: one line of
// at most 30 tokens that does not end like a sentence of running text.
func headlineOnly(d *doc.Document) bool {
	t := strings.TrimSpace(d.Text)
	if t == "" || strings.ContainsAny(t, "\n\r") || len(d.Tokens) > 30 || len(d.Sentences) > 2 {
		return false
	}
	return !strings.HasSuffix(t, ".") || strings.HasSuffix(t, "...")
}

// headline is one headline sentence: tokens lo to hi of d.
type headline struct {
	d      *doc.Document
	si     int
	lo, hi int
}

func (h *headline) lower(k int) string {
	if h.d.Lower != nil {
		return h.d.Lower[k]
	}
	return strings.ToLower(h.d.Tokens[k].Text)
}

// rows are the indexes in d.Quotes of the headline's attributions.
func (h *headline) rows() []int {
	var out []int
	for i, q := range h.d.Quotes {
		if q.Sent == h.si {
			out = append(out, i)
		}
	}
	return out
}

func (h *headline) question() bool {
	for k := h.hi - 1; k >= h.lo; k-- {
		w := h.lower(k)
		if w == "?" {
			return true
		}
		if !isClosing(w) {
			return false
		}
	}
	return false
}

func isClosing(w string) bool {
	return w == "\"" || w == "'" || w == "”" || w == "’" || w == ")"
}

func (h *headline) read() {
	if h.question() || h.hi-h.lo < 2 {
		return
	}
	if lo := h.lo; debunkLabels[h.lower(lo)] && lo+1 < h.hi && h.lower(lo+1) == ":" {
		// "Fake: picture shows …": what follows is what the outlet calls
		// fake, whatever it reports.
		h.dropRows()
		h.author(lo, lo+1, lo+2, ruleOutletLabel, "label:"+h.lower(lo))
		return
	}
	attributed := false
	for _, i := range h.rows() {
		q := &h.d.Quotes[i]
		switch {
		case h.negatedCue(q):
			h.toAuthor(q, h.span(h.lo, h.hi), ruleOutletNegCue, "negated-cue:"+strings.ToLower(q.Cue.Text))
		case (q.Speaker.End <= q.Speaker.Start || h.participleCue(q)) && (h.falsityAt(h.lo, h.hi) >= 0 || h.supportAt(h.lo, h.hi) >= 0):
			// "Claims that … are false", "Post claiming … is false": what
			// was claimed is the subject of the falsity, not a source's;
			// the source is the one after the comma, if any, else the outlet.
			if sLo, sHi, say, _, ok := h.trailingSource(); ok {
				h.sourceRow(q, sLo, sHi, say)
				attributed = true
				continue
			}
			k, ev := h.falsityAt(h.lo, h.hi), "falsity:"
			if k < 0 {
				k, ev = h.supportAt(h.lo, h.hi), "no-support:no "
				ev += h.lower(k + 1)
			} else {
				ev += h.lower(k)
			}
			h.toAuthor(q, h.span(h.lo, h.hi), ruleOutletFalsity, ev)
		default:
			h.relabel(q)
			attributed = attributed || q.Label == doc.LabelDenial
		}
	}
	if attributed || h.hasAuthorRow() {
		return
	}
	if h.denialVerb() || h.sourcedDenial() {
		return
	}
	if len(h.rows()) == 0 {
		h.outlet()
	}
}

// dropRows removes the headline's rows.
func (h *headline) dropRows() {
	kept := h.d.Quotes[:0]
	for _, q := range h.d.Quotes {
		if q.Sent != h.si {
			kept = append(kept, q)
		}
	}
	h.d.Quotes = kept
}

func (h *headline) hasAuthorRow() bool {
	for _, i := range h.rows() {
		if h.d.Quotes[i].Kind == doc.KindAuthor {
			return true
		}
	}
	return false
}

// tokenAt is the index of the token starting at byte offset off, or -1.
func (h *headline) tokenAt(off int) int {
	for k := h.lo; k < h.hi; k++ {
		if h.d.Tokens[k].Start >= off {
			return k
		}
	}
	return -1
}

// negatedCue tells whether a row's cue is negated in the headline: "X
// Never Said …", "The Actor Did Not Endorse …". The outlet denies that
// the source said or did it.
func (h *headline) negatedCue(q *doc.Quote) bool {
	if q.Cue.End <= q.Cue.Start || q.Label == doc.LabelDenial || negativeSubjects[h.lower(h.lo)] {
		return false
	}
	k := h.tokenAt(q.Cue.Start)
	if k < 0 {
		return false
	}
	for j := max(h.lo, k-2); j < h.hi && h.d.Tokens[j].Start < q.Cue.End; j++ {
		if w := h.lower(j); w == "not" || w == "never" || w == "n't" {
			return true
		}
	}
	return false
}

// sourceRow makes a row the denial of the source after its comma.
func (h *headline) sourceRow(q *doc.Quote, sLo, sHi, say int) {
	q.Speaker, q.Cue = h.span(sLo, sHi), h.span(say, say+1)
	q.CueLemma, q.CueClass, q.ReportType, q.Rule = "say", "", doc.ReportSpeech, ruleHeadlineSource
	q.SpeakerEntityID, q.SpeakerCanonical, q.SpeakerKey, q.SpeakerLabel, q.SpeakerResolution = "", "", "", "", doc.ResolvedNominal
	h.resolve(q)
	q.Label, q.Confidence = doc.LabelDenial, confHeadlineDenial
	q.Evidence = append(q.Evidence, "falsity:source")
}

// participleCue tells whether a row's cue is a participle inside a noun
// phrase ("post claiming …", "video showing …").
func (h *headline) participleCue(q *doc.Quote) bool {
	k := h.tokenAt(q.Cue.Start)
	return k >= 0 && strings.HasSuffix(h.lower(k), "ing")
}

// relabel checks a row's label against headline usage: a denial cue with
// no assertion to deny is a claim (a refusal, a passive "Denied …"), and a
// framed statement that negates its verb is a denial.
func (h *headline) relabel(q *doc.Quote) {
	k := h.tokenAt(q.Cue.Start)
	if q.Label == doc.LabelDenial && q.CueClass == "deny" && k >= 0 {
		lemma, n := h.denialVerbAt(k)
		if lemma != "" && !h.deniesAssertion(lemma, k+n) {
			q.Label, q.Confidence = doc.LabelClaim, confHeadlineClaim
			q.Evidence = append(q.Evidence, "refusal:"+strings.ToLower(h.tokenText(k+n)))
		}
		return
	}
	if q.Label == doc.LabelClaim && q.ReportType == doc.ReportSpeech && h.negatedStatement(q.Content.Start, q.Content.End) {
		q.Label, q.Confidence = doc.LabelDenial, confHeadlineDenial
		q.Evidence = append(q.Evidence, "negated-report:not")
	}
}

func (h *headline) tokenText(k int) string {
	if k < h.lo || k >= h.hi {
		return ""
	}
	return h.d.Tokens[k].Text
}

// span is the text of tokens lo to hi, in byte offsets.
func (h *headline) span(lo, hi int) doc.Span {
	for lo < hi && isPunct(h.lower(lo)) {
		lo++
	}
	for hi > lo && isPunct(h.lower(hi-1)) && h.lower(hi-1) != "\"" && h.lower(hi-1) != "”" {
		hi--
	}
	if lo >= hi {
		return doc.Span{}
	}
	s, e := h.d.Tokens[lo].Start, h.d.Tokens[hi-1].End
	return doc.Span{Start: s, End: e, Text: h.d.Text[s:e]}
}

func isPunct(w string) bool {
	return w == "," || w == ":" || w == ";" || w == "-" || w == "–" || w == "—" || w == "." || w == "?" || w == "!"
}

// toAuthor turns a row into a denial in the outlet's own voice.
func (h *headline) toAuthor(q *doc.Quote, content doc.Span, rule, evidence string) {
	*q = doc.Quote{Kind: doc.KindAuthor, Content: content, Cue: q.Cue, CueLemma: q.CueLemma, ReportType: doc.ReportSpeech,
		SpeakerResolution: doc.ResolvedAuthor, Sent: h.si, Rule: rule, Label: doc.LabelDenial, Confidence: confOutlet,
		Negated: true, Evidence: []string{evidence}}
}

// add inserts a row after the rows of earlier sentences, keeping text
// order.
func (h *headline) add(q doc.Quote) {
	at := len(h.d.Quotes)
	for i, x := range h.d.Quotes {
		if x.Sent > h.si {
			at = i
			break
		}
	}
	h.d.Quotes = append(h.d.Quotes, doc.Quote{})
	copy(h.d.Quotes[at+1:], h.d.Quotes[at:])
	h.d.Quotes[at] = q
}

// attributed adds an attributed denial: speaker tokens sLo to sHi, cue
// tokens cLo to cHi, content tokens qLo to qHi.
func (h *headline) attributed(sLo, sHi, cLo, cHi, qLo, qHi int, lemma, rule, evidence string) bool {
	sp, cue, content := h.span(sLo, sHi), h.span(cLo, cHi), h.span(qLo, qHi)
	if sp.End <= sp.Start || content.End <= content.Start {
		return false
	}
	q := doc.Quote{Kind: doc.KindIndirect, Content: content, Cue: cue, CueLemma: lemma, CueClass: "deny", ReportType: doc.ReportSpeech,
		Speaker: sp, SpeakerResolution: doc.ResolvedNominal, Sent: h.si, Rule: rule, Label: doc.LabelDenial,
		Confidence: confHeadlineDenial, Evidence: []string{evidence}}
	h.resolve(&q)
	h.add(q)
	return true
}

// resolve ties a new row's speaker to the entity mention it holds, or
// that starts in it (the entity model may run a title-case name on into
// its verb: "[Brightwater Council Denies]ORG").
func (h *headline) resolve(q *doc.Quote) {
	best, size := -1, 0
	for i, m := range h.d.Mentions {
		if m.Start >= q.Speaker.Start && m.Start < q.Speaker.End && m.End-m.Start > size {
			best, size = i, m.End-m.Start
		}
	}
	if best < 0 {
		return
	}
	m := h.d.Mentions[best]
	q.SpeakerEntityID, q.SpeakerCanonical, q.SpeakerKey, q.SpeakerLabel = m.EntityID, m.Canonical, m.Key, m.Label
	q.SpeakerResolution = doc.ResolvedName
}

// author adds an outlet denial whose cue is tokens cLo to cHi.
func (h *headline) author(cLo, cHi, qLo int, rule, evidence string) {
	content := h.span(qLo, h.hi)
	if content.End <= content.Start {
		return
	}
	h.add(doc.Quote{Kind: doc.KindAuthor, Content: content, Cue: h.span(cLo, cHi), ReportType: doc.ReportSpeech,
		SpeakerResolution: doc.ResolvedAuthor, Sent: h.si, Rule: rule, Label: doc.LabelDenial, Confidence: confOutlet,
		Negated: true, Evidence: []string{evidence}})
}
