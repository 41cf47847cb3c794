package syntax

import (
	"math/rand/v2"
	"slices"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// exploreFrom is the first epoch (0-based) in which training follows the
// model's own move rather than the oracle's, with probability explore, so
// that the model learns to recover from its mistakes.
const (
	exploreFrom = 1
	explore     = 0.9
)

// labelSet numbers the relations of the training sentences in sorted
// order.
func labelSet(sents []*Sentence) ([]string, map[string]int32) {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, d := range s.Dep {
			seen[d] = true
		}
	}
	labels := make([]string, 0, len(seen))
	for d := range seen {
		labels = append(labels, d)
	}
	slices.Sort(labels)
	index := map[string]int32{}
	for i, d := range labels {
		index[d] = int32(i)
	}
	return labels, index
}

// parserTrainer holds the two models being trained.
type parserTrainer struct {
	p               *Parser
	moves, labeler  *perceptron.SparseTrainer
	scores, lscores []float32
}

// trainParser trains a parser on sentences whose XPOS are the tags the
// tagger will give (predicted, not gold) and whose Head and Dep are gold:
// one for each seed, each visiting the sentences in its own order, with
// run, averaged into one.
func trainParser(sents []*Sentence, clusters *Clusters, epochs int, moveBits uint, prune float32, seeds []uint64, run func([]func())) *Parser {
	labels, index := labelSet(sents)
	p := &Parser{labels: labels, root: int(index["root"]), clusters: clusters}
	ts := make([]*parserTrainer, len(seeds))
	jobs := make([]func(), len(seeds))
	for i, seed := range seeds {
		jobs[i] = func() { ts[i] = parserTrainerFor(p, sents, index, epochs, moveBits, seed) }
	}
	if run == nil {
		run = sequential
	}
	run(jobs)
	moves, labelers := make([]*perceptron.SparseTrainer, len(ts)), make([]*perceptron.SparseTrainer, len(ts))
	for i, t := range ts {
		moves[i], labelers[i] = t.moves, t.labeler
	}
	p.moves = perceptron.AverageHashedOf(moves)
	p.labeler = perceptron.AverageOf(labelers, prune)
	return p
}

// parserTrainerFor trains p's move and label models for the given epochs,
// visiting the sentences in an order shuffled by seed.
func parserTrainerFor(p *Parser, sents []*Sentence, index map[string]int32, epochs int, moveBits uint, seed uint64) *parserTrainer {
	trees := make([]*goldTree, len(sents))
	for k, s := range sents {
		ls := make([]int32, len(s.Dep))
		for i, d := range s.Dep {
			ls[i] = index[d]
		}
		trees[k] = newGoldTree(s.Head, ls)
	}
	t := &parserTrainer{p: p, moves: perceptron.NewHashedTrainer(moveCount, moveBits), labeler: perceptron.NewSparseTrainer(len(p.labels)),
		scores: make([]float32, moveCount), lscores: make([]float32, len(p.labels))}
	rng := rand.New(rand.NewPCG(seed, 0xa2c))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	for epoch := range epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			t.sentence(sents[k], trees[k], func() bool { return epoch >= exploreFrom && rng.Float64() < explore })
		}
	}
	return t
}

// sentence trains on one sentence: at each step the move model learns the
// cheapest move, and the labeller learns the relation of each arc made
// that is in the gold tree.
func (t *parserTrainer) sentence(s *Sentence, g *goldTree, exploring func() bool) {
	st := newState(s.Words, s.XPOS, t.p.clusters)
	for !st.terminal() {
		feats := st.features()
		clear(t.scores)
		t.moves.Scores(feats, t.scores)
		guess := best(st, t.scores)
		gold, minCost := cheapest(st, g, t.scores)
		if st.cost(g, guess) > minCost {
			t.moves.Update(feats, gold, 1)
			t.moves.Update(feats, guess, -1)
		} else {
			gold = guess
		}
		t.moves.Tick()
		next := gold
		if exploring() {
			next = guess
		}
		l := int32(-1)
		if next == leftArc || next == rightArc {
			l = t.label(st, g, next)
		}
		st.apply(next, l)
	}
}

// label trains the labeller on the arc move m makes, if it is gold, and
// returns the relation the arc takes: the gold one while training.
func (t *parserTrainer) label(st *state, g *goldTree, m int) int32 {
	h, d := st.arcEnds(m)
	if h == st.root() {
		return int32(t.p.root)
	}
	if g.head[d] != h {
		return g.label[d]
	}
	feats := st.labelFeatures(h, d)
	clear(t.lscores)
	t.labeler.Scores(feats, t.lscores)
	t.lscores[t.p.root] = -1e30
	if guess, truth := argmax(t.lscores), int(g.label[d]); guess != truth {
		t.labeler.Update(feats, truth, 1)
		t.labeler.Update(feats, guess, -1)
	}
	t.labeler.Tick()
	return g.label[d]
}

// cheapest is the highest-scoring legal move of least cost, and its cost.
func cheapest(s *state, g *goldTree, scores []float32) (int, int) {
	best, bestCost := -1, 0
	for m := range scores {
		if !s.legal(m) {
			continue
		}
		c := s.cost(g, m)
		if best < 0 || c < bestCost || c == bestCost && scores[m] > scores[best] {
			best, bestCost = m, c
		}
	}
	return best, bestCost
}
