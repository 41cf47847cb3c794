package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
)

// trainNEROptions are the flags of `newsnlp train-ner`.
type trainNEROptions struct {
	train, dev, out string
	bits            uint
	epochs          int
	seed            uint64
}

func newTrainNERCmd(stdout io.Writer) *cobra.Command {
	opts := &trainNEROptions{}
	cmd := &cobra.Command{
		Use:   "train-ner --train FILE --dev FILE -o MODEL",
		Short: "Train newsnlp's entity model from CoNLL-2003 data (developers: make train-ner)",
		Long: `Train newsnlp's averaged-perceptron entity model. The CoNLL texts are
detokenised and run through the same zone, sentence, token and tag stages
as annotation, gold spans are projected onto those tokens as BILOU tags, and
the epoch with the best dev F1 is kept. The same data and seed give the same
bytes.`,
		Example: `  newsnlp train-ner --train ../shared/data/conll2003/eng.train --dev ../shared/data/conll2003/eng.testa -o annotate/model/ner.model`,
		Hidden:  true,
		Args:    needArgs(false),
		RunE: func(*cobra.Command, []string) error {
			return runTrainNER(opts, stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.train, "train", "", "CoNLL training file (required)")
	f.StringVar(&opts.dev, "dev", "", "CoNLL development file for early stopping (required)")
	f.StringVarP(&opts.out, "out", "o", "", "model file to write (required)")
	f.UintVar(&opts.bits, "bits", 18, "log2 of the number of hashed feature buckets")
	f.IntVar(&opts.epochs, "epochs", 20, "at most this many epochs")
	f.Uint64Var(&opts.seed, "seed", 1, "shuffling seed")
	return cmd
}

func runTrainNER(o *trainNEROptions, stdout io.Writer) error {
	if o.train == "" || o.dev == "" || o.out == "" {
		return usagef("train-ner: --train, --dev and -o are required")
	}
	if o.bits < 12 || o.bits > 24 {
		return usagef("train-ner: --bits %d: want 12 to 24", o.bits)
	}
	b, err := annotate.NewNERExampleBuilder()
	if err != nil {
		return err
	}
	load := func(path string) ([]annotate.NERSentence, error) {
		docs, format, err := datasets.ReadGold(path)
		if err != nil {
			return nil, usageError{err}
		}
		if format != datasets.GoldCoNLL {
			return nil, usagef("train-ner: %s is %s gold, not CoNLL", path, format)
		}
		var out []annotate.NERSentence
		for _, d := range docs {
			spans := make([]annotate.LabeledSpan, len(d.Entities))
			for i, e := range d.Entities {
				spans[i] = annotate.LabeledSpan{Start: e.Start, End: e.End, Type: e.Label}
			}
			out = append(out, b.Sentences(d.Text, spans)...)
		}
		return out, nil
	}
	t0 := time.Now()
	train, err := load(o.train)
	if err != nil {
		return err
	}
	dev, err := load(o.dev)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-ner: %d training and %d dev sentences prepared in %s\n", len(train), len(dev), time.Since(t0).Round(time.Millisecond))
	res, err := annotate.TrainNER(train, dev, annotate.NERTrainOptions{Bits: o.bits, Epochs: o.epochs, Seed: o.seed}, func(epoch int, f1 float64) {
		fmt.Fprintf(stdout, "  epoch %2d  dev span F1 %.4f  (%s)\n", epoch, f1, time.Since(t0).Round(time.Second))
	})
	if err != nil {
		return err
	}
	sum, err := writeModelFile(o.out, res.Model)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-ner: best epoch %d (dev F1 %.4f); wrote %s (%d bytes, sha256 %s)\n", res.BestEpoch, res.DevF1[res.BestEpoch-1], o.out, len(res.Model), sum)
	return nil
}

// writeModelFile writes a trained model through a temporary file and
// returns the start of its SHA-256, for the training log.
func writeModelFile(path string, model []byte) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, model, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", err
	}
	sum := sha256.Sum256(model)
	return fmt.Sprintf("%x", sum[:8]), nil
}
