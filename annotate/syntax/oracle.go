package syntax

// goldTree is a training sentence's projective tree in the parser's
// numbering: head[i] for words 1..n (n+1 the root), with each word's gold
// dependents.
type goldTree struct {
	head, label []int32
	deps        [][]int32
}

func newGoldTree(heads []int, labels []int32) *goldTree {
	n := len(heads)
	g := &goldTree{head: make([]int32, n+3), label: make([]int32, n+3), deps: make([][]int32, n+3)}
	g.head[0], g.head[n+1], g.head[n+2] = -1, -1, -1
	for i, h := range projectivise(heads) {
		hd := int32(h + 1)
		if h < 0 {
			hd = int32(n + 1)
		}
		g.head[i+1], g.label[i+1] = hd, labels[i]
		g.deps[hd] = append(g.deps[hd], int32(i+1))
	}
	return g
}

// projectivise lifts the arcs of a tree (0-based heads, -1 the root) that
// cross another until none does: the dependent of the shortest crossing
// arc is reattached to its head's head, one arc at a time. The labels are
// kept. A head that would make a cycle (bad input) is cut to the root.
func projectivise(heads []int) []int {
	h := append([]int(nil), heads...)
	for i, x := range h {
		if x < -1 || x >= len(h) || x == i {
			h[i] = -1
		}
	}
	for range len(h) * len(h) {
		d := shortestNonProjective(h)
		if d < 0 {
			break
		}
		h[d] = h[h[d]]
	}
	return h
}

// shortestNonProjective is the dependent of the shortest arc that some
// word between its ends does not descend from, or -1.
func shortestNonProjective(h []int) int {
	best, bestLen := -1, 0
	for d, hd := range h {
		if hd < 0 {
			continue
		}
		lo, hi := min(d, hd), max(d, hd)
		for k := lo + 1; k < hi; k++ {
			if !descends(h, k, hd) {
				if best < 0 || hi-lo < bestLen {
					best, bestLen = d, hi-lo
				}
				break
			}
		}
	}
	return best
}

// descends reports whether k is a descendant of a.
func descends(h []int, k, a int) bool {
	for steps := 0; k >= 0 && steps <= len(h); steps++ {
		if k == a {
			return true
		}
		k = h[k]
	}
	return false
}

// cost is the number of gold arcs that move m makes unreachable, after
// Goldberg and Nivre (2012).
func (s *state) cost(g *goldTree, m int) int {
	b0 := int32(s.b)
	if m == shift && len(s.stack) == 0 {
		return 0
	}
	s0 := s.s0()
	c := 0
	switch m {
	case shift:
		if h := g.head[b0]; h >= 0 && s.inStack[h] {
			c++
		}
		c += s.headlessInStack(g.deps[b0])
	case reduce:
		c += inBuffer(s, g.deps[s0])
	case leftArc:
		if g.head[s0] > b0 {
			c++
		}
		c += inBuffer(s, g.deps[s0])
	default:
		if h := g.head[b0]; h != s0 && (h >= 0 && s.inStack[h] || h > b0) {
			c++
		}
		c += s.headlessInStack(g.deps[b0])
	}
	return c
}

func inBuffer(s *state, deps []int32) int {
	c := 0
	for _, k := range deps {
		if int(k) >= s.b {
			c++
		}
	}
	return c
}

func (s *state) headlessInStack(deps []int32) int {
	c := 0
	for _, k := range deps {
		if s.inStack[k] && s.head[k] < 0 {
			c++
		}
	}
	return c
}
