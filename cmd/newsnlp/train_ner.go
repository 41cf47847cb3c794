package main

import (
	"crypto/sha256"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/pipeline"
)

// trainNEROptions are the flags of `newsnlp train-ner`.
type trainNEROptions struct {
	train, dev, out string
	caseOut         string
	bits            uint
	epochs          int
	seed            uint64
	holdout         int
	models          int
	title, upper    float64
}

func newTrainNERCmd(stdout io.Writer) *cobra.Command {
	opts := &trainNEROptions{}
	cmd := &cobra.Command{
		Use:   "train-ner --train FILE --dev FILE -o MODEL",
		Short: "Train newsnlp's entity model from CoNLL-2003 data (developers: make train-ner)",
		Long: `Train newsnlp's averaged-perceptron entity model. The CoNLL texts are
detokenised and run through the same zone, sentence, token and tag stages
as annotation, and gold spans are projected onto those tokens as BILOU tags.

The number of epochs is chosen on a slice of the training data (every
--holdout-th document), not on dev: the model is trained on the rest, the
epoch with the best F1 on the slice is kept, and the final model is trained
on all the training data for that many epochs. Dev (testa) is only scored.
A share of the training documents is also seen title-cased (--title) and
in capitals (--upper), chosen by a hash of the document, with the same
spans, so that headlines are read. With --case-out, a second model is
trained for the sentences written in title case or in capitals
(headlines): on title-cased and upper-cased copies of every training
document, its epochs chosen on the same slice's copies. The same data and
seed give the same bytes.`,
		Example: `  newsnlp train-ner --train ../shared/data/conll2003/eng.train --dev ../shared/data/conll2003/eng.testa -o annotate/model/ner.model \
      --case-out annotate/model/ner-case.model`,
		Hidden: true,
		Args:   needArgs(false),
		RunE: func(*cobra.Command, []string) error {
			return runTrainNER(opts, stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.train, "train", "", "CoNLL training file (required)")
	f.StringVar(&opts.dev, "dev", "", "CoNLL development file, scored after training (required)")
	f.StringVarP(&opts.out, "out", "o", "", "model file to write (required)")
	f.StringVar(&opts.caseOut, "case-out", "", "also train the model for title-case and all-caps sentences into this file")
	f.UintVar(&opts.bits, "bits", 18, "log2 of the number of hashed feature buckets")
	f.IntVar(&opts.epochs, "epochs", 20, "at most this many epochs")
	f.Uint64Var(&opts.seed, "seed", 1, "shuffling seed")
	f.IntVar(&opts.holdout, "holdout", 10, "choose the epochs on every N-th training document, held out")
	f.IntVar(&opts.models, "models", 5, "average this many perceptrons, each trained with its own order of the data (seeds --seed, --seed+1, …)")
	f.Float64Var(&opts.title, "title", 0.15, "share of training documents also seen title-cased")
	f.Float64Var(&opts.upper, "upper", 0.10, "share of training documents also seen in capitals")
	return cmd
}

// nerDocs are gold documents prepared as training sentences.
type nerDocs struct {
	b *annotate.NERExampleBuilder
}

func (n nerDocs) sentences(docs []datasets.GoldDoc, recase func(string) string) []annotate.NERSentence {
	var out []annotate.NERSentence
	for _, d := range docs {
		spans := make([]annotate.LabeledSpan, len(d.Entities))
		for i, e := range d.Entities {
			spans[i] = annotate.LabeledSpan{Start: e.Start, End: e.End, Type: e.Label}
		}
		text := d.Text
		if recase != nil {
			text = recase(text)
		}
		out = append(out, n.b.Sentences(text, spans)...)
	}
	return out
}

// share tells whether a document falls in a share of the corpus, by a
// hash of its id and what the share is for.
func share(id, what string, frac float64) bool {
	h := fnv.New64a()
	h.Write([]byte(what + "\x00" + id))
	return float64(h.Sum64()%10000) < frac*10000
}

func runTrainNER(o *trainNEROptions, stdout io.Writer) error {
	if o.train == "" || o.dev == "" || o.out == "" {
		return usagef("train-ner: --train, --dev and -o are required")
	}
	if o.bits < 12 || o.bits > 24 {
		return usagef("train-ner: --bits %d: want 12 to 24", o.bits)
	}
	if o.models < 1 || o.models > 16 {
		return usagef("train-ner: --models %d: want 1 to 16", o.models)
	}
	if o.holdout < 2 || o.title < 0 || o.title > 1 || o.upper < 0 || o.upper > 1 {
		return usagef("train-ner: --holdout wants 2 or more, --title and --upper a share from 0 to 1")
	}
	b, err := annotate.NewNERExampleBuilder()
	if err != nil {
		return err
	}
	load := func(path string) ([]datasets.GoldDoc, error) {
		docs, format, err := datasets.ReadGold(path)
		if err != nil {
			return nil, usageError{err}
		}
		if format != datasets.GoldCoNLL {
			return nil, usagef("train-ner: %s is %s gold, not CoNLL", path, format)
		}
		return docs, nil
	}
	t0 := time.Now()
	trainDocs, err := load(o.train)
	if err != nil {
		return err
	}
	devDocs, err := load(o.dev)
	if err != nil {
		return err
	}
	parallel := func(jobs []func()) {
		_ = pipeline.Parallel(len(jobs), func(k int) error { jobs[k](); return nil })
	}
	n := nerDocs{b}
	// The training documents with their case copies.
	build := func(docs []datasets.GoldDoc) []annotate.NERSentence {
		out := n.sentences(docs, nil)
		var title, upper []datasets.GoldDoc
		for _, d := range docs {
			if share(d.ID, "title", o.title) {
				title = append(title, d)
			}
			if share(d.ID, "upper", o.upper) {
				upper = append(upper, d)
			}
		}
		out = append(out, n.sentences(title, recasers["title"])...)
		return append(out, n.sentences(upper, recasers["upper"])...)
	}
	var fit, held []datasets.GoldDoc
	for i, d := range trainDocs {
		if i%o.holdout == o.holdout-1 {
			held = append(held, d)
		} else {
			fit = append(fit, d)
		}
	}
	// The held-out slice is scored as written, title-cased and in capitals,
	// all of it each way, whatever the shares: so that runs with other
	// shares are scored on the same sentences.
	heldAs := [3][]annotate.NERSentence{n.sentences(held, nil), n.sentences(held, recasers["title"]), n.sentences(held, recasers["upper"])}
	heldS := append(append(append([]annotate.NERSentence(nil), heldAs[0]...), heldAs[1]...), heldAs[2]...)
	fitS, allS := build(fit), build(trainDocs)
	fmt.Fprintf(stdout, "train-ner: %d training sentences with case copies (%d held out to choose the epochs) prepared in %s\n",
		len(allS), len(heldS), time.Since(t0).Round(time.Millisecond))
	choose, err := annotate.TrainNER(fitS, heldS, annotate.NERTrainOptions{Bits: o.bits, Epochs: o.epochs, Seed: o.seed, Models: o.models, Parallel: parallel}, func(epoch int, f1 float64) {
		fmt.Fprintf(stdout, "  epoch %2d  held-out span F1 %.4f  (%s)\n", epoch, f1, time.Since(t0).Round(time.Second))
	})
	if err != nil {
		return err
	}
	var f [3]float64
	for i := range heldAs {
		if f[i], err = annotate.NERSpanF1(choose.Model, heldAs[i]); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "train-ner: %d epochs chosen on the held-out slice (F1 as written %.4f, title-cased %.4f, in capitals %.4f); training on all of it\n", choose.BestEpoch, f[0], f[1], f[2])
	devS := n.sentences(devDocs, nil)
	res, err := annotate.TrainNER(allS, devS, annotate.NERTrainOptions{Bits: o.bits, Epochs: choose.BestEpoch, Seed: o.seed, Models: o.models, Parallel: parallel, KeepLast: true}, nil)
	if err != nil {
		return err
	}
	sum, err := writeModelFile(o.out, res.Model)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-ner: dev span F1 %.4f (scored, not chosen on); wrote %s (%d bytes, sha256 %s) in %s\n",
		res.DevF1[len(res.DevF1)-1], o.out, len(res.Model), sum, time.Since(t0).Round(time.Second))
	if o.caseOut == "" {
		return nil
	}
	return trainCaseNER(o, n, caseSets{fit: fit, held: held, all: trainDocs, dev: devDocs}, parallel, stdout, t0)
}

// caseSets are the documents the headline model is trained, chosen and
// scored on.
type caseSets struct{ fit, held, all, dev []datasets.GoldDoc }

// caseSentences are the sentences of docs that the headline model reads:
// those written in title case or in capitals, as written and in the
// documents' title-cased and upper-cased copies.
func (n nerDocs) caseSentences(docs []datasets.GoldDoc) []annotate.NERSentence {
	var out []annotate.NERSentence
	for _, recase := range []func(string) string{nil, recasers["title"], recasers["upper"]} {
		for _, s := range n.sentences(docs, recase) {
			if s.Cased() {
				out = append(out, s)
			}
		}
	}
	return out
}

// trainCaseNER trains the headline model into o.caseOut: its epochs
// chosen on the held-out slice's cased sentences, then trained on all of
// train's for that many epochs; dev's copies are only scored.
func trainCaseNER(o *trainNEROptions, n nerDocs, sets caseSets, parallel func([]func()), stdout io.Writer, t0 time.Time) error {
	n = nerDocs{n.b.Headline()}
	fit, held, all, dev := n.caseSentences(sets.fit), n.caseSentences(sets.held), n.caseSentences(sets.all), n.caseSentences(sets.dev)
	fmt.Fprintf(stdout, "train-ner: headline model: %d title-case and capitals sentences (%d held out)\n", len(all), len(held))
	opts := annotate.NERTrainOptions{Bits: o.bits, Epochs: o.epochs, Seed: o.seed, Models: o.models, Parallel: parallel}
	choose, err := annotate.TrainNER(fit, held, opts, func(epoch int, f1 float64) {
		fmt.Fprintf(stdout, "  epoch %2d  held-out span F1 %.4f  (%s)\n", epoch, f1, time.Since(t0).Round(time.Second))
	})
	if err != nil {
		return err
	}
	opts.Epochs, opts.KeepLast = choose.BestEpoch, true
	res, err := annotate.TrainNER(all, dev, opts, nil)
	if err != nil {
		return err
	}
	sum, err := writeModelFile(o.caseOut, res.Model)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-ner: headline model: %d epochs (held-out F1 %.4f); dev copies' span F1 %.4f (scored, not chosen on); wrote %s (%d bytes, sha256 %s) in %s\n",
		choose.BestEpoch, choose.DevF1[choose.BestEpoch-1], res.DevF1[len(res.DevF1)-1], o.caseOut, len(res.Model), sum, time.Since(t0).Round(time.Second))
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
