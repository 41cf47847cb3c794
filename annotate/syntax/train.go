package syntax

import (
	"hash/fnv"
	"strings"
)

// Recipe is how Train trains. The zero value is not valid: use
// DefaultRecipe.
type Recipe struct {
	TaggerEpochs, LemmaEpochs, ParserEpochs int
	// Folds is how many taggers are trained to tag the parser's training
	// sentences, each on the others' sentences (jackknifing), so that the
	// parser learns from tags as wrong as the ones it will be given.
	Folds int
	// TitleShare and UpperShare are the shares of training sentences the
	// tagger also sees title-cased and upper-cased.
	TitleShare, UpperShare float64
	// ClusterSizes are the numbers of word classes, finest first, and
	// ClusterPasses the exchange algorithm's passes over the vocabulary.
	ClusterSizes  []int
	ClusterPasses int
	// MoveBits is log2 of the rows of the parser's move model, whose
	// features share rows by hash. Prune drops the labeller's features
	// whose averaged weights are all smaller than it.
	MoveBits uint
	Prune    float32
	// TaggerPrune drops the averaged tagger's weights below it: the
	// average of several models holds many small weights that cost time
	// and decide little.
	TaggerPrune float32
	Seed        uint64
	// Models is how many taggers and parsers are trained, each seeing the
	// sentences in its own order, and averaged into the one shipped.
	Models int
	// Parallel runs the jobs, on as many cores as it likes; nil runs them
	// one after the other. Training gives the same models either way.
	Parallel func(jobs []func())
}

// DefaultRecipe is the recipe of the embedded model. The epochs are the
// first ones tried, not tuned: twenty parser epochs did no better on dev
// than twelve (docs/syntax.md), so twelve stayed. Five averaged models
// were chosen over one and three on a tenth of train held out, and the
// tagger's pruning at 0.5 there too (as accurate as none, 13% faster).
// The move model's 2^21 rows were chosen there over 2^20 and 2^22: the
// five models' average holds 1.5 million move features, and at 2^20 rows
// they collided (UAS +0.2 on EWT and +0.3 on GUM held out, 6% slower).
// Changing the recipe changes the model: retrain and commit it.
func DefaultRecipe() Recipe {
	return Recipe{TaggerEpochs: 10, LemmaEpochs: 10, ParserEpochs: 12, Folds: 5, TitleShare: 0.1, UpperShare: 0.05, MoveBits: 21, Prune: 1, ClusterSizes: []int{256, 64}, ClusterPasses: 8, Seed: 1, Models: 5, TaggerPrune: 0.5}
}

// Train trains the tagger, lemmatiser and parser on gold sentences, with
// word classes learned from text (sentences of words; nil for none).
func Train(sents []*Sentence, text [][]string, r Recipe) *Models {
	run := r.Parallel
	if run == nil {
		run = sequential
	}
	var clusters *Clusters
	if len(text) > 0 {
		clusters = TrainClusters(text, r.ClusterSizes, r.ClusterPasses, run)
	}
	all := caseCopies(sents, r)
	jackknifed := make([][]string, len(sents)) // Penn Treebank tags
	var tagger *Tagger
	var lemmatiser *Lemmatiser
	jobs := []func(){
		func() { tagger = trainTaggers(all, clusters, r.TaggerEpochs, r.seeds(), r.TaggerPrune, run) },
		func() { lemmatiser = trainLemmatiser(all, r.LemmaEpochs, r.Seed) },
	}
	for f := range r.Folds {
		jobs = append(jobs, func() {
			var rest []*Sentence
			for _, s := range all {
				if s.fold%r.Folds != f {
					rest = append(rest, s)
				}
			}
			t := trainTagger(rest, clusters, r.TaggerEpochs, r.Seed+uint64(f)+1)
			for k, s := range sents {
				if k%r.Folds == f {
					c := NewSentence(s.Words)
					t.Tag(c)
					jackknifed[k] = c.XPOS
				}
			}
		})
	}
	run(jobs)
	predicted := make([]*Sentence, len(sents))
	for k, s := range sents {
		c := *s
		c.XPOS = jackknifed[k]
		predicted[k] = &c
	}
	parser := trainParser(predicted, clusters, r.ParserEpochs, r.MoveBits, r.Prune, r.seeds(), run)
	lemmatiser.vocab = clusters
	return &Models{Tagger: tagger, Lemmatiser: lemmatiser, Parser: parser, Clusters: clusters}
}

// sequential runs jobs one after the other: Recipe.Parallel's default.
func sequential(jobs []func()) {
	for _, j := range jobs {
		j()
	}
}

// seeds are the shuffling seeds of the averaged models: the recipe's seed
// first, so that one model is the one trained before averaging was.
func (r Recipe) seeds() []uint64 {
	out := []uint64{r.Seed}
	for i := 1; i < r.Models; i++ {
		out = append(out, r.Seed+uint64(1000*i))
	}
	return out
}

// caseCopies is sents with title-cased and upper-cased copies of some of
// them, chosen by a hash of their words so the choice does not depend on
// their order.
func caseCopies(sents []*Sentence, r Recipe) []*Sentence {
	out := make([]*Sentence, 0, len(sents)+len(sents)/5)
	for k, s := range sents {
		c := *s
		c.fold = k
		out = append(out, &c)
	}
	for k, s := range sents {
		h := fnv.New64a()
		for _, w := range s.Words {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		x := float64(h.Sum64()%10000) / 10000
		var recase func(string) string
		switch {
		case x < r.TitleShare:
			recase = TitleCase
		case x < r.TitleShare+r.UpperShare:
			recase = strings.ToUpper
		default:
			continue
		}
		c := *s
		c.fold = k
		c.Words = make([]string, len(s.Words))
		for i, w := range s.Words {
			c.Words[i] = recase(w)
		}
		out = append(out, &c)
	}
	return out
}
