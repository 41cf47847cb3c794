package evaluate

import (
	"encoding/xml"
	"fmt"
	"io"
	"text/tabwriter"
)

// textTable writes rows of precision, recall and F1 under a header.
type textTable struct{ tw *tabwriter.Writer }

func (t textTable) row(name string, s PRF) {
	fmt.Fprintf(t.tw, "  %-24s\t%s\t%s\t%s\t%d\t%d\t%d\t\n", name, fr(s.P, s.Pred), fr(s.R, s.Gold), fr(s.F1, s.Pred+s.Gold), s.TP, s.Pred, s.Gold)
}

func (t textTable) header() { fmt.Fprintf(t.tw, "  %-24s\tP\tR\tF1\tTP\tpred\tgold\t\n", "") }

// WriteText writes the report as readable tables.
func (r *Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	t := textTable{tw}
	row, header := t.row, t.header
	fmt.Fprintf(tw, "documents: %d", r.Documents)
	if len(r.Missing) > 0 {
		fmt.Fprintf(tw, " (%d without a prediction, scored as predicting nothing)", len(r.Missing))
	}
	fmt.Fprintln(tw)
	for _, n := range r.Notes {
		fmt.Fprintf(tw, "note: %s\n", n)
	}
	if x := r.Extraction; x != nil {
		fmt.Fprintf(tw, "\nmain text extracted from the pages (word-level, against the gold article body)\n")
		fmt.Fprintf(tw, "  F1 mean %s, median %s, 10th percentile %s; precision mean %s, recall mean %s; %d of %d pages without text\n",
			f3(x.F1Mean), f3(x.F1Median), f3(x.F1P10), f3(x.PMean), f3(x.RMean), x.Failed, x.Pages)
		fmt.Fprintf(tw, "  lowest:\n")
		for _, p := range x.Worst {
			fmt.Fprintf(tw, "    %s  F1 %s (P %s, R %s) %s\n", p.Key, f3(p.F1), f3(p.P), f3(p.R), p.Note)
		}
	}
	if r.Syntax != nil {
		fmt.Fprintln(tw)
		r.Syntax.writeText(tw)
	}
	if r.Speakers != nil {
		fmt.Fprintln(tw)
		r.Speakers.writeText(tw)
	}
	if e := r.Entities; e != nil {
		fmt.Fprintf(tw, "\nentities (exact span and label)\n")
		header()
		row("all", e.Typed)
		for _, l := range e.labels() {
			row(l, e.PerLabel[l])
		}
		row("span only", e.Untyped)
		row("without MISC", e.NoMisc)
		for _, name := range Recasings {
			if s, ok := e.Recased[name]; ok {
				row(name+"-cased copy", s)
			}
		}
	}
	if q := r.Quotes; q != nil {
		q.writeText(t)
	}
	if c := r.Claims; c != nil && (c.hasLabels || c.DenialCueRecall.Total+c.FalseAlarm.Total > 0) {
		c.writeText(t)
	}
	if h := r.Headlines; h != nil {
		h.writeText(t)
	}
	if z := r.Zones; z != nil {
		fmt.Fprintf(tw, "\nzones (exact boundaries)\n")
		for _, k := range z.kinds() {
			v := z.PerKind[k]
			fmt.Fprintf(tw, "  %-24s\t%s\t%d/%d\t\n", k, fr(v.Value, v.Total), v.Hits, v.Total)
		}
		fmt.Fprintf(tw, "  %-24s\t%s\t%d/%d\t\n", "all", fr(z.All.Value, z.All.Total), z.All.Hits, z.All.Total)
	}
	return tw.Flush()
}

// writeText writes the quote scores.
func (q *QuoteScores) writeText(t textTable) {
	tw, row, header := t.tw, t.row, t.header
	fmt.Fprintf(tw, "\nquotes (one-to-one, greedy by overlap)\n")
	header()
	row("content ≥0.3", q.Content30)
	row("content ≥0.8", q.Content80)
	row("content exact", q.ContentExact)
	row("cue", q.Cue)
	row("quote+speaker", q.QuoteSpeaker)
	if q.QuoteCanonical != nil {
		row("quote+canonical", *q.QuoteCanonical)
	}
	for _, name := range []string{"direct", "indirect"} {
		sl := q.Slices[name]
		row(name+" content ≥0.3", sl.Content30)
		row(name+" quote+speaker", sl.QuoteSpeaker)
	}
	fmt.Fprintf(tw, "  speaker mention accuracy on matched quotes: %s (%d/%d)\n", fr(q.SpeakerAccuracy.Value, q.SpeakerAccuracy.Total), q.SpeakerAccuracy.Hits, q.SpeakerAccuracy.Total)
	if q.CanonicalAcc != nil {
		fmt.Fprintf(tw, "  canonical speaker accuracy on matched quotes: %s (%d/%d)\n", fr(q.CanonicalAcc.Value, q.CanonicalAcc.Total), q.CanonicalAcc.Hits, q.CanonicalAcc.Total)
	}
	if q.Scored > 0 {
		fmt.Fprintf(tw, "  right (content ≥0.3) with score ≥ %.1f: %s (%d/%d, %.0f%% of the predictions)\n", scoreAt, fr(q.ScoredAt80.Value, q.ScoredAt80.Total), q.ScoredAt80.Hits, q.ScoredAt80.Total, 100*float64(q.ScoredAt80.Total)/float64(q.Scored))
		fmt.Fprintf(tw, "  score calibration:")
		for _, b := range q.ScoreBins {
			fmt.Fprintf(tw, "  [%.1f, %.1f) %s (%d/%d)", b.Lo, b.Hi, fr(b.Value, b.Total), b.Hits, b.Total)
		}
		fmt.Fprintln(tw)
	}

}

// writeText writes the claim scores.
func (c *ClaimScores) writeText(t textTable) {
	tw, row, header := t.tw, t.row, t.header
	if c.hasLabels {
		fmt.Fprintf(tw, "\nclaims (on %d matched, labelled quotes)\n", c.Matched)
		header()
		for _, l := range claimLabels {
			row(l, c.PerLabel[l])
		}
		fmt.Fprintf(tw, "  macro-F1 %s, accuracy %s (%d/%d)\n", fr(c.MacroF1, c.Matched), fr(c.Accuracy.Value, c.Accuracy.Total), c.Accuracy.Hits, c.Accuracy.Total)
		fmt.Fprintf(tw, "  labels with confidence ≥ %.1f right: %s (%d/%d)\n", confidentAt, fr(c.Confident.Value, c.Confident.Total), c.Confident.Hits, c.Confident.Total)
		fmt.Fprintf(tw, "  calibration:")
		for _, b := range c.Calibration {
			fmt.Fprintf(tw, "  [%.1f, %.1f) %s (%d/%d)", b.Lo, b.Hi, fr(b.Value, b.Total), b.Hits, b.Total)
		}
		fmt.Fprintln(tw)
	} else {
		fmt.Fprintf(tw, "\nclaims (the gold has cues, not labels)\n")
	}
	if c.DenialCueRecall.Total+c.FalseAlarm.Total > 0 {
		fmt.Fprintf(tw, "  labelled denial where the gold cue is a denial verb: %s (%d/%d)\n", fr(c.DenialCueRecall.Value, c.DenialCueRecall.Total), c.DenialCueRecall.Hits, c.DenialCueRecall.Total)
		fmt.Fprintf(tw, "  labelled denial where it is not (false alarms):     %s (%d/%d)\n", fr(c.FalseAlarm.Value, c.FalseAlarm.Total), c.FalseAlarm.Hits, c.FalseAlarm.Total)
	}

}

func f3(v float64) string { return fmt.Sprintf("%.3f", v) }

// fr is a rate over n cases, "n/a" when nothing was counted: 0.000 would
// read as a measured failure.
func fr(v float64, n int) string {
	if n == 0 {
		return "n/a"
	}
	return f3(v)
}

// WriteFloors writes the floor results, one line each.
func WriteFloors(w io.Writer, results []FloorResult) {
	for _, f := range results {
		status := "ok  "
		if !f.Passed {
			status = "FAIL"
		}
		fmt.Fprintf(w, "%s %s = %.3f (floor %.3f)\n", status, f.Metric, f.Value, f.Min)
	}
}

// JUnit report types: one test case per floor, which CI systems show as
// tests.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
}

// WriteJUnit writes the floor results as a JUnit XML report.
func WriteJUnit(w io.Writer, suite string, results []FloorResult) error {
	s := junitSuite{Name: suite, Tests: len(results)}
	for _, f := range results {
		c := junitCase{Name: fmt.Sprintf("%s >= %.3f", f.Metric, f.Min), ClassName: "newsnlp.eval." + suite}
		if !f.Passed {
			s.Failures++
			c.Failure = &junitFailure{Message: fmt.Sprintf("%s = %.3f, below the floor %.3f", f.Metric, f.Value, f.Min)}
		}
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{s}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
