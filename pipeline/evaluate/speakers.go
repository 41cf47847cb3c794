package evaluate

import (
	"fmt"
	"io"

	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// SpeakerScores check speaker resolution against a coreference layer
// (GUM's): for each statement (report type speech) whose speaker mention
// is a gold mention, whether the entity it was resolved to has a mention
// in the same gold chain, other than the speaker's own (a name whose
// entity has no other mention is not checked).
type SpeakerScores struct {
	// Checked counts the statements whose speaker mention matched a gold
	// mention.
	Checked int `json:"checked"`
	// Pronoun and Nominal are the resolutions of pronoun and description
	// speakers (he, the company) that chose the gold chain, among those
	// resolved to an entity.
	Pronoun Ratio `json:"pronoun"`
	Nominal Ratio `json:"nominal"`
	// Name is the same for speakers written as a name (Mr Brown), whose
	// entity holds the article's other mentions of that name.
	Name Ratio `json:"name"`
	// Named is, among pronoun, description and unresolved speakers whose
	// gold chain has a named mention (a proper noun) before them, the share
	// resolved to the right entity.
	Named Ratio `json:"named"`
}

// IsSpeakerMetric reports whether name is a metric of ScoreSpeakers.
func IsSpeakerMetric(name string) bool {
	switch name {
	case "speakers.pronoun_accuracy", "speakers.nominal_accuracy", "speakers.name_accuracy", "speakers.named_recall":
		return true
	}
	return false
}

// ScoreSpeakers checks the predicted speakers of gold documents that have
// a coreference layer; it returns nil when none has.
func ScoreSpeakers(gold []datasets.GoldDoc, preds map[string]*PredDoc) *SpeakerScores {
	var sc SpeakerScores
	var pronoun, nominal, name, named tally
	any := false
	for _, g := range gold {
		if !g.HasCoref {
			continue
		}
		any = true
		p := preds[g.ID]
		if p == nil {
			continue
		}
		for _, q := range p.Quotes {
			res := q.SpeakerResolution
			if q.ReportType != "speech" || q.SpeakerStart == nil || q.SpeakerEnd == nil || (res != "pronoun" && res != "nominal" && res != "name" && res != "unresolved") {
				continue
			}
			start, end := int(*q.SpeakerStart), int(*q.SpeakerEnd)
			m := goldCorefAt(g.Coref, start, end)
			if m < 0 {
				continue
			}
			sc.Checked++
			chain := g.Coref[m].Chain
			id := ""
			if q.SpeakerEntityID != nil {
				id = *q.SpeakerEntityID
			}
			own := [2]int{-1, -1} // a name's own mention proves nothing
			if res == "name" {
				own = [2]int{start, end}
			}
			right := id != "" && entityInChain(p.Entities, id, own, g.Coref, chain)
			switch {
			case id == "":
			case res == "pronoun":
				pronoun.add(right)
			case res == "nominal":
				nominal.add(right)
			case res == "name" && otherMention(p.Entities, id, [2]int{start, end}):
				name.add(right)
			}
			if res != "name" && namedBefore(g.Coref, chain, start) {
				named.add(right)
			}
		}
	}
	if !any {
		return nil
	}
	sc.Pronoun, sc.Nominal, sc.Name, sc.Named = pronoun.ratio(), nominal.ratio(), name.ratio(), named.ratio()
	return &sc
}

// goldCorefAt is the gold mention that best matches a span: the one
// overlapping it most, covering at least half of it, the shortest on a
// tie; -1 for none.
func goldCorefAt(ms []datasets.GoldCoref, start, end int) int {
	best, bestOver, bestLen := -1, 0, 0
	for i, m := range ms {
		o := min(end, m.End) - max(start, m.Start)
		if o <= 0 {
			continue
		}
		if l := m.End - m.Start; o > bestOver || o == bestOver && l < bestLen {
			best, bestOver, bestLen = i, o, l
		}
	}
	if best >= 0 && 2*bestOver < end-start {
		return -1
	}
	return best
}

// entityInChain reports whether a mention of the predicted entity id,
// other than one overlapping own, is a mention of the gold chain.
func entityInChain(ents []output.EntityRow, id string, own [2]int, ms []datasets.GoldCoref, chain string) bool {
	for _, e := range ents {
		if e.EntityID != id || overlaps(e, own) {
			continue
		}
		if m := goldCorefAt(ms, int(e.Start), int(e.End)); m >= 0 && ms[m].Chain == chain {
			return true
		}
	}
	return false
}

// otherMention reports whether the entity has a mention away from the
// speaker's span: without one, a name speaker's entity has nothing to
// check.
func otherMention(ents []output.EntityRow, id string, speaker [2]int) bool {
	for _, e := range ents {
		if e.EntityID == id && !overlaps(e, speaker) {
			return true
		}
	}
	return false
}

func overlaps(e output.EntityRow, span [2]int) bool {
	return int(e.Start) < span[1] && span[0] < int(e.End)
}

// namedBefore reports whether the chain has a named mention starting
// before pos.
func namedBefore(ms []datasets.GoldCoref, chain string, pos int) bool {
	for _, m := range ms {
		if m.Chain == chain && m.Proper && m.Start < pos {
			return true
		}
	}
	return false
}

// addMetrics puts the scores into a report's metrics.
func (s *SpeakerScores) addMetrics(m map[string]float64) {
	m["speakers.pronoun_accuracy"], m["speakers.nominal_accuracy"], m["speakers.named_recall"] = s.Pronoun.Value, s.Nominal.Value, s.Named.Value
	m["speakers.name_accuracy"] = s.Name.Value
}

// AddSpeakers puts speaker scores into the report.
func (r *Report) AddSpeakers(s *SpeakerScores) {
	if s == nil {
		return
	}
	r.Speakers = s
	s.addMetrics(r.Metrics)
}

func (s *SpeakerScores) writeText(w io.Writer) {
	fmt.Fprintf(w, "speakers, against the gold coreference (%d statements whose speaker is a gold mention):\n", s.Checked)
	row := func(name string, r Ratio) {
		if r.Total == 0 {
			fmt.Fprintf(w, "  %-44s n/a    (0/0)\n", name)
			return
		}
		fmt.Fprintf(w, "  %-44s %.3f  (%d/%d)\n", name, r.Value, r.Hits, r.Total)
	}
	row("pronoun_accuracy (he, she, it resolved)", s.Pronoun)
	row("nominal_accuracy (the company resolved)", s.Nominal)
	row("name_accuracy (Mr Brown resolved)", s.Name)
	row("named_recall (named before, resolved right)", s.Named)
}
