package evaluate

import "sort"

// conllMappingText documents conllLabel for reports.
const conllMappingText = "PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, others→MISC"

// conllLabel maps newsnlp's entity labels onto CoNLL-2003's four.
func conllLabel(l string) string {
	switch l {
	case "PERSON", "PER":
		return "PER"
	case "ORG", "ORGANIZATION":
		return "ORG"
	case "GPE", "LOC", "FAC", "LOCATION":
		return "LOC"
	}
	return "MISC"
}

// EntityScores are exact-match entity scores.
type EntityScores struct {
	Typed    PRF            `json:"typed"`     // exact span and label, micro
	Untyped  PRF            `json:"untyped"`   // exact span, any label
	NoMisc   PRF            `json:"no_misc"`   // typed, MISC left out of gold and predictions
	PerLabel map[string]PRF `json:"per_label"` // typed, by gold/predicted label
	// Recased is the typed score on recased copies of the gold texts, by
	// copy (title: each word's first letter a capital; upper: every letter
	// a capital), as headlines are written; set by AddRecased.
	Recased map[string]PRF `json:"recased,omitempty"`
	// Errors are the mentions the prediction got wrong, by document in
	// gold order (newsnlp eval --errors).
	Errors []EntityError `json:"-"`
}

// Recasings are the names of the recased copies, in the order they are
// reported.
var Recasings = []string{"title", "upper"}

// AddRecased records the typed entity score of a recased copy of the gold
// (Recasings names it) and its metric entities.NAME.f1.
func (r *Report) AddRecased(name string, s *EntityScores) {
	if r.Entities == nil || s == nil {
		return
	}
	if r.Entities.Recased == nil {
		r.Entities.Recased = map[string]PRF{}
	}
	r.Entities.Recased[name] = s.Typed
	addPRF(r.Metrics, "entities."+name, s.Typed)
}

type entKey struct {
	start, end int
	label      string
}

func scoreEntities(pairs []pair) *EntityScores {
	var typed, untyped, noMisc [3]int // tp, pred, gold
	var errs []EntityError
	perLabel := map[string]*[3]int{}
	bump := func(label string, i int, n int) {
		c := perLabel[label]
		if c == nil {
			c = &[3]int{}
			perLabel[label] = c
		}
		c[i] += n
	}
	for _, p := range pairs {
		mapLabel := func(l string) string { return l }
		if p.gold.Scheme == "conll" {
			mapLabel = conllLabel
		}
		gold := map[entKey]int{}
		pred := map[entKey]int{}
		var gs, ps []mentionSpan
		for _, e := range p.gold.Entities {
			gold[entKey{e.Start, e.End, e.Label}]++
			gs = append(gs, mentionSpan{e.Start, e.End, e.Label})
		}
		for _, e := range p.pred.Entities {
			pred[entKey{int(e.Start), int(e.End), mapLabel(e.Label)}]++
			ps = append(ps, mentionSpan{int(e.Start), int(e.End), mapLabel(e.Label)})
		}
		errs = append(errs, entityErrors(p.gold.ID, []rune(p.gold.Text), gs, ps)...)
		// Multiset intersection: each gold mention matches at most one
		// prediction.
		count := func(g, pr map[entKey]int, keep func(entKey) bool, acc *[3]int, perLabelToo bool) {
			for k, n := range pr {
				if keep(k) {
					acc[1] += n
					if perLabelToo {
						bump(k.label, 1, n)
					}
				}
			}
			for k, n := range g {
				if !keep(k) {
					continue
				}
				acc[2] += n
				tp := min(n, pr[k])
				acc[0] += tp
				if perLabelToo {
					bump(k.label, 2, n)
					bump(k.label, 0, tp)
				}
			}
		}
		all := func(entKey) bool { return true }
		count(gold, pred, all, &typed, true)
		count(gold, pred, func(k entKey) bool { return k.label != "MISC" }, &noMisc, false)
		ug, up := map[entKey]int{}, map[entKey]int{}
		for k, n := range gold {
			ug[entKey{k.start, k.end, ""}] += n
		}
		for k, n := range pred {
			up[entKey{k.start, k.end, ""}] += n
		}
		count(ug, up, all, &untyped, false)
	}
	s := &EntityScores{
		Typed:    prf(typed[0], typed[1], typed[2]),
		Untyped:  prf(untyped[0], untyped[1], untyped[2]),
		NoMisc:   prf(noMisc[0], noMisc[1], noMisc[2]),
		PerLabel: map[string]PRF{},
		Errors:   errs,
	}
	for l, c := range perLabel {
		s.PerLabel[l] = prf(c[0], c[1], c[2])
	}
	return s
}

func (s *EntityScores) labels() []string {
	var out []string
	for l := range s.PerLabel {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

func (s *EntityScores) addMetrics(m map[string]float64) {
	addPRF(m, "entities", s.Typed)
	m["entities.span_f1"] = s.Untyped.F1
	m["entities.f1_no_misc"] = s.NoMisc.F1
	for l, v := range s.PerLabel {
		addPRF(m, "entities."+l, v)
	}
}
