package evaluate

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// HeadlineScores scores a headline set: each headline is one decision,
// whether the annotations deny something and who does.
type HeadlineScores struct {
	// Attributed scores headlines with a denial by a source: any
	// predicted denial with a speaker (not an author row).
	Attributed PRF `json:"attributed"`
	// Outlet scores headlines with a denial in the outlet's own voice: any
	// predicted author row labelled denial.
	Outlet PRF `json:"outlet"`
	// Denial scores either kind against either kind.
	Denial PRF `json:"denial"`
	// FalseAlarm is the share of claim and question headlines with any
	// predicted denial; NegativeFalseAlarm the share of hard negatives.
	FalseAlarm         Ratio `json:"false_alarm"`
	NegativeFalseAlarm Ratio `json:"negative_false_alarm"`
	// Confusion counts gold category → what was predicted (attributed,
	// outlet, both, none).
	Confusion map[string]map[string]int `json:"confusion"`
	Errors    []HeadlineError           `json:"errors,omitempty"`
}

// HeadlineError is a headline the annotations got wrong, with the rows
// that misled (or none).
type HeadlineError struct {
	DocID     string   `json:"doc_id"`
	Text      string   `json:"text"`
	Gold      string   `json:"gold"`
	Predicted string   `json:"predicted"`
	Rows      []string `json:"rows,omitempty"` // each predicted row: kind, label, cue, evidence
}

// headlinePrediction is what a headline's annotations say: attributed,
// outlet, both or none.
func headlinePrediction(p *PredDoc) (string, []string) {
	attributed, outlet := false, false
	var rows []string
	for _, q := range p.Quotes {
		rows = append(rows, fmt.Sprintf("%s %s, cue %q, speaker %q, evidence %s", q.Kind, q.Label, deref(q.Cue), deref(q.Speaker), strings.Join(q.Evidence, ",")))
		if q.Label != doc.LabelDenial {
			continue
		}
		if q.Kind == doc.KindAuthor {
			outlet = true
		} else {
			attributed = true
		}
	}
	switch {
	case attributed && outlet:
		return "both", rows
	case attributed:
		return "attributed", rows
	case outlet:
		return "outlet", rows
	}
	return "none", rows
}

func scoreHeadlines(pairs []pair) *HeadlineScores {
	s := &HeadlineScores{Confusion: map[string]map[string]int{}}
	var at, ap, ag, ot, op, og, dt, dp, dg, fa, faN, neg, negN int
	for _, p := range pairs {
		gold := p.gold.Headline
		pred, rows := headlinePrediction(p.pred)
		if s.Confusion[gold] == nil {
			s.Confusion[gold] = map[string]int{}
		}
		s.Confusion[gold][pred]++
		predAttr, predOutlet := pred == "attributed" || pred == "both", pred == "outlet" || pred == "both"
		count := func(goldIs, predIs bool, tp, np, ng *int) {
			if predIs {
				*np++
			}
			if goldIs {
				*ng++
				if predIs {
					*tp++
				}
			}
		}
		count(gold == "attributed", predAttr, &at, &ap, &ag)
		count(gold == "outlet", predOutlet, &ot, &op, &og)
		count(gold == "attributed" || gold == "outlet", pred != "none", &dt, &dp, &dg)
		switch gold {
		case "claim", "question":
			faN++
			if pred != "none" {
				fa++
			}
		case "negative":
			negN++
			if pred != "none" {
				neg++
			}
		}
		right := pred == gold || (gold != "attributed" && gold != "outlet" && pred == "none")
		if !right {
			s.Errors = append(s.Errors, HeadlineError{DocID: p.gold.ID, Text: p.gold.Text, Gold: gold, Predicted: pred, Rows: rows})
		}
	}
	s.Attributed, s.Outlet, s.Denial = prf(at, ap, ag), prf(ot, op, og), prf(dt, dp, dg)
	s.FalseAlarm, s.NegativeFalseAlarm = ratio(fa, faN), ratio(neg, negN)
	sort.Slice(s.Errors, func(i, j int) bool { return s.Errors[i].DocID < s.Errors[j].DocID })
	return s
}

func (s *HeadlineScores) addMetrics(m map[string]float64) {
	addPRF(m, "headlines.attributed", s.Attributed)
	addPRF(m, "headlines.outlet", s.Outlet)
	addPRF(m, "headlines.denial", s.Denial)
	m["headlines.false_alarm"] = s.FalseAlarm.Value
	m["headlines.negative_false_alarm"] = s.NegativeFalseAlarm.Value
}

// headlineErrorsShown is how many errors the text report lists.
const headlineErrorsShown = 20

func (s *HeadlineScores) writeText(t textTable) {
	tw := t.tw
	fmt.Fprintf(tw, "\nheadlines (one decision each: is something denied, and by whom)\n")
	t.header()
	t.row("attributed denial", s.Attributed)
	t.row("outlet denial", s.Outlet)
	t.row("any denial", s.Denial)
	fmt.Fprintf(tw, "  false alarms on claims and questions: %s (%d/%d); on hard negatives: %s (%d/%d)\n",
		fr(s.FalseAlarm.Value, s.FalseAlarm.Total), s.FalseAlarm.Hits, s.FalseAlarm.Total,
		fr(s.NegativeFalseAlarm.Value, s.NegativeFalseAlarm.Total), s.NegativeFalseAlarm.Hits, s.NegativeFalseAlarm.Total)
	writeConfusion(tw, s.Confusion)
	if len(s.Errors) > 0 {
		fmt.Fprintf(tw, "  errors: %d", len(s.Errors))
		if len(s.Errors) > headlineErrorsShown {
			fmt.Fprintf(tw, " (the first %d)", headlineErrorsShown)
		}
		fmt.Fprintln(tw)
		for _, e := range s.Errors[:min(len(s.Errors), headlineErrorsShown)] {
			fmt.Fprintf(tw, "    %s gold %s, predicted %s: %s\n", e.DocID, e.Gold, e.Predicted, e.Text)
			for _, r := range e.Rows {
				fmt.Fprintf(tw, "      %s\n", r)
			}
		}
	}
}

func writeConfusion(tw *tabwriter.Writer, c map[string]map[string]int) {
	fmt.Fprintf(tw, "  gold \\ predicted\tattributed\toutlet\tboth\tnone\t\n")
	for _, g := range []string{"attributed", "outlet", "claim", "question", "negative"} {
		if c[g] == nil {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t\n", g, c[g]["attributed"], c[g]["outlet"], c[g]["both"], c[g]["none"])
	}
}
