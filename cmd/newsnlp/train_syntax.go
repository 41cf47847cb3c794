package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/syntax"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/evaluate"
)

// trainSyntaxOptions are the flags of `newsnlp train-syntax`.
type trainSyntaxOptions struct {
	train     []string
	unlabeled []string
	out       string
	seed      uint64
	models    int
}

func newTrainSyntaxCmd(stdout io.Writer) *cobra.Command {
	opts := &trainSyntaxOptions{}
	cmd := &cobra.Command{
		Use:   "train-syntax --train FILE.conllu... -o MODEL",
		Short: "Train newsnlp's tagger, lemmatiser and parser from UD treebanks (developers: make train-syntax)",
		Long: `Train newsnlp's part-of-speech tagger, lemmatiser and dependency parser
from Universal Dependencies CoNLL-U files, into one model file. The parser
learns from tags predicted by taggers trained on the other folds of the
data (jackknifing). The same data and seed give the same bytes, on any
number of cores.`,
		Example: `  newsnlp train-syntax --train ../shared/data/ud/ewt/train.conllu --train ../shared/data/ud/gum/train.conllu -o annotate/syntax/model/syntax.model`,
		Hidden:  true,
		Args:    needArgs(false),
		RunE: func(*cobra.Command, []string) error {
			return runTrainSyntax(opts, stdout)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.train, "train", nil, "CoNLL-U training file (required, repeatable)")
	f.StringArrayVar(&opts.unlabeled, "unlabeled", nil, "input (any format annotate reads) whose text the word classes are learned from, besides the training sentences (repeatable)")
	f.StringVarP(&opts.out, "out", "o", "", "model file to write (required)")
	f.Uint64Var(&opts.seed, "seed", 1, "shuffling seed")
	f.IntVar(&opts.models, "models", syntax.DefaultRecipe().Models, "taggers and parsers to train, each in its own order, and average into one")
	return cmd
}

func runTrainSyntax(o *trainSyntaxOptions, stdout io.Writer) error {
	if len(o.train) == 0 || o.out == "" {
		return usagef("train-syntax: --train and -o are required")
	}
	t0 := time.Now()
	sents, err := evaluate.ReadTreebanks(o.train...)
	if err != nil {
		return usageError{fmt.Errorf("train-syntax: %w", err)}
	}
	r := syntax.DefaultRecipe()
	r.Seed = o.seed
	if o.models > 0 {
		r.Models = o.models
	}
	r.Parallel = func(jobs []func()) {
		_ = pipeline.Parallel(len(jobs), func(k int) error { jobs[k](); return nil })
	}
	text, err := unlabeledText(o.unlabeled, sents)
	if err != nil {
		return err
	}
	words := 0
	for _, s := range text {
		words += len(s)
	}
	fmt.Fprintf(stdout, "train-syntax: %d sentences, %d words of text for word classes (%s); training on %d cores\n", len(sents), words, time.Since(t0).Round(time.Second), runtime.GOMAXPROCS(0))
	m := syntax.Train(sents, text, r)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	sum, err := writeModelFile(o.out, buf.Bytes())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-syntax: %s\n", m.Describe())
	fmt.Fprintf(stdout, "train-syntax: wrote %s (%d bytes, sha256 %s) in %s\n", o.out, buf.Len(), sum, time.Since(t0).Round(time.Second))
	return nil
}

// unlabeledText is the training sentences' words and the sentences of
// every article of the inputs.
func unlabeledText(inputs []string, train []*syntax.Sentence) ([][]string, error) {
	var out [][]string
	for _, s := range train {
		out = append(out, s.Words)
	}
	if len(inputs) == 0 {
		return out, nil
	}
	split, err := annotate.NewWordSplitter()
	if err != nil {
		return nil, err
	}
	corpus, err := pipeline.OpenCorpus(inputs, datasets.Options{MaxDocBytes: datasets.DefaultMaxDocBytes})
	if err != nil {
		return nil, usageError{fmt.Errorf("train-syntax: --unlabeled: %w", err)}
	}
	defer corpus.Close()
	for {
		a, err := corpus.Next()
		if err == io.EOF {
			return out, nil
		}
		var re *datasets.RecordError
		if errors.As(err, &re) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("train-syntax: --unlabeled: %w", err)
		}
		out = append(out, split.Words(a.Text)...)
	}
}
