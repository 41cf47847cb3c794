package syntax

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// lemmaMinScript is how many training words a script needs to be one of
// the classifier's classes.
const lemmaMinScript = 3

// trainLemmatiser learns the table of every (word, tag) pair of the
// training data, with its most frequent script, and a classifier of
// scripts for pairs the table lacks, trained on the pairs seen once (the
// rare words are the ones it will meet).
func trainLemmatiser(sents []*Sentence, epochs int, seed uint64) *Lemmatiser {
	type pair struct{ lw, xpos string }
	counts := map[pair]map[string]int{}  // scripts
	literal := map[pair]map[string]int{} // lemmas as written
	scriptCount := map[string]int{}
	for _, s := range sents {
		for i, w := range s.Words {
			p := pair{strings.ToLower(w), s.XPOS[i]}
			k := scriptFor(w, s.Lemma[i], s.XPOS[i]).key()
			if counts[p] == nil {
				counts[p], literal[p] = map[string]int{}, map[string]int{}
			}
			counts[p][k]++
			literal[p][s.Lemma[i]]++
			scriptCount[k]++
		}
	}
	l := &Lemmatiser{table: map[string]string{}}
	type example struct {
		p      pair
		script string
	}
	var rare []example
	for p, c := range counts {
		best, bestN, total := mostFrequent(c)
		if lit, litN, _ := mostFrequent(literal[p]); litN > bestN {
			l.table[p.lw+"\x00"+p.xpos] = "=" + lit
		} else {
			l.table[p.lw+"\x00"+p.xpos] = best
		}
		if total <= 2 && scriptCount[best] >= lemmaMinScript {
			rare = append(rare, example{p, best})
		}
	}
	for k, n := range scriptCount {
		if n >= lemmaMinScript {
			l.scripts = append(l.scripts, k)
		}
	}
	slices.Sort(l.scripts)
	slices.SortFunc(rare, func(a, b example) int {
		return strings.Compare(a.p.lw+"\x00"+a.p.xpos, b.p.lw+"\x00"+b.p.xpos)
	})
	class := map[string]int{}
	for i, k := range l.scripts {
		class[k] = i
	}
	tr := perceptron.NewSparseTrainer(len(l.scripts))
	rng := rand.New(rand.NewPCG(seed, 0x1e))
	scores := make([]float32, len(l.scripts))
	var feats []uint64
	for range epochs {
		rng.Shuffle(len(rare), func(i, j int) { rare[i], rare[j] = rare[j], rare[i] })
		for _, ex := range rare {
			feats = lemmaFeatures(feats[:0], ex.p.lw, ex.p.xpos)
			clear(scores)
			tr.Scores(feats, scores)
			guess, truth := argmax(scores), class[ex.script]
			if guess != truth {
				tr.Update(feats, truth, 1)
				tr.Update(feats, guess, -1)
			}
			tr.Tick()
		}
	}
	l.model = tr.Average(0)
	return l
}

// mostFrequent is the most frequent key of counts (the least, of those
// tied), its count and the counts' total.
func mostFrequent(counts map[string]int) (best string, bestN, total int) {
	for k, n := range counts {
		total += n
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best, bestN, total
}
