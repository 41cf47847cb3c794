package syntax

import (
	"math"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// Clusters are word classes learned from unlabelled text by the exchange
// algorithm (Martin, Liermann and Ney 1998): words are moved between
// classes to maximise the likelihood of a class bigram model, so words
// that occur between the same kinds of words end up together (names of
// people, of months, verbs of saying). Each word has a class at two
// granularities. Words are kept as hashes of their lower-case form: no
// text of the corpus is stored.
type Clusters struct {
	Sizes []int               // classes at each granularity, finest first
	Of    []map[uint64]uint16 // word hash → class, per granularity
}

// classesOf returns the word's class hash at each granularity (1 + class,
// 0 for a word with no class).
func (c *Clusters) classesOf(lower string, dst *[2]uint64) {
	*dst = [2]uint64{}
	if c == nil {
		return
	}
	h := perceptron.Hash(lower)
	for g := range min(len(c.Of), 2) {
		if k, ok := c.Of[g][h]; ok {
			dst[g] = uint64(k) + 1
		}
	}
}

// Class returns the word's fine and coarse class (a lower-case word),
// or -1 for a word without one; a nil Clusters has none.
func (c *Clusters) Class(lower string) (fine, coarse int) {
	return c.ClassOfHash(perceptron.Hash(lower))
}

// ClassOfHash is Class for a word's perceptron.Hash, for callers that look
// one word up in several Clusters.
func (c *Clusters) ClassOfHash(h uint64) (fine, coarse int) {
	fine, coarse = -1, -1
	if c == nil {
		return
	}
	if len(c.Of) > 0 {
		if k, ok := c.Of[0][h]; ok {
			fine = int(k)
		}
	}
	if len(c.Of) > 1 {
		if k, ok := c.Of[1][h]; ok {
			coarse = int(k)
		}
	}
	return
}

// clusterMinCount is how often a word must occur to get a class.
const clusterMinCount = 3

// TrainClusters learns classes of the lower-case words of sentences at
// each size given, with the given number of passes over the vocabulary;
// run runs the sizes' jobs (in parallel, if it likes).
func TrainClusters(sentences [][]string, sizes []int, passes int, run func([]func())) *Clusters {
	count := map[string]int{}
	for _, s := range sentences {
		for _, w := range s {
			count[strings.ToLower(w)]++
		}
	}
	var vocab []string
	for w, n := range count {
		if n >= clusterMinCount {
			vocab = append(vocab, w)
		}
	}
	slices.SortFunc(vocab, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	id := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		id[w] = int32(i)
	}
	// Word ids of the text, -1 for rare words (one class of their own that
	// never moves), -2 between sentences.
	var text []int32
	for _, s := range sentences {
		text = append(text, -2)
		for _, w := range s {
			if i, ok := id[strings.ToLower(w)]; ok {
				text = append(text, i)
			} else {
				text = append(text, -1)
			}
		}
	}
	text = append(text, -2)
	b := newBigrams(len(vocab), text)
	c := &Clusters{Sizes: sizes, Of: make([]map[uint64]uint16, len(sizes))}
	var jobs []func()
	for g, size := range sizes {
		jobs = append(jobs, func() {
			class := b.exchange(size, passes)
			m := make(map[uint64]uint16, len(vocab))
			for i, w := range vocab {
				m[perceptron.Hash(w)] = uint16(class[i])
			}
			c.Of[g] = m
		})
	}
	run(jobs)
	return c
}

// bigrams are each word's left and right neighbours with counts; the
// neighbour ids are vocabulary ids, or two pseudo-words: rare (v) and
// boundary (v+1).
type bigrams struct {
	v           int
	left, right [][]neighbour
	count       []float64 // word's count, as a left and as a right element
}

type neighbour struct {
	w int32
	n float64
}

func newBigrams(v int, text []int32) *bigrams {
	b := &bigrams{v: v, left: make([][]neighbour, v+2), right: make([][]neighbour, v+2), count: make([]float64, v+2)}
	pair := map[[2]int32]float64{}
	norm := func(x int32) int32 {
		switch x {
		case -1:
			return int32(v)
		case -2:
			return int32(v + 1)
		}
		return x
	}
	for i := 0; i+1 < len(text); i++ {
		if text[i] == -2 && text[i+1] == -2 {
			continue
		}
		pair[[2]int32{norm(text[i]), norm(text[i+1])}]++
	}
	keys := make([][2]int32, 0, len(pair))
	for k := range pair {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, c [2]int32) int {
		if a[0] != c[0] {
			return int(a[0] - c[0])
		}
		return int(a[1] - c[1])
	})
	for _, k := range keys {
		n := pair[k]
		b.right[k[0]] = append(b.right[k[0]], neighbour{k[1], n})
		b.left[k[1]] = append(b.left[k[1]], neighbour{k[0], n})
		b.count[k[0]] += n
	}
	return b
}

func xlogx(x float64) float64 {
	if x <= 0 {
		return 0
	}
	return x * math.Log(x)
}

// exchange clusters the vocabulary into size classes; the two
// pseudo-words keep classes of their own (size and size+1).
func (b *bigrams) exchange(size, passes int) []int32 {
	k := size + 2
	class := make([]int32, b.v+2)
	for i := range b.v {
		class[i] = int32(i % size)
	}
	class[b.v], class[b.v+1] = int32(size), int32(size+1)
	n := make([]float64, k*k) // n[c1*k+c2]: class bigram counts
	row, col := make([]float64, k), make([]float64, k)
	for w := range b.v + 2 {
		for _, r := range b.right[w] {
			c1, c2 := class[w], class[r.w]
			n[int(c1)*k+int(c2)] += r.n
			row[c1] += r.n
			col[c2] += r.n
		}
	}
	lc, rc := make([]float64, k), make([]float64, k)
	var touched []int32
	for range passes {
		moved := 0
		for w := range b.v {
			// w's neighbours by class, its own occurrences left out.
			touched = touched[:0]
			for _, x := range b.left[w] {
				if int(x.w) != w {
					if lc[class[x.w]] == 0 && rc[class[x.w]] == 0 {
						touched = append(touched, class[x.w])
					}
					lc[class[x.w]] += x.n
				}
			}
			for _, x := range b.right[w] {
				if int(x.w) != w {
					if lc[class[x.w]] == 0 && rc[class[x.w]] == 0 {
						touched = append(touched, class[x.w])
					}
					rc[class[x.w]] += x.n
				}
			}
			self := 0.0
			for _, x := range b.right[w] {
				if int(x.w) == w {
					self = x.n
				}
			}
			nl, nr := b.count[w], 0.0 // w as a left element, as a right one
			for _, x := range b.left[w] {
				nr += x.n
			}
			a := class[w]
			apply := func(c int32, sign float64) {
				for _, t := range touched {
					n[int(c)*k+int(t)] += sign * rc[t]
					n[int(t)*k+int(c)] += sign * lc[t]
				}
				n[int(c)*k+int(c)] += sign * self
				row[c] += sign * nl
				col[c] += sign * nr
			}
			apply(a, -1)
			best, bestGain := a, math.Inf(-1)
			for c := range int32(size) {
				gain := xlogx(n[int(c)*k+int(c)]+self+rc[c]+lc[c]) - xlogx(n[int(c)*k+int(c)])
				for _, t := range touched {
					if t == c {
						continue
					}
					gain += xlogx(n[int(c)*k+int(t)]+rc[t]) - xlogx(n[int(c)*k+int(t)])
					gain += xlogx(n[int(t)*k+int(c)]+lc[t]) - xlogx(n[int(t)*k+int(c)])
				}
				gain -= xlogx(row[c]+nl) - xlogx(row[c]) + xlogx(col[c]+nr) - xlogx(col[c])
				if gain > bestGain+1e-9 {
					best, bestGain = c, gain
				}
			}
			class[w] = best
			apply(best, 1)
			if best != a {
				moved++
			}
			for _, t := range touched {
				lc[t], rc[t] = 0, 0
			}
		}
		if moved == 0 {
			break
		}
	}
	return class[:b.v]
}
