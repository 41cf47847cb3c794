package evaluate

import "sort"

// Claim labels scored by ClaimScores.
var claimLabels = []string{"claim", "denial"}

// ClaimScores score claim/denial labels on the quotes whose content was
// matched (overlap ≥ 0.3) and whose gold has a label.
type ClaimScores struct {
	Matched  int            `json:"matched"`
	Accuracy Ratio          `json:"accuracy"`
	PerLabel map[string]PRF `json:"per_label"`
	MacroF1  float64        `json:"macro_f1"`
}

func scoreClaims(matched []matchedQuote, goldHasLabels bool) *ClaimScores {
	if !goldHasLabels {
		return nil
	}
	tp, pred, gold := map[string]int{}, map[string]int{}, map[string]int{}
	n, hits := 0, 0
	for _, m := range matched {
		if m.gold.Label == "" {
			continue
		}
		n++
		gold[m.gold.Label]++
		pred[m.pred.Label]++
		if m.pred.Label == m.gold.Label {
			tp[m.gold.Label]++
			hits++
		}
	}
	s := &ClaimScores{Matched: n, Accuracy: ratio(hits, n), PerLabel: map[string]PRF{}}
	for _, l := range claimLabels {
		s.PerLabel[l] = prf(tp[l], pred[l], gold[l])
		s.MacroF1 += s.PerLabel[l].F1 / float64(len(claimLabels))
	}
	return s
}

func (s *ClaimScores) addMetrics(m map[string]float64) {
	m["claims.accuracy"] = s.Accuracy.Value
	m["claims.macro_f1"] = s.MacroF1
	for l, v := range s.PerLabel {
		addPRF(m, "claims."+l, v)
	}
}

// ZoneScores are per-zone boundary accuracies: the share of gold zones for
// which a predicted zone of the same kind has exactly the same start and
// end.
type ZoneScores struct {
	All     Ratio            `json:"all"`
	PerKind map[string]Ratio `json:"per_kind"`
}

func scoreZones(pairs []pair) *ZoneScores {
	hits, totals := map[string]int{}, map[string]int{}
	allHits, all := 0, 0
	for _, p := range pairs {
		pred := map[[2]int]string{}
		for _, z := range p.pred.Zones {
			pred[[2]int{int(z.Start), int(z.End)}] = z.Kind
		}
		for _, z := range p.gold.Zones {
			totals[z.Kind]++
			all++
			if pred[[2]int{z.Start, z.End}] == z.Kind {
				hits[z.Kind]++
				allHits++
			}
		}
	}
	s := &ZoneScores{All: ratio(allHits, all), PerKind: map[string]Ratio{}}
	for k, n := range totals {
		s.PerKind[k] = ratio(hits[k], n)
	}
	return s
}

func (s *ZoneScores) kinds() []string {
	var out []string
	for k := range s.PerKind {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *ZoneScores) addMetrics(m map[string]float64) {
	m["zones.accuracy"] = s.All.Value
	for k, v := range s.PerKind {
		m["zones."+k+".accuracy"] = v.Value
	}
}
