package evaluate

import (
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// QuoteScores are the attribution scores. The headline is QuoteSpeaker: a
// quote counts when its content matches (overlap ≥ 0.3 of the gold span)
// and its speaker mention overlaps the gold one.
type QuoteScores struct {
	Content30       PRF              `json:"content_overlap_0.3"`
	Content80       PRF              `json:"content_overlap_0.8"`
	ContentExact    PRF              `json:"content_exact"`
	Cue             PRF              `json:"cue"`
	SpeakerAccuracy Ratio            `json:"speaker_accuracy"`             // on content matches at 0.3
	QuoteSpeaker    PRF              `json:"quote_speaker"`                // headline
	CanonicalAcc    *Ratio           `json:"canonical_accuracy,omitempty"` // on matches whose gold has a canonical speaker
	QuoteCanonical  *PRF             `json:"quote_canonical,omitempty"`
	Slices          map[string]Slice `json:"slices"` // direct, indirect
	// ScoreBins is how often predictions are right (their content matches
	// a gold one at overlap 0.3) by their score; Scored is how many
	// predictions have one, ScoredAt80 how many of those at 0.8 or more
	// are right.
	ScoreBins  []Bin `json:"score_calibration,omitempty"`
	Scored     int   `json:"scored"`
	ScoredAt80 Ratio `json:"score_0.8_precision"`
	// Errors lists every miss, spurious prediction and wrong speaker at
	// overlap 0.3, for error analysis (eval --errors).
	Errors []QuoteError `json:"-"`
}

// QuoteError is one quote the system got wrong: a gold attribution it
// missed, a prediction that matches no gold one, a match whose speaker
// mention does not overlap the gold speaker, or a match with the right
// speaker whose content is not exactly the gold one.
type QuoteError struct {
	Task        string `json:"task"` // "quotes"
	Kind        string `json:"kind"` // missed, spurious, wrong_speaker, wrong_span
	DocID       string `json:"doc_id"`
	GoldContent string `json:"gold_content,omitempty"`
	GoldCue     string `json:"gold_cue,omitempty"`
	GoldSpeaker string `json:"gold_speaker,omitempty"`
	PredContent string `json:"pred_content,omitempty"`
	PredCue     string `json:"pred_cue,omitempty"`
	PredSpeaker string `json:"pred_speaker,omitempty"`
	// PredRule is the rule that placed the prediction (quotes.rule).
	PredRule string `json:"pred_rule,omitempty"`
	// Start is where the error starts in the text (code points), for
	// ordering and for looking it up.
	Start int `json:"start"`
	// StartShift and EndShift are, for wrong_span, how far the predicted
	// content's first start and last end lie from the gold content's
	// (code points; negative is earlier), and Parts their numbers of parts
	// (gold, predicted).
	StartShift int     `json:"start_shift,omitempty"`
	EndShift   int     `json:"end_shift,omitempty"`
	Parts      *[2]int `json:"parts,omitempty"`
}

// Slice is the content and quote+speaker scores of direct (content holds a
// quote mark) or indirect quotes.
type Slice struct {
	Content30    PRF `json:"content_overlap_0.3"`
	QuoteSpeaker PRF `json:"quote_speaker"`
}

// span is a set of code point ranges.
type span [][2]int

func (s span) len() int {
	n := 0
	for _, f := range s {
		n += f[1] - f[0]
	}
	return n
}

func overlap(a, b span) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if lo, hi := max(x[0], y[0]), min(x[1], y[1]); hi > lo {
				n += hi - lo
			}
		}
	}
	return n
}

func goldSpan(s datasets.GoldSpan) span { return span(s.Fragments) }

func predSpan(start, end *int32) span {
	if start == nil || end == nil {
		return nil
	}
	return span{{int(*start), int(*end)}}
}

// contentSpan is a prediction's content: its parts when the cue or
// speaker splits it, else its whole span.
func contentSpan(q *output.QuoteRow) span {
	if len(q.ContentParts) > 1 {
		out := make(span, len(q.ContentParts))
		for k, p := range q.ContentParts {
			out[k] = [2]int{int(p.Start), int(p.End)}
		}
		return out
	}
	return span{{int(q.ContentStart), int(q.ContentEnd)}}
}

// match pairs gold and predicted spans one-to-one, greedily by overlap:
// among the pairs that qualify, the largest overlap is taken first (ties
// broken by position), and each side is used at most once. It returns, for
// each gold span, the index of its prediction or -1.
func match(gold, pred []span, qualifies func(ov int, g, p span) bool) []int {
	type cand struct{ ov, g, p int }
	var cands []cand
	for gi, g := range gold {
		for pi, p := range pred {
			if ov := overlap(g, p); ov > 0 && qualifies(ov, g, p) {
				cands = append(cands, cand{ov, gi, pi})
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].ov != cands[j].ov {
			return cands[i].ov > cands[j].ov
		}
		if cands[i].g != cands[j].g {
			return cands[i].g < cands[j].g
		}
		return cands[i].p < cands[j].p
	})
	out := make([]int, len(gold))
	for i := range out {
		out[i] = -1
	}
	usedP := make([]bool, len(pred))
	for _, c := range cands {
		if out[c.g] < 0 && !usedP[c.p] {
			out[c.g] = c.p
			usedP[c.p] = true
		}
	}
	return out
}

func atLeast(t float64) func(int, span, span) bool {
	return func(ov int, g, _ span) bool { return float64(ov) >= t*float64(g.len()) }
}

func exact(ov int, g, p span) bool { return ov == g.len() && ov == p.len() }

func anyOverlap(int, span, span) bool { return true }

// isDirect reports whether a content holds a quote mark. The apostrophe
// (’) is left out: it is far more often a possessive than a quote.
func isDirect(text string) bool { return strings.ContainsAny(text, "\"“”«»‘") }

// matchedQuote is a gold quote with the prediction matched to its content.
type matchedQuote struct {
	gold *datasets.GoldQuote
	pred *output.QuoteRow
}

func speakerMatches(g *datasets.GoldQuote, p *output.QuoteRow) bool {
	ps := predSpan(p.SpeakerStart, p.SpeakerEnd)
	if g.Speaker.Empty() {
		return len(ps) == 0
	}
	return overlap(goldSpan(g.Speaker), ps) > 0
}

func scoreQuotes(pairs []pair) (*QuoteScores, []matchedQuote) {
	t := &quoteTally{slices: map[string]*[2]sliceCount{"direct": {}, "indirect": {}}}
	for _, pr := range pairs {
		t.add(pr)
	}
	return t.scores(), t.matched
}

// quoteTally accumulates the quote counts over documents.
type quoteTally struct {
	// c30, c80, cex, cue and qs count matched, predicted and gold.
	c30, c80, cex, cue, qs                               [3]int
	spkHits, spkTotal, canHits, canTotal, canTP, canGold int
	// slices[kind][task] counts, for content30 (task 0) and quote+speaker
	// (task 1): matched gold, all gold, matched predictions, all
	// predictions. Recall is counted by the gold quote's kind, precision by
	// the prediction's, so that each side's slice stays consistent.
	slices map[string]*[2]sliceCount
	// scoreBins counts predictions by score (scoreEdges), and how many
	// were right.
	scoreBins            []Ratio
	scored, at80, at80OK int
	matched              []matchedQuote
	errs                 []QuoteError
}

// docQuotes is one document's gold and predicted quotes and how they
// matched at 0.3.
type docQuotes struct {
	id            string
	gq            []datasets.GoldQuote
	pq            []output.QuoteRow
	m30           []int  // gold index → prediction index, -1 when none
	predMatchedBy []int  // gold index + 1, 0 when unmatched
	predSpeakerOK []bool // the matched prediction's speaker is right
}

// add counts one document.
func (t *quoteTally) add(pr pair) {
	d := &docQuotes{id: pr.gold.ID, gq: pr.gold.Quotes, pq: pr.pred.Quotes}
	t.content(d)
	t.speakers(d)
	t.errors(d)
	t.scoreCalibration(d)
	t.kinds(d)
	t.cues(d)
}

// content matches contents at 0.3, 0.8 and exactly.
func (t *quoteTally) content(d *docQuotes) {
	gq, pq := d.gq, d.pq
	goldContent := make([]span, len(gq))
	for i := range gq {
		goldContent[i] = goldSpan(gq[i].Content)
	}
	predContent := make([]span, len(pq))
	for i := range pq {
		predContent[i] = contentSpan(&pq[i])
	}
	for _, c := range []struct {
		acc  *[3]int
		rule func(int, span, span) bool
	}{{&t.c80, atLeast(0.8)}, {&t.cex, exact}} {
		m := match(goldContent, predContent, c.rule)
		c.acc[0] += countMatched(m)
		c.acc[1] += len(pq)
		c.acc[2] += len(gq)
	}
	d.m30 = match(goldContent, predContent, atLeast(0.3))
	t.c30[0] += countMatched(d.m30)
	t.c30[1] += len(pq)
	t.c30[2] += len(gq)
	t.qs[1] += len(pq)
	t.qs[2] += len(gq)
}

// speakers scores the speakers of the matched quotes.
func (t *quoteTally) speakers(d *docQuotes) {
	d.predMatchedBy = make([]int, len(d.pq))
	d.predSpeakerOK = make([]bool, len(d.pq))
	for gi, pi := range d.m30 {
		g := &d.gq[gi]
		if g.SpeakerCanonical != "" {
			t.canGold++
		}
		if pi < 0 {
			continue
		}
		p := &d.pq[pi]
		d.predMatchedBy[pi] = gi + 1
		t.matched = append(t.matched, matchedQuote{gold: g, pred: p})
		t.spkTotal++
		if speakerMatches(g, p) {
			t.spkHits++
			t.qs[0]++
			d.predSpeakerOK[pi] = true
		}
		if g.SpeakerCanonical != "" {
			t.canTotal++
			if p.SpeakerCanonical != nil && strings.EqualFold(*p.SpeakerCanonical, g.SpeakerCanonical) {
				t.canHits++
				t.canTP++
			}
		}
	}
}

// scoreEdges are the bins of the score calibration table.
var scoreEdges = []float64{0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0001}

// scoreAt is the score from which predictions should be right at least
// that often.
const scoreAt = 0.8

// scoreCalibration counts the predictions by score.
func (t *quoteTally) scoreCalibration(d *docQuotes) {
	if t.scoreBins == nil {
		t.scoreBins = make([]Ratio, len(scoreEdges)-1)
	}
	for pi := range d.pq {
		s := d.pq[pi].Score
		if s == nil {
			continue
		}
		right := d.predMatchedBy[pi] > 0
		t.scored++
		if float64(*s) >= scoreAt-1e-6 {
			t.at80++
			if right {
				t.at80OK++
			}
		}
		for i := range t.scoreBins {
			if float64(*s) >= scoreEdges[i]-1e-6 && float64(*s) < scoreEdges[i+1]-1e-6 {
				t.scoreBins[i].Total++
				if right {
					t.scoreBins[i].Hits++
				}
			}
		}
	}
}

// errors lists the missed, wrong-speaker and spurious quotes.
func (t *quoteTally) errors(d *docQuotes) {
	for gi, pi := range d.m30 {
		g := &d.gq[gi]
		e := QuoteError{Task: "quotes", DocID: d.id, GoldContent: g.Content.Text, GoldCue: g.Cue.Text, GoldSpeaker: g.Speaker.Text}
		if len(g.Content.Fragments) > 0 {
			e.Start = g.Content.Fragments[0][0]
		}
		switch {
		case pi < 0:
			e.Kind = "missed"
			t.errs = append(t.errs, e)
		case !speakerMatches(g, &d.pq[pi]):
			p := &d.pq[pi]
			e.Kind = "wrong_speaker"
			e.PredContent, e.PredCue, e.PredSpeaker, e.PredRule = p.Content, deref(p.Cue), deref(p.Speaker), p.Rule
			t.errs = append(t.errs, e)
		default:
			if we, ok := wrongSpan(e, goldSpan(g.Content), &d.pq[pi]); ok {
				t.errs = append(t.errs, we)
			}
		}
	}
	for pi := range d.pq {
		if d.predMatchedBy[pi] == 0 {
			p := &d.pq[pi]
			t.errs = append(t.errs, QuoteError{Task: "quotes", Kind: "spurious", DocID: d.id, PredContent: p.Content, PredCue: deref(p.Cue), PredSpeaker: deref(p.Speaker), PredRule: p.Rule, Start: int(p.ContentStart)})
		}
	}
}

// wrongSpan is e as a wrong_span error when the prediction p, matched with
// the right speaker, does not cover exactly the gold content g.
func wrongSpan(e QuoteError, g span, p *output.QuoteRow) (QuoteError, bool) {
	ps := contentSpan(p)
	if len(g) == 0 || exact(overlap(g, ps), g, ps) {
		return e, false
	}
	e.Kind = "wrong_span"
	e.PredContent, e.PredCue, e.PredSpeaker, e.PredRule = p.Content, deref(p.Cue), deref(p.Speaker), p.Rule
	e.StartShift = ps[0][0] - g[0][0]
	e.EndShift = ps[len(ps)-1][1] - g[len(g)-1][1]
	e.Parts = &[2]int{len(g), len(ps)}
	return e, true
}

// kinds counts the direct and indirect slices.
func (t *quoteTally) kinds(d *docQuotes) {
	for gi, pi := range d.m30 {
		sl := t.slices[goldKind(&d.gq[gi])]
		sl[0].gold++
		sl[1].gold++
		if pi >= 0 {
			sl[0].goldHit++
			if speakerMatches(&d.gq[gi], &d.pq[pi]) {
				sl[1].goldHit++
			}
		}
	}
	for pi := range d.pq {
		sl := t.slices[predKind(&d.pq[pi])]
		sl[0].pred++
		sl[1].pred++
		if g := d.predMatchedBy[pi]; g > 0 {
			sl[0].predHit++
			if d.predSpeakerOK[pi] {
				sl[1].predHit++
			}
		}
	}
}

// cues matches cues: any overlap, one-to-one.
func (t *quoteTally) cues(d *docQuotes) {
	var goldCues, predCues []span
	for i := range d.gq {
		if !d.gq[i].Cue.Empty() {
			goldCues = append(goldCues, goldSpan(d.gq[i].Cue))
		}
	}
	for i := range d.pq {
		if s := predSpan(d.pq[i].CueStart, d.pq[i].CueEnd); s != nil {
			predCues = append(predCues, s)
		}
	}
	mc := match(goldCues, predCues, anyOverlap)
	t.cue[0] += countMatched(mc)
	t.cue[1] += len(predCues)
	t.cue[2] += len(goldCues)
}

// scores turns the counts into scores.
func (t *quoteTally) scores() *QuoteScores {
	s := &QuoteScores{
		Content30:       prf(t.c30[0], t.c30[1], t.c30[2]),
		Content80:       prf(t.c80[0], t.c80[1], t.c80[2]),
		ContentExact:    prf(t.cex[0], t.cex[1], t.cex[2]),
		Cue:             prf(t.cue[0], t.cue[1], t.cue[2]),
		SpeakerAccuracy: ratio(t.spkHits, t.spkTotal),
		QuoteSpeaker:    prf(t.qs[0], t.qs[1], t.qs[2]),
		Slices:          map[string]Slice{},
		Errors:          t.errs,
	}
	if t.canGold > 0 {
		r := ratio(t.canHits, t.canTotal)
		s.CanonicalAcc = &r
		p := prf(t.canTP, t.qs[1], t.canGold)
		s.QuoteCanonical = &p
	}
	for name, sl := range t.slices {
		s.Slices[name] = Slice{Content30: sl[0].prf(), QuoteSpeaker: sl[1].prf()}
	}
	if t.scored > 0 {
		s.Scored, s.ScoredAt80 = t.scored, ratio(t.at80OK, t.at80)
		for i, b := range t.scoreBins {
			s.ScoreBins = append(s.ScoreBins, Bin{scoreEdges[i], min(scoreEdges[i+1], 1), ratio(b.Hits, b.Total)})
		}
	}
	return s
}

// goldKind is direct when the gold content holds a quote mark.
func goldKind(g *datasets.GoldQuote) string {
	if isDirect(g.Content.Text) {
		return "direct"
	}
	return "indirect"
}

// predKind is direct when the prediction says so (direct or mixed) or its
// content holds a quote mark: a system may leave the marks outside the
// content span.
func predKind(p *output.QuoteRow) string {
	if p.Kind == "direct" || p.Kind == "mixed" || isDirect(p.Content) {
		return "direct"
	}
	return "indirect"
}

// sliceCount holds the two sides of a slice's scores.
type sliceCount struct{ goldHit, gold, predHit, pred int }

func (c sliceCount) prf() PRF { return prfSides(c.predHit, c.pred, c.goldHit, c.gold) }

func countMatched(m []int) int {
	n := 0
	for _, p := range m {
		if p >= 0 {
			n++
		}
	}
	return n
}

func (s *QuoteScores) addMetrics(m map[string]float64) {
	addPRF(m, "quotes.content30", s.Content30)
	addPRF(m, "quotes.content80", s.Content80)
	addPRF(m, "quotes.content_exact", s.ContentExact)
	addPRF(m, "quotes.cue", s.Cue)
	addPRF(m, "quotes.quote_speaker", s.QuoteSpeaker)
	m["quotes.speaker_accuracy"] = s.SpeakerAccuracy.Value
	if s.CanonicalAcc != nil {
		m["quotes.canonical_accuracy"] = s.CanonicalAcc.Value
		addPRF(m, "quotes.quote_canonical", *s.QuoteCanonical)
	}
	if s.Scored > 0 {
		m["quotes.score80.precision"] = s.ScoredAt80.Value
		m["quotes.score80.share"] = float64(s.ScoredAt80.Total) / float64(s.Scored)
	}
	for name, sl := range s.Slices {
		addPRF(m, "quotes."+name+".content30", sl.Content30)
		addPRF(m, "quotes."+name+".quote_speaker", sl.QuoteSpeaker)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
