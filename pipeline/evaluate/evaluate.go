// Package evaluate scores a newsnlp output against gold annotations:
// entities, quotes with their speakers, claim/denial labels and zones. It
// reads predictions from an output folder (output.ReadRows) and gold from
// datasets.ReadGold, and returns a Report whose flat Metrics map is what
// `newsnlp eval --min` gates on.
//
// Matching is one-to-one: each gold span is matched at most once, greedily
// by overlap, so duplicate predictions cannot inflate a score.
//
// evaluate may import datasets, annotate and output; it must not import
// cmd.
package evaluate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// PRF is a precision/recall/F1 triple with the counts behind it.
type PRF struct {
	TP   int     `json:"tp"`
	Pred int     `json:"pred"`
	Gold int     `json:"gold"`
	P    float64 `json:"precision"`
	R    float64 `json:"recall"`
	F1   float64 `json:"f1"`
}

func prf(tp, pred, gold int) PRF { return prfSides(tp, pred, tp, gold) }

// prfSides is prf when the hits counted for precision (predictions that
// matched) and for recall (gold that was matched) differ, as in slices.
func prfSides(predHit, pred, goldHit, gold int) PRF {
	s := PRF{TP: goldHit, Pred: pred, Gold: gold}
	if pred > 0 {
		s.P = float64(predHit) / float64(pred)
	}
	if gold > 0 {
		s.R = float64(goldHit) / float64(gold)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
	return s
}

// Ratio is a count of successes out of a total.
type Ratio struct {
	Hits  int     `json:"hits"`
	Total int     `json:"total"`
	Value float64 `json:"value"`
}

func ratio(hits, total int) Ratio {
	r := Ratio{Hits: hits, Total: total}
	if total > 0 {
		r.Value = float64(hits) / float64(total)
	}
	return r
}

// PredDoc is one document's predictions, as read from an output.
type PredDoc struct {
	Zones    []output.ZoneRow
	Entities []output.EntityRow
	Quotes   []output.QuoteRow
}

// LoadPredictions reads the zones, entities and quotes of the documents
// named in ids from an output folder. Rows of other documents are skipped
// as they stream past, so an output much larger than the gold is fine.
func LoadPredictions(dir string, ids map[string]bool) (map[string]*PredDoc, error) {
	preds := map[string]*PredDoc{}
	get := func(id string) *PredDoc {
		p := preds[id]
		if p == nil {
			p = &PredDoc{}
			preds[id] = p
		}
		return p
	}
	err := output.ReadRows(dir, output.TableDocuments, func(r *output.DocumentRow) error {
		if ids[r.DocID] {
			get(r.DocID).Zones = append([]output.ZoneRow(nil), r.Zones...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = output.ReadRows(dir, output.TableEntities, func(r *output.EntityRow) error {
		if ids[r.DocID] {
			get(r.DocID).Entities = append(get(r.DocID).Entities, *r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = output.ReadRows(dir, output.TableQuotes, func(r *output.QuoteRow) error {
		if ids[r.DocID] {
			q := *r
			q.Evidence = append([]string(nil), r.Evidence...)
			get(r.DocID).Quotes = append(get(r.DocID).Quotes, q)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return preds, nil
}

// Report is the result of scoring. Metrics holds every figure under a flat
// name (entities.f1, quotes.quote_speaker.f1, zones.body.accuracy, …).
type Report struct {
	Documents int           `json:"documents"`
	Missing   []string      `json:"missing,omitempty"` // gold documents with no prediction
	Notes     []string      `json:"notes,omitempty"`
	Entities  *EntityScores `json:"entities,omitempty"`
	Quotes    *QuoteScores  `json:"quotes,omitempty"`
	Claims    *ClaimScores  `json:"claims,omitempty"`
	Zones     *ZoneScores   `json:"zones,omitempty"`
	// Headlines is set for a headline set (gold with headline categories).
	Headlines *HeadlineScores `json:"headlines,omitempty"`
	// Extraction is set for an article-extraction gold set (web pages and
	// their hand-made article bodies).
	Extraction *ExtractionScores `json:"extraction,omitempty"`
	// Syntax is set for a treebank (CoNLL-U) gold set.
	Syntax *SyntaxScores `json:"syntax,omitempty"`
	// Speakers is set for a treebank with a coreference layer (GUM).
	Speakers *SpeakerScores     `json:"speakers,omitempty"`
	Metrics  map[string]float64 `json:"metrics"`
}

// MetricNames returns the report's metric names, sorted.
func (r *Report) MetricNames() []string {
	names := make([]string, 0, len(r.Metrics))
	for k := range r.Metrics {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// Score compares predictions with gold. Only the tasks the gold covers are
// scored; a gold document without a prediction counts as predicting
// nothing.
func Score(gold []datasets.GoldDoc, preds map[string]*PredDoc) *Report {
	r := &Report{Documents: len(gold), Metrics: map[string]float64{}}
	var ents, quotes, zones, headlines []pair
	conll := false
	notSpeech, speechOnlyGold := 0, false
	for i := range gold {
		g := &gold[i]
		p := preds[g.ID]
		if p == nil {
			r.Missing = append(r.Missing, g.ID)
			p = &PredDoc{}
		}
		pr := pair{gold: g, pred: p}
		if g.SpeechOnly && g.HasQuotes {
			pr.pred = speechOnly(p)
			notSpeech += len(p.Quotes) - len(pr.pred.Quotes)
			speechOnlyGold = true
		}
		if g.HasEntities {
			ents = append(ents, pr)
			conll = conll || g.Scheme == "conll"
		}
		if g.HasQuotes {
			quotes = append(quotes, pr)
		}
		if g.HasZones {
			zones = append(zones, pr)
		}
		if g.Headline != "" {
			headlines = append(headlines, pr)
		}
	}
	if conll {
		r.Notes = append(r.Notes,
			"CoNLL text is the tokens detokenised as news is written (no space before , . ; : ? ! ) % 's n't, none after ( $), one sentence per line; gold offsets are computed on that text",
			"CoNLL label mapping: "+conllMappingText)
	}
	if speechOnlyGold {
		r.Notes = append(r.Notes, fmt.Sprintf("the gold's quotes are statements only: %d predicted attributions of belief, perception or attitude (report_type) are not scored", notSpeech))
	}
	if len(ents) > 0 {
		r.Entities = scoreEntities(ents)
		r.Entities.addMetrics(r.Metrics)
	}
	if len(quotes) > 0 {
		var matched []matchedQuote
		r.Quotes, matched = scoreQuotes(quotes)
		r.Quotes.addMetrics(r.Metrics)
		r.Claims = scoreClaims(matched, goldHasLabels(quotes))
		if r.Claims != nil {
			r.Claims.addMetrics(r.Metrics)
		}
	}
	if len(zones) > 0 {
		r.Zones = scoreZones(zones)
		r.Zones.addMetrics(r.Metrics)
	}
	if len(headlines) > 0 {
		r.Headlines = scoreHeadlines(headlines)
		r.Headlines.addMetrics(r.Metrics)
	}
	return r
}

// speechOnly is p with only its speech attributions (and those of an
// output from before report_type, which has none).
func speechOnly(p *PredDoc) *PredDoc {
	q := *p
	q.Quotes = nil
	for _, r := range p.Quotes {
		if r.ReportType == "" || r.ReportType == doc.ReportSpeech {
			q.Quotes = append(q.Quotes, r)
		}
	}
	return &q
}

type pair struct {
	gold *datasets.GoldDoc
	pred *PredDoc
}

func addPRF(m map[string]float64, name string, s PRF) {
	m[name+".p"] = s.P
	m[name+".r"] = s.R
	m[name+".f1"] = s.F1
}

// Floor is a minimum for one metric, from `--min task.metric=value`.
type Floor struct {
	Metric string
	Min    float64
}

// ParseFloor parses "task.metric=value".
func ParseFloor(s string) (Floor, error) {
	name, val, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return Floor{}, fmt.Errorf("floor %q: want task.metric=value", s)
	}
	var v float64
	if _, err := fmt.Sscanf(val, "%g", &v); err != nil || v < 0 || v > 1 {
		return Floor{}, fmt.Errorf("floor %q: value must be a number from 0 to 1", s)
	}
	return Floor{Metric: strings.TrimSpace(name), Min: v}, nil
}

// FloorResult is one floor checked against a report.
type FloorResult struct {
	Floor
	Value  float64 `json:"value"`
	Passed bool    `json:"passed"`
}

// CheckFloors checks every floor. A floor naming a metric the report does
// not have is an error: a typo must not pass silently.
func CheckFloors(r *Report, floors []Floor) ([]FloorResult, error) {
	var out []FloorResult
	for _, f := range floors {
		v, ok := r.Metrics[f.Metric]
		if !ok {
			return nil, fmt.Errorf("floor %s: no such metric for this gold (metrics: %s)", f.Metric, strings.Join(r.MetricNames(), ", "))
		}
		// The tolerance only absorbs float rounding: a value printed as 0.760
		// may be 0.7598, which misses a 0.76 floor.
		passed := v >= f.Min-1e-9
		out = append(out, FloorResult{Floor: f, Value: v, Passed: passed})
	}
	return out, nil
}

func goldHasLabels(pairs []pair) bool {
	for _, p := range pairs {
		for _, q := range p.gold.Quotes {
			if q.Label != "" {
				return true
			}
		}
	}
	return false
}

// MetricsFor lists every metric scoring gold can report, whatever the
// predictions, so that `--min` names can be checked before a run: the
// gold's tasks' metrics, those that appear only when predictions carry
// them (scores, denial cues), and with recased the recased entity scores
// of CoNLL gold.
func MetricsFor(gold []datasets.GoldDoc, recased bool) []string {
	r := Score(gold, nil)
	if r.Quotes != nil {
		r.Metrics["quotes.score80.precision"] = 0
		r.Metrics["quotes.score80.share"] = 0
		r.Metrics["claims.denial_cue_recall"] = 0
		r.Metrics["claims.false_alarm"] = 0
	}
	conll := false
	for _, g := range gold {
		conll = conll || (g.HasEntities && g.Scheme == "conll")
	}
	if recased && conll && r.Entities != nil {
		for _, name := range Recasings {
			addPRF(r.Metrics, "entities."+name, PRF{})
		}
	}
	return r.MetricNames()
}

// HasAnnotations tells whether any gold document holds something to score
// (entities, quotes or zones): a corpus without them is not gold.
func HasAnnotations(gold []datasets.GoldDoc) bool {
	for _, g := range gold {
		if g.HasEntities || g.HasQuotes || g.HasZones || g.Headline != "" {
			return true
		}
	}
	return false
}

// CheckFloorNames checks that every floor names one of names.
func CheckFloorNames(floors []Floor, names []string) error {
	known := make(map[string]bool, len(names))
	for _, n := range names {
		known[n] = true
	}
	for _, f := range floors {
		if !known[f.Metric] {
			return fmt.Errorf("--min %s: no such metric for this gold (metrics: %s)", f.Metric, strings.Join(names, ", "))
		}
	}
	return nil
}
