// Package perceptron is the averaged perceptron over hashed features that
// every trained model of newsnlp's is made of: the entity model, the
// attribution-cue model and the attribution filter. A model is a table of
// 2^bits float32 weights (per class, for a multiclass model) indexed by a
// feature's 64-bit hash; training adds to the weights and to their running
// totals, from which the averaged weights are taken. The file codec
// (Compress, Open, Stream, ReadFloat32s) is the container of every model
// file: zstd at its best level on one thread, so the same weights always
// give the same bytes.
//
// perceptron imports nothing of newsnlp's.
package perceptron

// FNV-1a, the string hash of the feature templates.
const (
	FNVOffset = 14695981039346656037
	FNVPrime  = 1099511628211
)

// Hash is the FNV-1a hash of s.
func Hash(s string) uint64 {
	h := uint64(FNVOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= FNVPrime
	}
	return h
}

// Mix combines a template number and hashes into one feature hash.
func Mix(tmpl byte, hs ...uint64) uint64 {
	h := uint64(tmpl)*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019
	for _, x := range hs {
		h ^= x
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	return h
}

// Score sums the weights of hashed features in a table of 2^bits.
func Score(w []float32, bits uint, feats []uint64) float32 {
	mask := uint64(1)<<bits - 1
	var s float32
	for _, h := range feats {
		s += w[h&mask]
	}
	return s
}

// Update adds d to the weights of feats, and c·d to their running totals,
// from which the averaged weights are taken (Average).
func Update(w []float32, totals []float64, bits uint, feats []uint64, d float32, c float64) {
	mask := uint64(1)<<bits - 1
	for _, h := range feats {
		w[h&mask] += d
		totals[h&mask] += c * float64(d)
	}
}

// Average returns the averaged weights after c updates: each weight less
// its running total's mean.
func Average(w []float32, totals []float64, c float64) []float32 {
	avg := make([]float32, len(w))
	for i := range w {
		avg[i] = w[i] - float32(totals[i]/c)
	}
	return avg
}
