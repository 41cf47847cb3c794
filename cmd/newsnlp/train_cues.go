package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
)

// trainCuesOptions are the flags of `newsnlp train-cues`.
type trainCuesOptions struct {
	train, out string
	heldOut    float64
	bits       uint
	epochs     int
	seed       uint64
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
same data and seed give the same bytes.`,
		Example: `  newsnlp train-cues --train ../shared/data/polnear/train -o annotate/model/cue.model`,
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
	b, err := annotate.NewCueExampleBuilder()
	if err != nil {
		return err
	}
	t0 := time.Now()
	split := len(docs) - int(float64(len(docs))*o.heldOut)
	var train, held []annotate.CueSentence
	for i, d := range docs {
		var cues [][2]int
		for _, q := range d.Quotes {
			cues = append(cues, q.Cue.Fragments...)
		}
		s := b.Sentences(d.Text, cues)
		if i < split {
			train = append(train, s...)
		} else {
			held = append(held, s...)
		}
	}
	fmt.Fprintf(stdout, "train-cues: %d training and %d held-out sentences from %d articles in %s\n", len(train), len(held), len(docs), time.Since(t0).Round(time.Millisecond))
	res, err := b.TrainCueModel(train, held, o.bits, o.epochs, o.seed, func(epoch int, f1 float64) {
		fmt.Fprintf(stdout, "  epoch %2d  held-out cue-token F1 %.4f  (%s)\n", epoch, f1, time.Since(t0).Round(time.Second))
	})
	if err != nil {
		return err
	}
	sum, err := writeModelFile(o.out, res.Model)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-cues: best epoch %d (held-out F1 %.4f); wrote %s (%d bytes, sha256 %s)\n", res.BestEpoch, res.HeldOutF1[res.BestEpoch-1], o.out, len(res.Model), sum)
	return nil
}
