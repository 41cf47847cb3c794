package syntax

import "github.com/newsnlp/newsnlp/annotate/perceptron"

// Parser templates, after Zhang and Nivre (2011): words, tags and labels
// of the stack's top (s0), the one below (s1), the buffer's first three
// (b0, b1, b2), s0's head and grandparent, s0's and b0's outermost
// children, distance, valency and the sets of labels already given.
const (
	pBias byte = iota
	pS0wt
	pS0w
	pS0t
	pB0wt
	pB0w
	pB0t
	pB1wt
	pB1w
	pB1t
	pB2w
	pB2t
	pS1w
	pS1t
	pS1wt
	pS0wtB0wt
	pS0wtB0w
	pS0wB0wt
	pS0wtB0t
	pS0tB0wt
	pS0wB0w
	pS0tB0t
	pB0tB1t
	pB0tB1tB2t
	pS0tB0tB1t
	pS0htS0tB0t
	pS0tS0ltB0t
	pS0tS0rtB0t
	pS0tB0tB0lt
	pS1tS0tB0t
	pS1tS0t
	pS1wS0w
	pS0wDist
	pS0tDist
	pB0wDist
	pB0tDist
	pS0wB0wDist
	pS0tB0tDist
	pS0wVr
	pS0tVr
	pS0wVl
	pS0tVl
	pB0wVl
	pB0tVl
	pS0hw
	pS0ht
	pS0l
	pS0lw
	pS0lt
	pS0ll
	pS0rw
	pS0rt
	pS0rl
	pB0lw
	pB0lt
	pB0ll
	pS0h2w
	pS0h2t
	pS0hl
	pS0l2w
	pS0l2t
	pS0l2l
	pS0r2w
	pS0r2t
	pS0r2l
	pB0l2w
	pB0l2t
	pB0l2l
	pS0tS0ltS0l2t
	pS0tS0rtS0r2t
	pS0tS0htS0h2t
	pB0tB0ltB0l2t
	pS0wSr
	pS0tSr
	pS0wSl
	pS0tSl
	pB0wBl
	pB0tBl
	pS0c
	pB0c
	pB1c
	pS0cB0c
	pS0cB0t
	pS0tB0c
	pS0cB0cDist
	pS1cS0c
	// The words next to s0 and b0 in the sentence, and the punctuation
	// between them (a comma before b0 is the mark of an apposition or a
	// reporting clause).
	pS0p1t
	pS0m1t
	pB0m1t
	pB0m1w
	pS0tS0p1tB0t
	pS0tB0m1tB0t
	pS0tB0tPunct
	pS0wB0tPunct
	pPunctDist
	pB3t
	pS2t
	pS2tS1tS0t
	pS0wB1w
	pS0tB1wt
	pB0wB1w
	pS0hwS0w
)

// distance buckets b0 − s0.
func distance(d int) uint64 {
	switch {
	case d <= 4:
		return uint64(d)
	case d <= 9:
		return 5
	}
	return 6
}

// at is the position i, or none for -1.
func (s *state) at(i int32) int32 {
	if i < 0 {
		return s.none()
	}
	return i
}

// lab is the hash of i's label (none when it has none).
func (s *state) lab(i int32) uint64 {
	if i < 1 || int(i) > s.n {
		return 0
	}
	return uint64(s.label[i] + 2)
}

// features returns the features of the configuration.
func (s *state) features() []uint64 {
	none := s.none()
	s0, s1 := none, none
	if len(s.stack) > 0 {
		s0 = s.s0()
	}
	if len(s.stack) > 1 {
		s1 = s.stack[len(s.stack)-2]
	}
	b0, b1, b2, b3, s2 := none, none, none, none, none
	if len(s.stack) > 2 {
		s2 = s.stack[len(s.stack)-3]
	}
	// The buffer's positions run to the root at n+1.
	b0 = int32(s.b)
	if s.b+1 <= s.n+1 {
		b1 = int32(s.b + 1)
	}
	if s.b+2 <= s.n+1 {
		b2 = int32(s.b + 2)
	}
	if s.b+3 <= s.n+1 {
		b3 = int32(s.b + 3)
	}
	var s0h, s0h2, s0l, s0l2, s0r, s0r2, b0l, b0l2 = none, none, none, none, none, none, none, none
	var s0vl, s0vr, b0vl uint64
	var s0sl, s0sr, b0sl uint64
	if s0 != none {
		s0h = s.at(s.head[s0])
		if s0h != none && s0h != s.root() {
			s0h2 = s.at(s.head[s0h])
		}
		s0l, s0l2, s0r, s0r2 = s.at(s.lm[s0]), s.at(s.lm2[s0]), s.at(s.rm[s0]), s.at(s.rm2[s0])
		s0vl, s0vr, s0sl, s0sr = uint64(s.nl[s0]), uint64(s.nr[s0]), s.ls[s0], s.rs[s0]
	}
	if b0 != none {
		b0l, b0l2 = s.at(s.lm[b0]), s.at(s.lm2[b0])
		b0vl, b0sl = uint64(s.nl[b0]), s.ls[b0]
	}
	dist := uint64(7)
	if s0 != none && b0 != none {
		dist = distance(int(b0 - s0))
	}
	w, t := s.word, s.tag
	mix := perceptron.Mix
	s.feats = append(s.feats[:0],
		mix(pBias),
		mix(pS0wt, w[s0], t[s0]), mix(pS0w, w[s0]), mix(pS0t, t[s0]),
		mix(pB0wt, w[b0], t[b0]), mix(pB0w, w[b0]), mix(pB0t, t[b0]),
		mix(pB1wt, w[b1], t[b1]), mix(pB1w, w[b1]), mix(pB1t, t[b1]),
		mix(pB2w, w[b2]), mix(pB2t, t[b2]),
		mix(pS1w, w[s1]), mix(pS1t, t[s1]), mix(pS1wt, w[s1], t[s1]),
		mix(pS0wtB0wt, w[s0], t[s0], w[b0], t[b0]), mix(pS0wtB0w, w[s0], t[s0], w[b0]),
		mix(pS0wB0wt, w[s0], w[b0], t[b0]), mix(pS0wtB0t, w[s0], t[s0], t[b0]),
		mix(pS0tB0wt, t[s0], w[b0], t[b0]), mix(pS0wB0w, w[s0], w[b0]), mix(pS0tB0t, t[s0], t[b0]),
		mix(pB0tB1t, t[b0], t[b1]), mix(pB0tB1tB2t, t[b0], t[b1], t[b2]), mix(pS0tB0tB1t, t[s0], t[b0], t[b1]),
		mix(pS0htS0tB0t, t[s0h], t[s0], t[b0]), mix(pS0tS0ltB0t, t[s0], t[s0l], t[b0]),
		mix(pS0tS0rtB0t, t[s0], t[s0r], t[b0]), mix(pS0tB0tB0lt, t[s0], t[b0], t[b0l]),
		mix(pS1tS0tB0t, t[s1], t[s0], t[b0]), mix(pS1tS0t, t[s1], t[s0]), mix(pS1wS0w, w[s1], w[s0]),
		mix(pS0wDist, w[s0], dist), mix(pS0tDist, t[s0], dist), mix(pB0wDist, w[b0], dist), mix(pB0tDist, t[b0], dist),
		mix(pS0wB0wDist, w[s0], w[b0], dist), mix(pS0tB0tDist, t[s0], t[b0], dist),
		mix(pS0wVr, w[s0], s0vr), mix(pS0tVr, t[s0], s0vr), mix(pS0wVl, w[s0], s0vl), mix(pS0tVl, t[s0], s0vl),
		mix(pB0wVl, w[b0], b0vl), mix(pB0tVl, t[b0], b0vl),
		mix(pS0hw, w[s0h]), mix(pS0ht, t[s0h]), mix(pS0l, s.lab(s0)),
		mix(pS0lw, w[s0l]), mix(pS0lt, t[s0l]), mix(pS0ll, s.lab(s0l)),
		mix(pS0rw, w[s0r]), mix(pS0rt, t[s0r]), mix(pS0rl, s.lab(s0r)),
		mix(pB0lw, w[b0l]), mix(pB0lt, t[b0l]), mix(pB0ll, s.lab(b0l)),
		mix(pS0h2w, w[s0h2]), mix(pS0h2t, t[s0h2]), mix(pS0hl, s.lab(s0h)),
		mix(pS0l2w, w[s0l2]), mix(pS0l2t, t[s0l2]), mix(pS0l2l, s.lab(s0l2)),
		mix(pS0r2w, w[s0r2]), mix(pS0r2t, t[s0r2]), mix(pS0r2l, s.lab(s0r2)),
		mix(pB0l2w, w[b0l2]), mix(pB0l2t, t[b0l2]), mix(pB0l2l, s.lab(b0l2)),
		mix(pS0tS0ltS0l2t, t[s0], t[s0l], t[s0l2]), mix(pS0tS0rtS0r2t, t[s0], t[s0r], t[s0r2]),
		mix(pS0tS0htS0h2t, t[s0], t[s0h], t[s0h2]), mix(pB0tB0ltB0l2t, t[b0], t[b0l], t[b0l2]),
		mix(pS0wSr, w[s0], s0sr), mix(pS0tSr, t[s0], s0sr), mix(pS0wSl, w[s0], s0sl), mix(pS0tSl, t[s0], s0sl),
		mix(pB0wBl, w[b0], b0sl), mix(pB0tBl, t[b0], b0sl),
	)
	s.feats = s.contextFeatures(s.feats, s0, s1, s2, b0, b1, b3, s0h, dist)
	return s.feats
}

// contextFeatures appends the features of the words beside s0 and b0 in
// the sentence, the punctuation between them, the further stack and
// buffer words, and the word classes.
func (s *state) contextFeatures(f []uint64, s0, s1, s2, b0, b1, b3, s0h int32, dist uint64) []uint64 {
	none := s.none()
	w, t := s.word, s.tag
	mix := perceptron.Mix
	s0m1, s0p1, b0m1 := none, none, none
	punct := uint64(0)
	if s0 != none {
		s0p1 = s0 + 1
		if s0 > 0 {
			s0m1 = s0 - 1
		}
	}
	if b0 != none {
		b0m1 = b0 - 1
		if s0 != none {
			punct = uint64(min(s.punct[b0-1]-s.punct[s0], 3))
		}
	}
	f = append(f,
		mix(pS0p1t, t[s0p1]), mix(pS0m1t, t[s0m1]), mix(pB0m1t, t[b0m1]), mix(pB0m1w, w[b0m1]),
		mix(pS0tS0p1tB0t, t[s0], t[s0p1], t[b0]), mix(pS0tB0m1tB0t, t[s0], t[b0m1], t[b0]),
		mix(pS0tB0tPunct, t[s0], t[b0], punct), mix(pS0wB0tPunct, w[s0], t[b0], punct), mix(pPunctDist, punct, dist),
		mix(pB3t, t[b3]), mix(pS2t, t[s2]), mix(pS2tS1tS0t, t[s2], t[s1], t[s0]), mix(pS0wB1w, w[s0], w[b1]),
		mix(pS0tB1wt, t[s0], w[b1], t[b1]), mix(pB0wB1w, w[b0], w[b1]), mix(pS0hwS0w, w[s0h], w[s0]),
	)
	c := s.class
	f = append(f,
		mix(pS0c, c[s0]), mix(pB0c, c[b0]), mix(pB1c, c[b1]), mix(pS0cB0c, c[s0], c[b0]), mix(pS0cB0t, c[s0], t[b0]),
		mix(pS0tB0c, t[s0], c[b0]), mix(pS0cB0cDist, c[s0], c[b0], dist), mix(pS1cS0c, c[s1], c[s0]),
	)
	return f
}
