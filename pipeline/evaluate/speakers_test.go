package evaluate

import (
	"testing"

	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

func TestSpeakersByHand(t *testing.T) {
	// Chain A: a name at 0–9, pronouns at 20–22 and 40–42. Chain B: a
	// description at 60–71 with no name.
	gold := []datasets.GoldDoc{{ID: "d", Text: text100, HasCoref: true, Coref: []datasets.GoldCoref{
		{Start: 0, End: 9, Chain: "A", Proper: true},
		{Start: 20, End: 22, Chain: "A"},
		{Start: 40, End: 42, Chain: "A"},
		{Start: 60, End: 71, Chain: "B"},
		{Start: 80, End: 85, Chain: "C", Proper: true},
		{Start: 50, End: 55, Chain: "A", Proper: true},
	}}}
	quote := func(s, e int, res, id, report string) output.QuoteRow {
		q := output.QuoteRow{DocID: "d", SpeakerStart: i32(s), SpeakerEnd: i32(e), SpeakerResolution: res, ReportType: report}
		if id != "" {
			q.SpeakerEntityID = str(id)
		}
		return q
	}
	preds := map[string]*PredDoc{"d": {
		Entities: []output.EntityRow{
			{Start: 0, End: 9, EntityID: "e1"},   // chain A
			{Start: 50, End: 55, EntityID: "e1"}, // chain A again
			{Start: 80, End: 85, EntityID: "e2"}, // chain C
		},
		Quotes: []output.QuoteRow{
			quote(20, 22, "pronoun", "e1", "speech"),  // right
			quote(40, 42, "pronoun", "e2", "speech"),  // wrong chain
			quote(60, 71, "nominal", "", "speech"),    // description left unresolved
			quote(40, 42, "unresolved", "", "speech"), // chain A named before: a miss
			quote(20, 22, "pronoun", "e1", "belief"),  // not a statement: not checked
			quote(0, 9, "name", "e1", "speech"),       // a name whose entity's other mention is in its chain: right
			quote(80, 85, "name", "e2", "speech"),     // a name whose entity has no other mention: not checked
			quote(90, 95, "pronoun", "e1", "speech"),  // no gold mention there
		},
	}}
	s := ScoreSpeakers(gold, preds)
	if s == nil {
		t.Fatal("no speaker scores for gold with a coreference layer")
	}
	// Checked: the first four and the two names. Pronouns resolved: 2, 1
	// right. Nominals resolved: none. Names: the one with another
	// mention, right. Chain named before the speaker: the two pronouns
	// and the unresolved one (chain A); 1 right.
	if s.Checked != 6 || s.Pronoun != ratio(1, 2) || s.Nominal != ratio(0, 0) || s.Name != ratio(1, 1) || s.Named != ratio(1, 3) {
		t.Errorf("scores %+v; want 6 checked, pronoun 1/2, nominal 0/0, name 1/1, named 1/3", *s)
	}
	if ScoreSpeakers([]datasets.GoldDoc{{ID: "x", HasQuotes: true}}, preds) != nil {
		t.Error("speaker scores for gold without a coreference layer")
	}
}
