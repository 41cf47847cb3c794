package perceptron

import "slices"

// entry is one class's weight of a feature while training, with the lazy
// running total that averaging needs: total holds the sum of the weight
// over every update up to stamp.
type entry struct {
	class   uint16
	w       float32
	total   float64
	stamped int64
}

// SparseTrainer trains a Sparse. It is not safe for concurrent use.
type SparseTrainer struct {
	classes int
	// bits, when not 0, files a feature under its hash's low bits: the
	// trainer of a Hashed model, whose features share weights where their
	// hashes collide, in training as when it is used.
	bits  uint
	index map[uint64]int32
	rows  [][]entry
	now   int64 // updates made (the averaging clock)
}

// NewSparseTrainer returns a trainer for a model with the given classes.
func NewSparseTrainer(classes int) *SparseTrainer {
	return &SparseTrainer{classes: classes, index: map[uint64]int32{}}
}

// NewHashedTrainer returns a trainer for a Hashed model of 2^bits rows.
func NewHashedTrainer(classes int, bits uint) *SparseTrainer {
	return &SparseTrainer{classes: classes, bits: bits, index: map[uint64]int32{}}
}

func (t *SparseTrainer) key(h uint64) uint64 {
	if t.bits != 0 {
		return h & (1<<t.bits - 1)
	}
	return slotKey(h)
}

// Scores adds the current (not averaged) weights of feats to scores.
func (t *SparseTrainer) Scores(feats []uint64, scores []float32) {
	for _, h := range feats {
		if r, ok := t.index[t.key(h)]; ok {
			for _, e := range t.rows[r] {
				scores[e.class] += e.w
			}
		}
	}
}

// Tick advances the averaging clock by one example; call it once per
// decision, whether or not it was wrong.
func (t *SparseTrainer) Tick() { t.now++ }

// Update adds d to the weight of class on each of feats.
func (t *SparseTrainer) Update(feats []uint64, class int, d float32) {
	for _, h := range feats {
		h = t.key(h)
		r, ok := t.index[h]
		if !ok {
			r = int32(len(t.rows))
			t.index[h] = r
			t.rows = append(t.rows, nil)
		}
		row := t.rows[r]
		k := -1
		for i := range row {
			if int(row[i].class) == class {
				k = i
				break
			}
		}
		if k < 0 {
			row = append(row, entry{class: uint16(class), stamped: t.now})
			k = len(row) - 1
			t.rows[r] = row
		}
		e := &row[k]
		e.total += float64(t.now-e.stamped) * float64(e.w)
		e.stamped = t.now
		e.w += d
	}
}

// Average returns the model of averaged weights, leaving out the weights
// whose magnitude is below prune (0 keeps every non-zero weight).
func (t *SparseTrainer) Average(prune float32) *Sparse {
	return AverageOf([]*SparseTrainer{t}, prune)
}

// averaged is the averaged weight of entry e at the trainer's clock.
func (t *SparseTrainer) averaged(e entry) float32 {
	now := max(t.now, 1)
	return float32((e.total + float64(now-e.stamped)*float64(e.w)) / float64(now))
}

// meanAveraged adds to w, by class, the averaged weights of feature key
// over the trainers, divided by their number.
func meanAveraged(ts []*SparseTrainer, key uint64, w []float32) {
	for _, t := range ts {
		if r, ok := t.index[key]; ok {
			for _, e := range t.rows[r] {
				w[e.class] += t.averaged(e) / float32(len(ts))
			}
		}
	}
}

// AverageOf returns the mean of the trainers' averaged models (trained on
// the same classes, each in its own order: the mean has less of any one
// order's variance), leaving out the weights whose magnitude is below
// prune.
func AverageOf(ts []*SparseTrainer, prune float32) *Sparse {
	type kept struct {
		key     uint32
		classes []uint16
		ws      []float32
	}
	var feats []kept
	var all []float32
	classes := ts[0].classes
	w := make([]float32, classes)
	for _, k := range unionKeys(ts) {
		clear(w)
		meanAveraged(ts, k, w)
		f := kept{key: fingerprint(k)}
		for c, avg := range w {
			if avg != 0 && (avg >= prune || avg <= -prune) {
				f.classes = append(f.classes, uint16(c))
				f.ws = append(f.ws, avg)
			}
		}
		if len(f.classes) > 0 {
			feats = append(feats, f)
			all = append(all, f.ws...)
		}
	}
	q := newQuantiser(all)
	b := newSparseBuilder(classes, len(feats), q.scale)
	for _, f := range feats {
		start := len(b.m.entries)
		for i, c := range f.classes {
			b.m.entries = append(b.m.entries, sparseEntry{class: c, w: q.quantise(f.ws[i])})
		}
		b.put(f.key, start)
	}
	return b.m
}

// unionKeys is every feature key any of the trainers holds, sorted.
func unionKeys(ts []*SparseTrainer) []uint64 {
	if len(ts) == 1 {
		return ts[0].sortedKeys()
	}
	seen := map[uint64]bool{}
	for _, t := range ts {
		for k := range t.index {
			seen[k] = true
		}
	}
	keys := make([]uint64, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (t *SparseTrainer) sortedKeys() []uint64 {
	keys := make([]uint64, 0, len(t.index))
	for k := range t.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
