package evaluate

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func gspan(s, e int) datasets.GoldSpan { return datasets.GoldSpan{Fragments: [][2]int{{s, e}}} }

func i32(v int) *int32 { x := int32(v); return &x }

func str(s string) *string { return &s }

// The text is 100 code points of x; only offsets matter to the scorer.
var text100 = string(make([]rune, 100))

func TestEntitiesByHand(t *testing.T) {
	gold := []datasets.GoldDoc{{
		ID: "d", Text: text100, HasEntities: true,
		Entities: []datasets.GoldEntity{
			{Start: 0, End: 5, Label: "PERSON"},
			{Start: 10, End: 15, Label: "ORG"},
			{Start: 20, End: 25, Label: "GPE"}, // unmatched
		},
	}}
	preds := map[string]*PredDoc{"d": {Entities: []output.EntityRow{
		{Start: 0, End: 5, Label: "PERSON"},
		{Start: 0, End: 5, Label: "PERSON"}, // duplicate: one tp, one fp
		{Start: 10, End: 15, Label: "GPE"},  // right span, wrong type
		{Start: 30, End: 33, Label: "ORG"},  // spurious
	}}}
	r := Score(gold, preds)
	// Typed: tp 1 (the first PERSON), pred 4, gold 3: P 1/4, R 1/3, F1 2/7.
	if e := r.Entities.Typed; e.TP != 1 || e.Pred != 4 || e.Gold != 3 || !near(e.P, 0.25) || !near(e.R, 1.0/3) || !near(e.F1, 2.0/7) {
		t.Errorf("typed = %+v; want tp 1, pred 4, gold 3, P .25, R .333, F1 .2857", e)
	}
	// Untyped: spans (0,5) and (10,15) match: tp 2, P 2/4, R 2/3, F1 4/7.
	if e := r.Entities.Untyped; e.TP != 2 || !near(e.F1, 4.0/7) {
		t.Errorf("untyped = %+v; want tp 2, F1 .5714", e)
	}
	// Per label: ORG has gold 1, pred 1 (the spurious one), tp 0.
	if e := r.Entities.PerLabel["ORG"]; e.TP != 0 || e.Pred != 1 || e.Gold != 1 {
		t.Errorf("ORG = %+v; want tp 0, pred 1, gold 1", e)
	}
	if e := r.Entities.PerLabel["PERSON"]; e.TP != 1 || e.Pred != 2 || e.Gold != 1 || !near(e.P, 0.5) || !near(e.R, 1) {
		t.Errorf("PERSON = %+v; want tp 1, pred 2, gold 1", e)
	}
}

func TestCoNLLMappingAndMisc(t *testing.T) {
	gold := []datasets.GoldDoc{{
		ID: "d", Text: text100, HasEntities: true, Scheme: "conll",
		Entities: []datasets.GoldEntity{{Start: 0, End: 5, Label: "LOC"}, {Start: 10, End: 15, Label: "MISC"}},
	}}
	preds := map[string]*PredDoc{"d": {Entities: []output.EntityRow{
		{Start: 0, End: 5, Label: "GPE"},    // maps to LOC: a hit
		{Start: 10, End: 15, Label: "NORP"}, // maps to MISC: a hit, left out without MISC
	}}}
	r := Score(gold, preds)
	if !near(r.Entities.Typed.F1, 1) {
		t.Errorf("typed F1 = %v; want 1 after mapping GPE→LOC and NORP→MISC", r.Entities.Typed.F1)
	}
	if n := r.Entities.NoMisc; n.TP != 1 || n.Gold != 1 || n.Pred != 1 {
		t.Errorf("without MISC = %+v; want 1/1/1", n)
	}
}

// TestSplitQuotationParts: a gold content of two fragments (“A,” X said.
// “B.”) is matched exactly by a prediction whose parts are those fragments,
// and not by one whose single span runs over the cue between them.
func TestSplitQuotationParts(t *testing.T) {
	two := datasets.GoldSpan{Fragments: [][2]int{{10, 20}, {30, 40}}}
	gold := []datasets.GoldDoc{{ID: "d", Text: text100, HasQuotes: true, Quotes: []datasets.GoldQuote{{Content: two, Label: "claim"}}}}
	for _, tc := range []struct {
		name  string
		row   output.QuoteRow
		exact int
	}{
		{"parts", output.QuoteRow{ContentStart: 10, ContentEnd: 40, ContentParts: []output.SpanRow{{Start: 10, End: 20}, {Start: 30, End: 40}}, Label: "claim"}, 1},
		{"one span over the cue", output.QuoteRow{ContentStart: 10, ContentEnd: 40, ContentParts: []output.SpanRow{{Start: 10, End: 40}}, Label: "claim"}, 0},
		{"no parts column", output.QuoteRow{ContentStart: 10, ContentEnd: 40, Label: "claim"}, 0},
	} {
		q := Score(gold, map[string]*PredDoc{"d": {Quotes: []output.QuoteRow{tc.row}}}).Quotes
		if q.ContentExact.TP != tc.exact || q.Content80.TP != 1 {
			t.Errorf("%s: exact %d, 0.8 %d; want exact %d, 0.8 1", tc.name, q.ContentExact.TP, q.Content80.TP, tc.exact)
		}
	}
}

// TestWrongSpanErrors: a match with the right speaker whose content runs
// past the gold end is a wrong_span error that says which end is off and
// by how much; an exact match and a wrong speaker are not.
func TestWrongSpanErrors(t *testing.T) {
	gold := []datasets.GoldDoc{{
		ID: "d", Text: text100, HasQuotes: true,
		Quotes: []datasets.GoldQuote{
			{Content: gspan(10, 30), Cue: gspan(5, 9), Speaker: gspan(0, 4), Label: "claim"},
			{Content: gspan(50, 60), Cue: gspan(45, 49), Speaker: gspan(40, 44), Label: "claim"},
			{Content: gspan(70, 80), Cue: gspan(65, 69), Speaker: gspan(61, 64), Label: "claim"},
		},
	}}
	at := func(n int) *int32 { v := int32(n); return &v }
	preds := map[string]*PredDoc{"d": {Quotes: []output.QuoteRow{
		{ContentStart: 8, ContentEnd: 35, SpeakerStart: at(0), SpeakerEnd: at(4), Label: "claim"},    // starts 2 early, ends 5 late
		{ContentStart: 50, ContentEnd: 60, SpeakerStart: at(40), SpeakerEnd: at(44), Label: "claim"}, // exact
		{ContentStart: 70, ContentEnd: 78, SpeakerStart: at(0), SpeakerEnd: at(4), Label: "claim"},   // wrong speaker
	}}}
	errs := Score(gold, preds).Quotes.Errors
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%s %d %d %v", e.Kind, e.StartShift, e.EndShift, e.Parts))
	}
	want := []string{"wrong_span -2 5 &[1 1]", "wrong_speaker 0 0 <nil>"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var b strings.Builder
	WriteQuoteErrorSummary(&b, errs, "errs.jsonl")
	if !strings.Contains(b.String(), "wrong_span (right speaker, content not exact): 1; ends late 1, starts early 1") {
		t.Errorf("summary:\n%s", b.String())
	}
}

func TestQuotesByHand(t *testing.T) {
	gold := []datasets.GoldDoc{{
		ID: "d", Text: text100, HasQuotes: true,
		Quotes: []datasets.GoldQuote{
			{Content: gspan(10, 30), Cue: gspan(5, 9), Speaker: gspan(0, 4), SpeakerCanonical: "Ann Lee", Label: "claim"},
			{Content: gspan(40, 60), Cue: gspan(35, 39), Speaker: gspan(31, 34), Label: "denial"},
			{Content: gspan(70, 80), Label: "claim"}, // unmatched, no speaker
		},
	}}
	preds := map[string]*PredDoc{"d": {Quotes: []output.QuoteRow{
		// Covers 10..30 exactly: matches at 0.3, 0.8 and exact; speaker overlaps.
		{ContentStart: 10, ContentEnd: 30, CueStart: i32(5), CueEnd: i32(9), SpeakerStart: i32(0), SpeakerEnd: i32(3), SpeakerCanonical: str("ann lee"), Label: "claim"},
		// Duplicate of the first: must not match again.
		{ContentStart: 10, ContentEnd: 30, Label: "claim"},
		// Overlaps 40..60 on 45..52 = 7 of 20 (0.35): a match at 0.3 only;
		// the speaker misses; the label is wrong.
		{ContentStart: 45, ContentEnd: 52, SpeakerStart: i32(90), SpeakerEnd: i32(95), Label: "claim"},
	}}}
	r := Score(gold, preds)
	q := r.Quotes
	check := func(name string, got PRF, tp, pred, gold int) {
		t.Helper()
		if got.TP != tp || got.Pred != pred || got.Gold != gold {
			t.Errorf("%s = %+v; want tp %d, pred %d, gold %d", name, got, tp, pred, gold)
		}
	}
	check("content30", q.Content30, 2, 3, 3)
	check("content80", q.Content80, 1, 3, 3)
	check("exact", q.ContentExact, 1, 3, 3)
	check("cue", q.Cue, 1, 1, 2)
	check("quote+speaker", q.QuoteSpeaker, 1, 3, 3)
	if !near(q.QuoteSpeaker.F1, 1.0/3) {
		t.Errorf("quote+speaker F1 = %v; want 1/3", q.QuoteSpeaker.F1)
	}
	if q.SpeakerAccuracy.Hits != 1 || q.SpeakerAccuracy.Total != 2 {
		t.Errorf("speaker accuracy = %+v; want 1/2", q.SpeakerAccuracy)
	}
	if q.CanonicalAcc == nil || q.CanonicalAcc.Hits != 1 || q.CanonicalAcc.Total != 1 {
		t.Errorf("canonical accuracy = %+v; want 1/1 (case-insensitive)", q.CanonicalAcc)
	}
	// Claims on the 2 matched quotes: claim→claim right, denial→claim wrong.
	c := r.Claims
	if c.Accuracy.Hits != 1 || c.Accuracy.Total != 2 {
		t.Errorf("claims accuracy = %+v; want 1/2", c.Accuracy)
	}
	// claim: tp 1, pred 2, gold 1 → P .5, R 1, F1 2/3; denial: F1 0.
	if cl := c.PerLabel["claim"]; !near(cl.F1, 2.0/3) || !near(c.MacroF1, 1.0/3) {
		t.Errorf("claim = %+v, macro-F1 %v; want F1 .667, macro .333", cl, c.MacroF1)
	}
}

func f32(v float32) *float32 { return &v }

// TestQuoteScoreCalibration: predictions are counted by their score, right
// when their content matched (one to one, at 0.3).
func TestQuoteScoreCalibration(t *testing.T) {
	gold := []datasets.GoldDoc{{
		ID: "d", Text: text100, HasQuotes: true,
		Quotes: []datasets.GoldQuote{{Content: gspan(10, 30)}, {Content: gspan(40, 60)}},
	}}
	preds := map[string]*PredDoc{"d": {Quotes: []output.QuoteRow{
		{ContentStart: 10, ContentEnd: 30, Score: f32(0.95)}, // right
		{ContentStart: 10, ContentEnd: 30, Score: f32(0.85)}, // a duplicate: wrong
		{ContentStart: 40, ContentEnd: 60, Score: f32(0.55)}, // right
		{ContentStart: 70, ContentEnd: 80, Score: f32(0.3)},  // wrong
		{ContentStart: 85, ContentEnd: 90},                   // no score: not counted
	}}}
	q := Score(gold, preds).Quotes
	if q.Scored != 4 || q.ScoredAt80.Hits != 1 || q.ScoredAt80.Total != 2 {
		t.Fatalf("scored %d, at 0.8 %+v; want 4 scored, 1 of 2 right at 0.8", q.Scored, q.ScoredAt80)
	}
	want := map[float64][2]int{0.2: {0, 1}, 0.5: {1, 1}, 0.8: {0, 1}, 0.9: {1, 1}}
	for _, b := range q.ScoreBins {
		if w := want[b.Lo]; b.Hits != w[0] || b.Total != w[1] {
			t.Errorf("bin [%v, %v): %d/%d; want %d/%d", b.Lo, b.Hi, b.Hits, b.Total, w[0], w[1])
		}
	}
	m := map[string]float64{}
	q.addMetrics(m)
	if m["quotes.score80.precision"] != 0.5 || m["quotes.score80.share"] != 0.5 {
		t.Errorf("metrics %v, %v; want 0.5 and 0.5", m["quotes.score80.precision"], m["quotes.score80.share"])
	}
}

// TestSpeechOnlyGold: against gold that holds statements only, a
// prediction of belief, perception or attitude is neither right nor
// spurious; against gold that holds them all (PolNeAR), it counts.
func TestSpeechOnlyGold(t *testing.T) {
	preds := map[string]*PredDoc{"d": {Quotes: []output.QuoteRow{
		{ContentStart: 10, ContentEnd: 30, ReportType: "speech"},
		{ContentStart: 40, ContentEnd: 60, ReportType: "belief"},
		{ContentStart: 70, ContentEnd: 80}, // an older output: no type
	}}}
	for _, speechOnly := range []bool{true, false} {
		gold := []datasets.GoldDoc{{ID: "d", Text: text100, HasQuotes: true, SpeechOnly: speechOnly,
			Quotes: []datasets.GoldQuote{{Content: gspan(10, 30)}}}}
		r := Score(gold, preds)
		want := 3
		if speechOnly {
			want = 2
		}
		if c := r.Quotes.Content30; c.TP != 1 || c.Pred != want {
			t.Errorf("speech only %v: content30 %+v; want 1 right of %d predictions", speechOnly, c, want)
		}
		if noted := len(r.Notes) > 0 && strings.Contains(r.Notes[0], "1 predicted attributions of belief"); noted != speechOnly {
			t.Errorf("speech only %v: notes %q", speechOnly, r.Notes)
		}
	}
}

func TestEmptyPredictions(t *testing.T) {
	gold := []datasets.GoldDoc{{ID: "d", Text: text100, HasQuotes: true, HasEntities: true,
		Quotes:   []datasets.GoldQuote{{Content: gspan(0, 10)}},
		Entities: []datasets.GoldEntity{{Start: 0, End: 3, Label: "ORG"}}}}
	r := Score(gold, map[string]*PredDoc{})
	if len(r.Missing) != 1 || r.Quotes.Content30.Gold != 1 || r.Quotes.Content30.F1 != 0 || r.Entities.Typed.R != 0 {
		t.Errorf("empty predictions: %+v %+v; want one missing document and zero scores", r.Quotes.Content30, r.Entities.Typed)
	}
}

func TestDiscontinuousGoldOverlap(t *testing.T) {
	// Gold content in two fragments of 10: a prediction covering the first
	// fragment and 2 of the gap overlaps 10 of 20 = 0.5.
	gold := []datasets.GoldDoc{{ID: "d", Text: text100, HasQuotes: true,
		Quotes: []datasets.GoldQuote{{Content: datasets.GoldSpan{Fragments: [][2]int{{0, 10}, {20, 30}}}}}}}
	preds := map[string]*PredDoc{"d": {Quotes: []output.QuoteRow{{ContentStart: 0, ContentEnd: 12}}}}
	r := Score(gold, preds)
	if r.Quotes.Content30.TP != 1 || r.Quotes.Content80.TP != 0 {
		t.Errorf("content30 tp %d, content80 tp %d; want 1 and 0", r.Quotes.Content30.TP, r.Quotes.Content80.TP)
	}
}

// TestGoldAgainstItself: predictions made from the gold score 1.0
// everywhere.
func TestGoldAgainstItself(t *testing.T) {
	gold, _, err := datasets.ReadGold("testdata/gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	preds := map[string]*PredDoc{}
	for _, d := range gold {
		p := &PredDoc{}
		for _, z := range d.Zones {
			p.Zones = append(p.Zones, output.ZoneRow{Kind: z.Kind, Start: int32(z.Start), End: int32(z.End)})
		}
		for _, e := range d.Entities {
			p.Entities = append(p.Entities, output.EntityRow{Start: int32(e.Start), End: int32(e.End), Label: e.Label, Text: e.Text})
		}
		for _, q := range d.Quotes {
			c := q.Content.Fragments[0]
			row := output.QuoteRow{ContentStart: int32(c[0]), ContentEnd: int32(c[1]), Content: q.Content.Text, Label: q.Label, Kind: q.Kind, Confidence: 1}
			if !q.Cue.Empty() {
				row.CueStart, row.CueEnd = i32(q.Cue.Fragments[0][0]), i32(q.Cue.Fragments[0][1])
			}
			if !q.Speaker.Empty() {
				row.SpeakerStart, row.SpeakerEnd = i32(q.Speaker.Fragments[0][0]), i32(q.Speaker.Fragments[0][1])
			}
			if q.SpeakerCanonical != "" {
				row.SpeakerCanonical = str(q.SpeakerCanonical)
			}
			p.Quotes = append(p.Quotes, row)
		}
		preds[d.ID] = p
	}
	r := Score(gold, preds)
	if len(r.Metrics) < 20 {
		t.Fatalf("only %d metrics", len(r.Metrics))
	}
	for name, v := range r.Metrics {
		// A slice or label the gold has no instance of scores 0, not 1.
		if r.Quotes.Slices["direct"].Content30.Gold == 0 && (len(name) > 13 && name[:14] == "quotes.direct.") {
			continue
		}
		want := 1.0
		if name == "claims.false_alarm" {
			want = 0 // lower is better
		}
		if !near(v, want) {
			t.Errorf("%s = %v; want %v for gold scored against itself", name, v, want)
		}
	}
}

func TestFloors(t *testing.T) {
	r := &Report{Metrics: map[string]float64{"quotes.quote_speaker.f1": 0.5}}
	res, err := CheckFloors(r, []Floor{{"quotes.quote_speaker.f1", 0.5}, {"quotes.quote_speaker.f1", 0.6}})
	if err != nil || !res[0].Passed || res[1].Passed {
		t.Errorf("floors = %+v, %v; want the 0.5 floor passed and the 0.6 floor missed", res, err)
	}
	if _, err := CheckFloors(r, []Floor{{"quotes.quote_speaker.f2", 0.1}}); err == nil {
		t.Error("a floor on an unknown metric passed silently")
	}
	for _, bad := range []string{"x", "a=b", "a=1.5", "=0.3"} {
		if _, err := ParseFloor(bad); err == nil {
			t.Errorf("ParseFloor(%q) accepted it", bad)
		}
	}
}

// TestEntityErrors: each kind of error, read by hand off a short text.
func TestEntityErrors(t *testing.T) {
	text := "Anna Berg met Tarvo Nord of Norsk Fisk in Oslo on Monday."
	//        0    5   9   13    19   24 27    33   38 41   46
	gold := []datasets.GoldDoc{{
		ID: "d", Text: text, HasEntities: true,
		Entities: []datasets.GoldEntity{
			{Start: 0, End: 9, Label: "PERSON"},   // right
			{Start: 14, End: 24, Label: "PERSON"}, // wrong label
			{Start: 28, End: 38, Label: "ORG"},    // wrong span
			{Start: 42, End: 46, Label: "GPE"},    // missed
		},
	}}
	preds := map[string]*PredDoc{"d": {Entities: []output.EntityRow{
		{Start: 0, End: 9, Label: "PERSON"},
		{Start: 14, End: 24, Label: "ORG"},
		{Start: 25, End: 38, Label: "ORG"},
		{Start: 50, End: 56, Label: "MISC"}, // spurious
	}}}
	r := Score(gold, preds)
	var got []string
	for _, e := range r.Entities.Errors {
		got = append(got, e.Kind+" "+e.GoldText+"/"+e.GoldLabel+" "+e.PredText+"/"+e.PredLabel)
	}
	want := []string{
		"wrong_label Tarvo Nord/PERSON Tarvo Nord/ORG",
		"wrong_span Norsk Fisk/ORG of Norsk Fisk/ORG",
		"missed Oslo/GPE /",
		"spurious / Monday/MISC",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := r.Entities.Errors[2].Context; c != "na Berg met Tarvo Nord of Norsk Fisk in [Oslo] on Monday." {
		t.Errorf("context = %q", c)
	}
	var b strings.Builder
	WriteEntityErrorSummary(&b, r.Entities.Errors, "errs.jsonl")
	if !strings.Contains(b.String(), "entity errors: 4 (") || !strings.Contains(b.String(), `wrong_label PERSON→ORG most often "Tarvo Nord" (1)`) {
		t.Errorf("summary:\n%s", b.String())
	}
}
