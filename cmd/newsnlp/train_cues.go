package main

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/quotes"
	"github.com/newsnlp/newsnlp/datasets"
)

// trainCuesOptions are the flags of `newsnlp train-cues`.
type trainCuesOptions struct {
	train, out string
	heldOut    float64
	bits       uint
	epochs     int
	seed       uint64
	// The attribution filter.
	filterFolds, filterEpochs  int
	filterBits                 uint
	candidate, filterThreshold float64
}

func newTrainCuesCmd(stdout io.Writer) *cobra.Command {
	opts := &trainCuesOptions{}
	cmd := &cobra.Command{
		Use:   "train-cues --train DIR -o MODEL",
		Short: "Train the attribution-cue model from PolNeAR (developers: make train-cues)",
		Long: `Train the model that finds attribution cues a verb lexicon misses. The gold
cues of a brat attribution corpus (PolNeAR's training split) are projected
onto the tokens of the same stages as annotation; the last --held-out share
of the articles decides the best epoch, so no evaluation data is used. The
same data and seed give the same bytes.

Then the attribution filter, which travels in the same file, is trained:
the articles are split into --filter-folds folds, a cue model is trained
on all but one fold, and the quotes stage runs with it over that fold,
taking every word scoring above --candidate as a candidate cue. Each
candidate attribution is labelled right when its content covers 0.3 of a
gold content and its cue overlaps that attribution's cue, so the filter learns from candidates on articles their cue
model never saw, as annotation meets them. --filter-folds 0 leaves the
filter out (annotation then keeps what scores above -4).`,
		Example: `  newsnlp train-cues --train ../shared/data/polnear/train -o annotate/quotes/model/cue.model`,
		Hidden:  true,
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return runTrainCues(opts, stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.train, "train", "", "brat attribution folder (required)")
	f.StringVarP(&opts.out, "out", "o", "", "model file to write (required)")
	f.Float64Var(&opts.heldOut, "held-out", 0.1, "share of the articles held out for early stopping")
	f.UintVar(&opts.bits, "bits", 18, "log2 of the number of hashed feature buckets")
	f.IntVar(&opts.epochs, "epochs", 15, "at most this many epochs")
	f.Uint64Var(&opts.seed, "seed", 1, "shuffling seed")
	f.IntVar(&opts.filterFolds, "filter-folds", 5, "folds for the attribution filter's examples (0: no filter)")
	// The defaults are make cv-cues' choice (five-fold cross-validation on
	// PolNeAR train; README, Accuracy).
	f.IntVar(&opts.filterEpochs, "filter-epochs", 4, "attribution filter training epochs")
	f.UintVar(&opts.filterBits, "filter-bits", 16, "log2 of the attribution filter's hashed feature buckets")
	f.Float64Var(&opts.candidate, "candidate", -12, "cue-model score above which a word starts a candidate cue for the filter")
	f.Float64Var(&opts.filterThreshold, "filter-threshold", -7, "filter score above which annotation keeps a candidate attribution")
	return cmd
}

func runTrainCues(o *trainCuesOptions, stdout io.Writer) error {
	if o.train == "" || o.out == "" {
		return usagef("train-cues: --train and -o are required")
	}
	if o.heldOut <= 0 || o.heldOut >= 1 || o.bits < 12 || o.bits > 22 {
		return usagef("train-cues: --held-out must be in (0, 1) and --bits in [12, 22]")
	}
	docs, format, err := datasets.ReadGold(o.train)
	if err != nil {
		return usageError{err}
	}
	if format != datasets.GoldBrat {
		return usagef("train-cues: %s is %s gold, not a brat attribution folder", o.train, format)
	}
	ann, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		return err
	}
	b, err := quotes.NewTrainer(ann.Prepare)
	if err != nil {
		return err
	}
	t0 := time.Now()
	perDoc := make([][]quotes.CueSentence, len(docs))
	for i, d := range docs {
		var cues [][2]int
		for _, q := range d.Quotes {
			cues = append(cues, q.Cue.Fragments...)
		}
		if perDoc[i], err = b.Sentences(d.Text, cues); err != nil {
			return fmt.Errorf("train-cues: %s: %w", d.ID, err)
		}
	}
	all := make([]int, len(docs))
	for i := range all {
		all[i] = i
	}
	train, held := splitSentences(perDoc, all, o.heldOut)
	fmt.Fprintf(stdout, "train-cues: %d training and %d held-out sentences from %d articles in %s\n", len(train), len(held), len(docs), time.Since(t0).Round(time.Millisecond))
	res, err := b.TrainCueModel(train, held, o.bits, o.epochs, o.seed, func(epoch int, f1 float64) {
		fmt.Fprintf(stdout, "  epoch %2d  held-out cue-token F1 %.4f  (%s)\n", epoch, f1, time.Since(t0).Round(time.Second))
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-cues: best epoch %d (held-out F1 %.4f)\n", res.BestEpoch, res.HeldOutF1[res.BestEpoch-1])
	model := res.Model
	if o.filterFolds > 1 {
		if model, err = trainAttrFilter(o, b, docs, perDoc, model, stdout, t0); err != nil {
			return err
		}
	}
	sum, err := writeModelFile(o.out, model)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-cues: wrote %s (%d bytes, sha256 %s)\n", o.out, len(model), sum)
	return nil
}

// splitSentences gathers the sentences of the articles in docs (indexes
// into perDoc), the last heldOut share of the articles held out.
func splitSentences(perDoc [][]quotes.CueSentence, docs []int, heldOut float64) (train, held []quotes.CueSentence) {
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

// trainAttrFilter makes the filter's examples by cross-fitting (fold k's
// candidates come from a cue model trained without fold k, as annotation
// meets unseen articles), trains the filter and returns the cue model file
// with it.
func trainAttrFilter(o *trainCuesOptions, b *quotes.Trainer, docs []datasets.GoldDoc, perDoc [][]quotes.CueSentence, model []byte, stdout io.Writer, t0 time.Time) ([]byte, error) {
	folds := o.filterFolds
	type result struct {
		ex    []quotes.FilterExample
		epoch int
		err   error
	}
	results := make([]result, folds)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for k := range folds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var in, out []int
			for i := range docs {
				if i%folds == k {
					out = append(out, i)
				} else {
					in = append(in, i)
				}
			}
			train, held := splitSentences(perDoc, in, o.heldOut)
			r, err := b.TrainCueModel(train, held, o.bits, o.epochs, o.seed, nil)
			if err != nil {
				results[k].err = err
				return
			}
			results[k].epoch = r.BestEpoch
			for _, i := range out {
				var gold []quotes.FilterGold
				for _, q := range docs[i].Quotes {
					gold = append(gold, quotes.FilterGold{Content: q.Content.Fragments, Cue: q.Cue.Fragments})
				}
				ex, err := b.FilterExamples(r.Model, float32(o.candidate), docs[i].Text, gold)
				if err != nil {
					results[k].err = fmt.Errorf("%s: %w", docs[i].ID, err)
					return
				}
				results[k].ex = append(results[k].ex, ex...)
			}
		}()
	}
	wg.Wait()
	var ex []quotes.FilterExample
	for k, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		good := 0
		for _, e := range r.ex {
			if e.Good() {
				good++
			}
		}
		fmt.Fprintf(stdout, "  filter fold %d: cue model best epoch %d, %d candidates, %d right\n", k, r.epoch, len(r.ex), good)
		ex = append(ex, r.ex...)
	}
	m, err := b.TrainFilter(model, ex, o.filterBits, o.filterEpochs, o.seed, float32(o.candidate), float32(o.filterThreshold))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "train-cues: attribution filter trained on %d candidates (%s)\n", len(ex), time.Since(t0).Round(time.Second))
	return m, nil
}
