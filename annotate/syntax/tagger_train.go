package syntax

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// tagSet numbers the joint tags of training sentences in sorted order, so
// that the same data always gives the same numbers.
func tagSet(sents []*Sentence) (xpos, upos []string, index map[string]int32) {
	seen := map[string]bool{}
	for _, s := range sents {
		for i := range s.Words {
			seen[s.XPOS[i]+"\x00"+s.UPOS[i]] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	index = map[string]int32{}
	for i, k := range keys {
		x, u, _ := strings.Cut(k, "\x00")
		xpos, upos = append(xpos, x), append(upos, u)
		index[k] = int32(i)
	}
	return xpos, upos, index
}

// Tag dictionary thresholds: a word seen this often in ordinary case, with
// one tag at least this share of the time, is tagged without scoring.
const (
	dictMinCount = 20
	dictMinShare = 0.97
)

func tagDict(sents []*Sentence, index map[string]int32) map[string]int32 {
	counts := map[string]map[int32]int{}
	for _, s := range sents {
		if SentenceCasing(s.Words) != CaseNormal {
			continue
		}
		for i, w := range s.Words {
			c := counts[w]
			if c == nil {
				c = map[int32]int{}
				counts[w] = c
			}
			c[index[s.XPOS[i]+"\x00"+s.UPOS[i]]]++
		}
	}
	dict := map[string]int32{}
	for w, c := range counts {
		total, best, bestN := 0, int32(0), 0
		for t, n := range c {
			total += n
			if n > bestN || n == bestN && t < best {
				best, bestN = t, n
			}
		}
		if total >= dictMinCount && float64(bestN) >= dictMinShare*float64(total) {
			dict[w] = best
		}
	}
	return dict
}

// trainTagger trains a tagger on gold-tagged sentences for the given
// epochs, visiting them in an order shuffled by seed.
func trainTagger(sents []*Sentence, clusters *Clusters, epochs int, seed uint64) *Tagger {
	return trainTaggers(sents, clusters, epochs, []uint64{seed}, 0, nil)
}

// trainTaggers trains one tagger for each seed, each visiting the
// sentences in its own order, with run, and averages them into one,
// leaving out the weights below prune.
func trainTaggers(sents []*Sentence, clusters *Clusters, epochs int, seeds []uint64, prune float32, run func([]func())) *Tagger {
	xpos, upos, index := tagSet(sents)
	amb := ambiguityClasses(sents, index)
	trs := make([]*perceptron.SparseTrainer, len(seeds))
	jobs := make([]func(), len(seeds))
	for i, seed := range seeds {
		jobs[i] = func() { trs[i] = taggerTrainer(sents, clusters, epochs, seed, len(xpos), index, amb) }
	}
	if run == nil {
		run = sequential
	}
	run(jobs)
	return &Tagger{xpos: xpos, upos: upos, model: perceptron.AverageOf(trs, prune), dict: tagDict(sents, index), amb: amb, clusters: clusters}
}

// taggerTrainer runs the perceptron over the sentences for the given
// epochs, in an order shuffled by seed.
func taggerTrainer(sents []*Sentence, clusters *Clusters, epochs int, seed uint64, classes int, index map[string]int32, amb map[string]uint64) *perceptron.SparseTrainer {
	tr := perceptron.NewSparseTrainer(classes)
	gold := make([][]int32, len(sents))
	for k, s := range sents {
		gold[k] = make([]int32, len(s.Words))
		for i := range s.Words {
			gold[k][i] = index[s.XPOS[i]+"\x00"+s.UPOS[i]]
		}
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x7a6))
	for range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			v := newTagView(sents[k].Words, classes, amb, clusters)
			scores := make([]float32, classes)
			prev, prev2 := -1, -1
			for i := range sents[k].Words {
				feats := v.features(i, prev, prev2)
				clear(scores)
				tr.Scores(feats, scores)
				guess, truth := argmax(scores), int(gold[k][i])
				if guess != truth {
					tr.Update(feats, truth, 1)
					tr.Update(feats, guess, -1)
				}
				tr.Tick()
				prev, prev2 = guess, prev
			}
		}
	}
	return tr
}

// ambMinShare is the share of a word's occurrences a tag needs to be in
// the word's ambiguity class.
const ambMinShare = 0.05

// ambMinCount is how often a word must be seen to have an ambiguity
// class: the classes of rarer words are mostly one tag, the one the
// training sentence gives it, which the model would learn to trust.
const ambMinCount = 10

// ambiguityClasses gives each lower-case word of the training data the
// hash of the tags it takes at least ambMinShare of the time.
func ambiguityClasses(sents []*Sentence, index map[string]int32) map[string]uint64 {
	counts := map[string]map[int32]int{}
	for _, s := range sents {
		for i, w := range s.Words {
			lw := strings.ToLower(w)
			c := counts[lw]
			if c == nil {
				c = map[int32]int{}
				counts[lw] = c
			}
			c[index[s.XPOS[i]+"\x00"+s.UPOS[i]]]++
		}
	}
	amb := make(map[string]uint64, len(counts))
	for w, c := range counts {
		total := 0
		for _, n := range c {
			total += n
		}
		if total < ambMinCount {
			continue
		}
		var tags []int32
		for t, n := range c {
			if float64(n) >= ambMinShare*float64(total) {
				tags = append(tags, t)
			}
		}
		slices.Sort(tags)
		h := uint64(perceptron.FNVOffset)
		for _, t := range tags {
			h = perceptron.Mix(0, h, uint64(t))
		}
		amb[w] = h
	}
	return amb
}
