package evaluate

import (
	"sort"
	"strings"
	"unicode"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// Claim labels scored by ClaimScores.
var claimLabels = []string{doc.LabelClaim, doc.LabelDenial}

// confidentAt is the confidence from which labels must be right at least
// 90% of the time.
const confidentAt = 0.8

// ClaimScores score claim/denial labels on the quotes whose content was
// matched (overlap ≥ 0.3). With gold labels: per-label scores, macro-F1 and
// calibration. With gold cues (PolNeAR has cues, not labels): how often
// attributions whose gold cue is a denial verb are labelled denial, and how
// often any other is (false alarms).
type ClaimScores struct {
	Matched     int            `json:"matched"`
	Accuracy    Ratio          `json:"accuracy"`
	PerLabel    map[string]PRF `json:"per_label,omitempty"`
	MacroF1     float64        `json:"macro_f1"`
	Confident   Ratio          `json:"confident_accuracy"` // labels with confidence ≥ 0.8 that are right
	Calibration []Bin          `json:"calibration,omitempty"`

	DenialCueRecall Ratio `json:"denial_cue_recall"` // gold cue a denial verb, labelled denial
	FalseAlarm      Ratio `json:"false_alarm"`       // other gold cue, labelled denial
	hasLabels       bool
}

// Bin is the accuracy of the labels whose confidence is in [Lo, Hi).
type Bin struct {
	Lo    float64 `json:"lo"`
	Hi    float64 `json:"hi"`
	Ratio `json:"ratio"`
}

var calibrationEdges = []float64{0, 0.6, 0.8, 0.9, 1.0001}

// denialVerbs are the forms of the denial verbs that define PolNeAR's
// denial slice (the verbs of the claims issue, independent of the
// annotator's lexicon).
var denialVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(`deny denies denied denying reject rejects rejected rejecting
		dismiss dismisses dismissed dismissing refute refutes refuted refuting rebut rebuts rebutted
		rebutting dispute disputes disputed disputing disavow disavows disavowed disavowing`) {
		m[f] = true
	}
	return m
}()

func isDenialCue(cue string) bool {
	words := strings.FieldsFunc(strings.ToLower(cue), func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		if denialVerbs[w] {
			return true
		}
		if (w == "brush" || w == "brushed" || w == "brushes") && i+1 < len(words) && words[i+1] == "off" {
			return true
		}
	}
	return false
}

func scoreClaims(matched []matchedQuote, goldHasLabels bool) *ClaimScores {
	s := &ClaimScores{hasLabels: goldHasLabels}
	tp, pred, gold := map[string]int{}, map[string]int{}, map[string]int{}
	bins := make([]Bin, len(calibrationEdges)-1)
	for i := range bins {
		bins[i].Lo, bins[i].Hi = calibrationEdges[i], min(calibrationEdges[i+1], 1)
	}
	var hits, conf, confHits, dc, dcHits, other, alarms int
	for _, m := range matched {
		if m.gold.Cue.Text != "" {
			if isDenialCue(m.gold.Cue.Text) {
				dc++
				if m.pred.Label == doc.LabelDenial {
					dcHits++
				}
			} else {
				other++
				if m.pred.Label == doc.LabelDenial {
					alarms++
				}
			}
		}
		if m.gold.Label == "" {
			continue
		}
		s.Matched++
		gold[m.gold.Label]++
		pred[m.pred.Label]++
		right := m.pred.Label == m.gold.Label
		if right {
			tp[m.gold.Label]++
			hits++
		}
		c := float64(m.pred.Confidence)
		if c >= confidentAt-1e-6 {
			conf++
			if right {
				confHits++
			}
		}
		for i := range bins {
			if c >= calibrationEdges[i]-1e-6 && c < calibrationEdges[i+1]-1e-6 {
				bins[i].Total++
				if right {
					bins[i].Hits++
				}
			}
		}
	}
	s.DenialCueRecall, s.FalseAlarm = ratio(dcHits, dc), ratio(alarms, other)
	if !goldHasLabels {
		return s
	}
	s.Accuracy, s.Confident = ratio(hits, s.Matched), ratio(confHits, conf)
	s.PerLabel = map[string]PRF{}
	for _, l := range claimLabels {
		s.PerLabel[l] = prf(tp[l], pred[l], gold[l])
		s.MacroF1 += s.PerLabel[l].F1 / float64(len(claimLabels))
	}
	for _, b := range bins {
		s.Calibration = append(s.Calibration, Bin{b.Lo, b.Hi, ratio(b.Hits, b.Total)})
	}
	return s
}

func (s *ClaimScores) addMetrics(m map[string]float64) {
	if s.DenialCueRecall.Total > 0 {
		m["claims.denial_cue_recall"] = s.DenialCueRecall.Value
	}
	if s.FalseAlarm.Total > 0 {
		m["claims.false_alarm"] = s.FalseAlarm.Value
	}
	if !s.hasLabels {
		return
	}
	m["claims.accuracy"] = s.Accuracy.Value
	m["claims.macro_f1"] = s.MacroF1
	m["claims.confident_accuracy"] = s.Confident.Value
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
