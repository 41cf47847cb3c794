package quotes

// spanIndex answers, over spans sorted by start, "which of the first hi
// spans end past a point?" in index order, in O(log n) a span found: a
// segment tree of the largest end over ranges of indexes. The passes that
// compare attributions with each other use it to visit only the pairs that
// can overlap, so that a document with thousands of attributions in one
// sentence stays near linear.
type spanIndex struct {
	size int
	max  []int // max[node]: the largest end under node
}

func newSpanIndex(n int, end func(i int) int) *spanIndex {
	size := 1
	for size < n {
		size *= 2
	}
	x := &spanIndex{size: size, max: make([]int, 2*size)}
	for i := range x.max {
		x.max[i] = -1 << 62
	}
	for i := range n {
		x.max[size+i] = end(i)
	}
	for node := size - 1; node >= 1; node-- {
		x.max[node] = max(x.max[2*node], x.max[2*node+1])
	}
	return x
}

// each calls fn(j), in increasing j, for every j < hi whose end is more
// than after, until fn returns false.
func (x *spanIndex) each(hi, after int, fn func(j int) bool) {
	x.visit(1, 0, x.size, hi, after, fn)
}

func (x *spanIndex) visit(node, lo, span, hi, after int, fn func(j int) bool) bool {
	if lo >= hi || x.max[node] <= after {
		return true
	}
	if span == 1 {
		return fn(lo)
	}
	half := span / 2
	return x.visit(2*node, lo, half, hi, after, fn) && x.visit(2*node+1, lo+half, half, hi, after, fn)
}

// startsBefore is the number of attributions, sorted by content start,
// whose content starts before pos.
func startsBefore(ats []attribution, pos int) int {
	lo, hi := 0, len(ats)
	for lo < hi {
		m := (lo + hi) / 2
		if ats[m].content[0] < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
