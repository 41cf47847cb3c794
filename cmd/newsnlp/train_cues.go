package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/quotes"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/pipeline"
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
		Args:    needArgs(false),
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
	// The stages before quotes only: the embedded cue model, which this
	// replaces, need not be readable.
	ann, err := annotate.NewPreparer(annotate.DefaultConfig())
	if err != nil {
		return err
	}
	b, err := quotes.NewTrainer(ann.Prepare)
	if err != nil {
		return err
	}
	var train []quotes.TrainDoc
	for _, d := range docs {
		td := quotes.TrainDoc{ID: d.ID, Text: d.Text}
		for _, q := range d.Quotes {
			td.Quotes = append(td.Quotes, quotes.FilterGold{Content: q.Content.Fragments, Cue: q.Cue.Fragments})
		}
		train = append(train, td)
	}
	model, err := b.Train(train, quotes.Recipe{
		HeldOut: o.heldOut, Bits: o.bits, Epochs: o.epochs, Seed: o.seed,
		FilterFolds: o.filterFolds, FilterEpochs: o.filterEpochs, FilterBits: o.filterBits,
		Candidate: float32(o.candidate), FilterThreshold: float32(o.filterThreshold),
		Progress: func(format string, args ...any) { fmt.Fprintf(stdout, format+"\n", args...) },
		Parallel: pipeline.Parallel,
	})
	if err != nil {
		return fmt.Errorf("train-cues: %w", err)
	}
	sum, err := writeModelFile(o.out, model)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-cues: wrote %s (%d bytes, sha256 %s)\n", o.out, len(model), sum)
	return nil
}
