package quotes

import (
	"fmt"
	"time"
)

// TrainDoc is one gold article for training: its text and its
// attributions' content and cue fragments (code points).
type TrainDoc struct {
	ID, Text string
	Quotes   []FilterGold
}

// Recipe is how train-cues trains the cue model and its attribution
// filter (make train-cues; the defaults are make cv-cues' choice).
type Recipe struct {
	HeldOut float64 // the last share of the articles, which decides the best epoch
	Bits    uint    // log2 of the cue model's hashed feature buckets
	Epochs  int
	Seed    uint64
	// The attribution filter: FilterFolds < 2 leaves it out.
	FilterFolds, FilterEpochs  int
	FilterBits                 uint
	Candidate, FilterThreshold float32
	// Progress, if set, is told how training goes, a line at a time.
	Progress func(format string, args ...any)
	// Parallel runs fn(0) … fn(n-1), perhaps at once, and returns the first
	// error; nil runs them in turn. pipeline.Parallel is one: only the
	// pipeline starts goroutines.
	Parallel func(n int, fn func(k int) error) error
}

func (r *Recipe) logf(format string, args ...any) {
	if r.Progress != nil {
		r.Progress(format, args...)
	}
}

func (r *Recipe) parallel(n int, fn func(k int) error) error {
	if r.Parallel != nil {
		return r.Parallel(n, fn)
	}
	for k := range n {
		if err := fn(k); err != nil {
			return err
		}
	}
	return nil
}

// Train trains the cue model on docs and, when the recipe asks for one, its
// attribution filter, and returns the model file. The same docs and recipe
// give the same bytes.
func (b *Trainer) Train(docs []TrainDoc, r Recipe) ([]byte, error) {
	t0 := time.Now()
	perDoc := make([][]CueSentence, len(docs))
	for i, d := range docs {
		var cues [][2]int
		for _, q := range d.Quotes {
			cues = append(cues, q.Cue...)
		}
		var err error
		if perDoc[i], err = b.Sentences(d.Text, cues); err != nil {
			return nil, fmt.Errorf("%s: %w", d.ID, err)
		}
	}
	all := make([]int, len(docs))
	for i := range all {
		all[i] = i
	}
	train, held := splitSentences(perDoc, all, r.HeldOut)
	r.logf("train-cues: %d training and %d held-out sentences from %d articles in %s", len(train), len(held), len(docs), time.Since(t0).Round(time.Millisecond))
	res, err := b.TrainCueModel(train, held, r.Bits, r.Epochs, r.Seed, func(epoch int, f1 float64) {
		r.logf("  epoch %2d  held-out cue-token F1 %.4f  (%s)", epoch, f1, time.Since(t0).Round(time.Second))
	})
	if err != nil {
		return nil, err
	}
	r.logf("train-cues: best epoch %d (held-out F1 %.4f)", res.BestEpoch, res.HeldOutF1[res.BestEpoch-1])
	if r.FilterFolds < 2 {
		return res.Model, nil
	}
	ex, err := b.crossFit(docs, perDoc, r)
	if err != nil {
		return nil, err
	}
	m, err := b.TrainFilter(res.Model, ex, r.FilterBits, r.FilterEpochs, r.Seed, r.Candidate, r.FilterThreshold)
	if err != nil {
		return nil, err
	}
	r.logf("train-cues: attribution filter trained on %d candidates (%s)", len(ex), time.Since(t0).Round(time.Second))
	return m, nil
}

// splitSentences gathers the sentences of the articles in docs (indexes
// into perDoc), the last heldOut share of the articles held out.
func splitSentences(perDoc [][]CueSentence, docs []int, heldOut float64) (train, held []CueSentence) {
	split := len(docs) - int(float64(len(docs))*heldOut)
	for k, i := range docs {
		if k < split {
			train = append(train, perDoc[i]...)
		} else {
			held = append(held, perDoc[i]...)
		}
	}
	return train, held
}

// crossFit makes the filter's examples: fold k's candidates come from a cue
// model trained without fold k, as annotation meets unseen articles.
func (b *Trainer) crossFit(docs []TrainDoc, perDoc [][]CueSentence, r Recipe) ([]FilterExample, error) {
	folds := r.FilterFolds
	type result struct {
		ex    []FilterExample
		epoch int
	}
	results := make([]result, folds)
	err := r.parallel(folds, func(k int) error {
		var in, out []int
		for i := range docs {
			if i%folds == k {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		train, held := splitSentences(perDoc, in, r.HeldOut)
		m, err := b.TrainCueModel(train, held, r.Bits, r.Epochs, r.Seed, nil)
		if err != nil {
			return err
		}
		results[k].epoch = m.BestEpoch
		for _, i := range out {
			ex, err := b.FilterExamples(m.Model, r.Candidate, docs[i].Text, docs[i].Quotes)
			if err != nil {
				return fmt.Errorf("%s: %w", docs[i].ID, err)
			}
			results[k].ex = append(results[k].ex, ex...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var ex []FilterExample
	for k, res := range results {
		good := 0
		for _, e := range res.ex {
			if e.Good() {
				good++
			}
		}
		r.logf("  filter fold %d: cue model best epoch %d, %d candidates, %d right", k, res.epoch, len(res.ex), good)
		ex = append(ex, res.ex...)
	}
	return ex, nil
}
