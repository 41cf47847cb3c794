package syntax

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// EmbeddingClusters groups words by their embedding vectors with k-means
// on the unit sphere (cosine similarity): fine classes over the words,
// and coarse classes over the fine classes' centroids. Initialisation is
// k-means++ from a seeded generator and the passes are fixed, so the same
// vectors and seed give the same classes. Words are kept as hashes of
// their lower-case form, as for the word classes learned from text.
func EmbeddingClusters(words []string, vecs [][]float32, fine, coarse, passes int, seed uint64) *Clusters {
	unit := make([][]float32, len(vecs))
	for i, v := range vecs {
		unit[i] = normalised(v)
	}
	rng := rand.New(rand.NewPCG(seed, 0x676c6f7665))
	fineOf, centroids := kmeans(unit, fine, passes, rng)
	coarseOf, _ := kmeans(centroids, coarse, passes, rng)
	c := &Clusters{Sizes: []int{fine, coarse}, Of: []map[uint64]uint16{{}, {}}}
	for i, w := range words {
		h := perceptron.Hash(w)
		c.Of[0][h] = uint16(fineOf[i])
		c.Of[1][h] = uint16(coarseOf[fineOf[i]])
	}
	return c
}

func normalised(v []float32) []float32 {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if n == 0 {
		return out
	}
	s := float32(1 / math.Sqrt(n))
	for i, x := range v {
		out[i] = x * s
	}
	return out
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// kmeans clusters unit vectors into k groups and returns each vector's
// group and the groups' centroids (unit length).
func kmeans(vecs [][]float32, k, passes int, rng *rand.Rand) ([]int, [][]float32) {
	k = min(k, len(vecs))
	cent := plusPlus(vecs, k, rng)
	of := make([]int, len(vecs))
	for range passes {
		assign(vecs, cent, of)
		sums := make([][]float64, k)
		for i := range sums {
			sums[i] = make([]float64, len(vecs[0]))
		}
		counts := make([]int, k)
		for i, v := range vecs {
			c := of[i]
			counts[c]++
			for d, x := range v {
				sums[c][d] += float64(x)
			}
		}
		for c := range cent {
			if counts[c] == 0 {
				continue // an empty group keeps its centroid
			}
			v := make([]float32, len(sums[c]))
			for d, x := range sums[c] {
				v[d] = float32(x)
			}
			cent[c] = normalised(v)
		}
	}
	assign(vecs, cent, of)
	return of, cent
}

// plusPlus picks k initial centroids by k-means++: each next one with
// probability rising with its distance from those already picked.
func plusPlus(vecs [][]float32, k int, rng *rand.Rand) [][]float32 {
	cent := [][]float32{vecs[rng.IntN(len(vecs))]}
	dist := make([]float64, len(vecs))
	for i, v := range vecs {
		dist[i] = float64(1 - dot(v, cent[0]))
	}
	for len(cent) < k {
		var total float64
		for _, d := range dist {
			total += max(d, 0)
		}
		r, pick := rng.Float64()*total, len(vecs)-1
		for i, d := range dist {
			if r -= max(d, 0); r <= 0 {
				pick = i
				break
			}
		}
		c := vecs[pick]
		cent = append(cent, c)
		for i, v := range vecs {
			dist[i] = min(dist[i], float64(1-dot(v, c)))
		}
	}
	return cent
}

// assign sets each vector's group to its nearest centroid, in parallel.
func assign(vecs, cent [][]float32, of []int) {
	const workers = 4
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(vecs); i += workers {
				best, bestSim := 0, float32(-2)
				for c, ce := range cent {
					if s := dot(vecs[i], ce); s > bestSim {
						best, bestSim = c, s
					}
				}
				of[i] = best
			}
		}()
	}
	wg.Wait()
}

// clustersMagic opens a word-classes file of its own.
const clustersMagic = "NNLPWCL1"

// MarshalClusters writes word classes as a file of their own.
func MarshalClusters(c *Clusters) []byte {
	var b bytes.Buffer
	b.WriteString(clustersMagic)
	c.write(&b)
	return b.Bytes()
}

// UnmarshalClusters reads a file MarshalClusters wrote.
func UnmarshalClusters(data []byte) (*Clusters, error) {
	if !bytes.HasPrefix(data, []byte(clustersMagic)) {
		return nil, errors.New("word classes: not a word-classes file")
	}
	return readClusters(bytes.NewReader(data[len(clustersMagic):]))
}
