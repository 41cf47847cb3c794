package quotes

import (
	"context"
	"errors"
	"math/rand/v2"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// CueSentence is one sentence labelled for training the cue model.
type CueSentence struct {
	toks  []doc.Token
	low   []string
	isCue []bool
}

// Prepare runs the stages before quotes over a text, as annotation does:
// zones (with no metadata title), sentences, tokens, tags and entities, in
// byte offsets. The annotate package's Annotator.Prepare is one.
type Prepare func(text string) (*doc.Document, error)

// Trainer makes the cue model's and the attribution filter's training
// examples through the same stages as annotation, and trains them. It is
// the training side of the stage, kept apart from the Stage that runs.
type Trainer struct {
	prepare Prepare
	cues    cueLexicon
}

// NewTrainer loads the cue lexicon; prepare runs the stages before quotes.
func NewTrainer(prepare Prepare) (*Trainer, error) {
	cues, err := loadCueLexicon()
	if err != nil {
		return nil, err
	}
	return &Trainer{prepare: prepare, cues: cues}, nil
}

// Sentences labels the tokens of text's body sentences that overlap a cue
// span (code point offsets).
func (b *Trainer) Sentences(text string, cues [][2]int) ([]CueSentence, error) {
	r, err := b.prepare(text)
	if err != nil {
		return nil, err
	}
	byteAt := doc.ByteOffsets(text)
	var out []CueSentence
	for si := range r.Sentences {
		rng := r.Sentences[si].Tokens()
		if !quoteZone(r.Sentences[si].Zone) || rng[0] == rng[1] {
			continue
		}
		toks := r.Tokens[rng[0]:rng[1]]
		lab := make([]bool, len(toks))
		for _, c := range cues {
			if c[0] < 0 || c[1] >= len(byteAt) || c[0] >= c[1] {
				continue
			}
			bs, be := byteAt[c[0]], byteAt[c[1]]
			for k, t := range toks {
				if t.End > bs && t.Start < be {
					lab[k] = true
				}
			}
		}
		out = append(out, CueSentence{toks: toks, low: english.LowerTokens(toks), isCue: lab})
	}
	return out, nil
}

// CueTrainResult describes a cue-model training run.
type CueTrainResult struct {
	BestEpoch int
	HeldOutF1 []float64 // token-level cue F1 per epoch
	Model     []byte
}

// TrainCueModel trains the cue model, keeping the epoch with the best
// token-level F1 on the held-out sentences.
func (b *Trainer) TrainCueModel(train, heldOut []CueSentence, bits uint, epochs int, seed uint64, progress func(int, float64)) (*CueTrainResult, error) {
	if len(train) == 0 {
		return nil, errors.New("no training sentences")
	}
	m := &cueModel{bits: bits, w: make([]float32, 1<<bits)}
	totals := make([]float64, len(m.w))
	c := 1.0
	order := make([]int, len(train))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x637565))
	var feats []uint64
	var view cueSentenceView
	res := &CueTrainResult{}
	best := -1.0
	sinceBest := 0
	for epoch := 1; epoch <= epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &train[si]
			newCueSentenceView(s.toks, s.low, b.cues, &view)
			prev := false
			for i := range s.toks {
				// Learn from the tokens prediction scores: verbs, and the
				// words after a cue word.
				if !prev && !canStartCue(s.toks, i) {
					continue
				}
				feats = cueFeatures(feats[:0], &view, i, prev)
				guess := m.score(feats) > 0
				if guess != s.isCue[i] {
					d := float32(1)
					if !s.isCue[i] {
						d = -1
					}
					perceptron.Update(m.w, totals, bits, feats, d, c)
				}
				c++
				prev = guess
			}
		}
		avg := &cueModel{bits: bits, w: perceptron.Average(m.w, totals, c)}
		f1 := cueF1(avg, heldOut, b.cues)
		res.HeldOutF1 = append(res.HeldOutF1, f1)
		if progress != nil {
			progress(epoch, f1)
		}
		if f1 > best {
			best, res.BestEpoch, sinceBest = f1, epoch, 0
			mb, err := avg.marshal()
			if err != nil {
				return nil, err
			}
			res.Model = mb
		} else if sinceBest++; sinceBest >= 3 {
			break
		}
	}
	return res, nil
}

func cueF1(m *cueModel, sents []CueSentence, lex cueLexicon) float64 {
	tp, pred, gold := 0, 0, 0
	sc := &cueScratch{}
	for _, s := range sents {
		got := m.predict(s.toks, s.low, lex, sc, 0, 0)
		for i := range got {
			if got[i] {
				pred++
			}
			if s.isCue[i] {
				gold++
			}
			if got[i] && s.isCue[i] {
				tp++
			}
		}
	}
	if tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(pred), float64(tp)/float64(gold)
	return 2 * p * r / (p + r)
}

// FilterExample is one candidate attribution, with its features (none
// for a rule the filter does not judge), whether it is right (its content
// covers at least 0.3 of a gold content and its cue overlaps that
// attribution's cue), whether its content alone is (what the score
// column is calibrated to), the rule that placed it and the article it
// is from.
type FilterExample struct {
	feats []uint64
	// start is the ranking of the content's possible starts when the
	// candidate is an indirect content after its cue that matches a gold
	// one (starts.go), else nil.
	start         *startProblem
	good, content bool
	rule          string
	article       uint64
}

// Good reports whether the candidate matches a gold attribution.
func (e FilterExample) Good() bool { return e.good }

// FilterGold is one gold attribution, in code-point fragments.
type FilterGold struct {
	Content, Cue [][2]int
}

// FilterExamples annotates text with the cue model in model (a train-cues
// file; any filter in it is ignored), taking candidate cues above the
// candidate score, and labels each candidate attribution: right when its
// content covers at least 0.3 of a gold attribution's content and its cue
// overlaps that attribution's cue.
func (b *Trainer) FilterExamples(model []byte, candidate float32, text string, gold []FilterGold) ([]FilterExample, error) {
	m, err := unmarshalCueModel(model)
	if err != nil {
		return nil, err
	}
	m.filter = nil
	d, err := b.prepare(text)
	if err != nil {
		return nil, err
	}
	st := &Stage{cues: b.cues, cueModel: m}
	ats, err := st.find(context.Background(), d, &collector{threshold: candidate})
	if err != nil {
		return nil, err
	}
	byteAt := doc.ByteOffsets(text)
	// overlap is the number of bytes of span's fragments inside [s, e),
	// and their total.
	overlap := func(span [][2]int, s, e int) (ov, n int) {
		for _, f := range span {
			if f[0] < 0 || f[1] >= len(byteAt) || f[0] >= f[1] {
				continue
			}
			fs, fe := byteAt[f[0]], byteAt[f[1]]
			n += fe - fs
			if lo, hi := max(fs, s), min(fe, e); hi > lo {
				ov += hi - lo
			}
		}
		return ov, n
	}
	out := make([]FilterExample, 0, len(ats))
	article := perceptron.Hash(text)
	low := d.Lower
	if len(low) != len(d.Tokens) {
		low = english.LowerTokens(d.Tokens)
	}
	for _, at := range ats {
		good, content := false, false
		var start *startProblem
		for _, g := range gold {
			ov, n := overlap(g.Content, at.content[0], at.content[1])
			if n == 0 || 10*ov < 3*n {
				continue
			}
			content = true
			if cov, _ := overlap(g.Cue, at.cue[0], at.cue[1]); cov > 0 {
				good = true
				start = goldStart(d.Tokens, low, &at, g.Content, byteAt)
				break
			}
		}
		out = append(out, FilterExample{feats: at.filterFeats, start: start, good: good, content: content, rule: at.rule, article: article})
	}
	return out, nil
}

// TrainFilter trains the attribution filter on examples for epochs passes
// and returns the cue model file with the filter in it; candidate is the
// cue-model score the examples were made with, threshold the filter score
// annotation keeps a candidate above.
func (b *Trainer) TrainFilter(cueModel []byte, ex []FilterExample, bits uint, epochs int, seed uint64, candidate, threshold float32) ([]byte, error) {
	if len(ex) == 0 {
		return nil, errors.New("no attribution examples")
	}
	m, err := unmarshalCueModel(cueModel)
	if err != nil {
		return nil, err
	}
	var judged []FilterExample
	for _, e := range ex {
		if e.feats != nil {
			judged = append(judged, e)
		}
	}
	if len(judged) == 0 {
		return nil, errors.New("no attribution examples the filter judges")
	}
	f := &attrFilter{bits: bits, w: trainFilterWeights(judged, bits, epochs, seed), candidate: candidate, threshold: threshold}
	f.calib = calibrate(ex, bits, epochs, seed)
	m.filter = f
	problems := make([]*startProblem, 0, len(ex))
	for _, e := range ex {
		problems = append(problems, e.start)
	}
	m.starts = trainStartModel(problems, seed)
	return m.marshal()
}

// trainFilterWeights trains the filter's averaged weights on examples
// that all have features.
// filterModels is how many perceptrons the filter averages, each trained
// with its own order of the examples (seeds seed, seed+1, …): one order's
// filter moves borderline candidates across the threshold whenever
// anything upstream changes; the average of five does not depend on one
// order.
const filterModels = 5

// trainFilterWeights trains filterModels perceptrons and averages them.
func trainFilterWeights(ex []FilterExample, bits uint, epochs int, seed uint64) []float32 {
	var sum []float32
	for k := range filterModels {
		w := trainFilterOnce(ex, bits, epochs, seed+uint64(k))
		if sum == nil {
			sum = w
			continue
		}
		for i, x := range w {
			sum[i] += x
		}
	}
	for i := range sum {
		sum[i] /= filterModels
	}
	return sum
}

func trainFilterOnce(ex []FilterExample, bits uint, epochs int, seed uint64) []float32 {
	w := make([]float32, 1<<bits)
	totals := make([]float64, len(w))
	order := make([]int, len(ex))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x66696c))
	c := 1.0
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := ex[i]
			if (perceptron.Score(w, bits, e.feats) > 0) != e.good {
				d := float32(1)
				if !e.good {
					d = -1
				}
				perceptron.Update(w, totals, bits, e.feats, d, c)
			}
			c++
		}
	}
	return perceptron.Average(w, totals, c)
}

// calibrationFolds is how many groups of articles calibrate splits the
// examples into.
const calibrationFolds = 5

// calibrate fits the score's calibration on margins the filter gives
// articles it was not trained on: each fifth of the articles is scored by
// a filter trained on the other four. Unjudged rules get their rate of
// being right, smoothed (right+1)/(n+2). Right is the content's covering
// 0.3 of a gold content, as eval scores it, cue or not.
func calibrate(ex []FilterExample, bits uint, epochs int, seed uint64) *calibration {
	var margins []float32
	var right []bool
	for k := range uint64(calibrationFolds) {
		var in, out []FilterExample
		for _, e := range ex {
			switch {
			case e.feats == nil:
			case e.article%calibrationFolds == k:
				out = append(out, e)
			default:
				in = append(in, e)
			}
		}
		if len(in) == 0 || len(out) == 0 {
			continue
		}
		w := trainFilterWeights(in, bits, epochs, seed)
		for _, e := range out {
			margins = append(margins, perceptron.Score(w, bits, e.feats))
			right = append(right, e.content)
		}
	}
	c := &calibration{rules: map[string]float32{}}
	c.a, c.b = fitPlatt(margins, right)
	n, good := map[string]int{}, map[string]int{}
	all, allGood := 0, 0
	for _, e := range ex {
		if e.feats != nil {
			continue
		}
		n[e.rule]++
		all++
		if e.content {
			good[e.rule]++
			allGood++
		}
	}
	for r, k := range n {
		if k >= minRuleExamples {
			c.rules[r] = float32(good[r]+1) / float32(k+2)
		}
	}
	c.other = float32(allGood+1) / float32(all+2)
	return c
}
