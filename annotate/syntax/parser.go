package syntax

import (
	"math"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// Parser is a greedy arc-eager dependency parser. Words are numbered from
// 1; 0 is the artificial root.
//
// A move is chosen by one model over four classes and an arc's relation,
// once the arc is made, by another: the move model is a hashed table of
// four 16-bit weights a row (2^21 rows, 16 MB), one memory read a
// feature, and the labeller runs once a word.
type Parser struct {
	labels   []string // UD relations, by label id
	root     int      // the id of "root"
	moves    *perceptron.Hashed
	labeler  *perceptron.Sparse
	clusters *Clusters
}

// The four moves of the arc-eager system.
const (
	shift = iota
	reduce
	leftArc
	rightArc
	moveCount
)

// state is a parser configuration. Words are numbered from 1 to n; the
// artificial root is n+1, at the end of the buffer (Ballesteros and Nivre
// 2013), so that a word becomes the sentence's head only once the whole
// sentence has been read: in "…, he said." the statement's verb waits on
// the stack for said. Position 0 stands before the sentence and n+2 for
// none.
type state struct {
	n                int
	stack            []int32
	b                int // first of the buffer: a word, or n+1 once only the root is left
	head             []int32
	label            []int32
	lm, lm2, rm, rm2 []int32  // leftmost and rightmost children, -1 for none
	nl, nr           []uint8  // how many left and right children, up to 255
	ls, rs           []uint64 // sets of the left and right children's labels
	inStack          []bool
	// hashes of each position's word and tag
	word, tag []uint64
	class     []uint64 // each position's fine word class
	punct     []int32  // punct[i]: punctuation marks among words 1..i
	feats     []uint64
}

func newState(words, tags []string, clusters *Clusters) *state {
	n := len(words)
	size := n + 3
	s := &state{n: n, b: 1, stack: make([]int32, 0, n)}
	s.head, s.label = make([]int32, size), make([]int32, size)
	s.lm, s.lm2, s.rm, s.rm2 = make([]int32, size), make([]int32, size), make([]int32, size), make([]int32, size)
	for i := range s.head {
		s.head[i], s.label[i], s.lm[i], s.lm2[i], s.rm[i], s.rm2[i] = -1, -1, -1, -1, -1, -1
	}
	s.nl, s.nr = make([]uint8, size), make([]uint8, size)
	s.ls, s.rs = make([]uint64, size), make([]uint64, size)
	s.inStack = make([]bool, size)
	s.word, s.tag, s.class = make([]uint64, size), make([]uint64, size), make([]uint64, size)
	s.word[0], s.tag[0], s.class[0] = hStart, hStart, hStart
	s.word[n+1], s.tag[n+1], s.class[n+1] = hRoot, hRoot, hRoot
	s.word[n+2], s.tag[n+2], s.class[n+2] = hNone, hNone, hNone
	s.punct = make([]int32, size)
	var cls [2]uint64
	for i, w := range words {
		s.punct[i+1] = s.punct[i]
		if isPunctTag(tags[i]) {
			s.punct[i+1]++
		}
		lw := strings.ToLower(w)
		s.word[i+1] = perceptron.Hash(lw)
		s.tag[i+1] = perceptron.Hash(tags[i])
		clusters.classesOf(lw, &cls)
		s.class[i+1] = cls[0]
	}
	s.punct[n+1] = s.punct[n]
	return s
}

var hRoot = perceptron.Hash("<root>")

func (s *state) root() int32 { return int32(s.n + 1) }
func (s *state) none() int32 { return int32(s.n + 2) }

// atRoot reports whether only the root is left in the buffer.
func (s *state) atRoot() bool { return s.b == s.n+1 }

func (s *state) terminal() bool { return s.atRoot() && len(s.stack) == 0 }

func (s *state) s0() int32 { return s.stack[len(s.stack)-1] }

// legal reports whether move m may be made. The root is never shifted and
// takes one child; once it has one, a word left without a head is
// reduced as it is (finish attaches it).
func (s *state) legal(m int) bool {
	if s.terminal() {
		return false
	}
	atRoot := s.atRoot()
	if len(s.stack) == 0 {
		return m == shift
	}
	s0 := s.s0()
	rootTaken := s.lm[s.root()] >= 0
	switch m {
	case shift, rightArc:
		return !atRoot
	case reduce:
		return s.head[s0] >= 0 || atRoot && rootTaken
	default:
		return s.head[s0] < 0 && !(atRoot && rootTaken)
	}
}

// onlyMove is the one legal move, or -1 when there is a choice: a sixth
// of the moves, so they are not scored.
func (s *state) onlyMove() int {
	only := -1
	for m := range moveCount {
		if s.legal(m) {
			if only >= 0 {
				return -1
			}
			only = m
		}
	}
	return only
}

// arcEnds are the head and dependent of the arc move m makes.
func (s *state) arcEnds(m int) (h, d int32) {
	if m == leftArc {
		return int32(s.b), s.s0()
	}
	return s.s0(), int32(s.b)
}

// apply makes move m; an arc gets relation l.
func (s *state) apply(m int, l int32) {
	switch m {
	case shift:
		s.push(int32(s.b))
	case reduce:
		s.pop()
	case leftArc:
		s.arc(int32(s.b), s.s0(), l)
		s.pop()
	default:
		s.arc(s.s0(), int32(s.b), l)
		s.push(int32(s.b))
	}
}

func (s *state) push(i int32) {
	s.stack = append(s.stack, i)
	s.inStack[i] = true
	s.b++
}

func (s *state) pop() {
	s.inStack[s.s0()] = false
	s.stack = s.stack[:len(s.stack)-1]
}

func (s *state) arc(h, d, l int32) {
	s.head[d], s.label[d] = h, l
	if d < h {
		if s.lm[h] < 0 || d < s.lm[h] {
			s.lm2[h], s.lm[h] = s.lm[h], d
		} else if s.lm2[h] < 0 || d < s.lm2[h] {
			s.lm2[h] = d
		}
		s.nl[h] = min(s.nl[h]+1, 255)
		s.ls[h] |= 1 << (uint(l) & 63)
	} else {
		if s.rm[h] < 0 || d > s.rm[h] {
			s.rm2[h], s.rm[h] = s.rm[h], d
		} else if s.rm2[h] < 0 || d > s.rm2[h] {
			s.rm2[h] = d
		}
		s.nr[h] = min(s.nr[h]+1, 255)
		s.rs[h] |= 1 << (uint(l) & 63)
	}
}

// Parse fills s.Head and s.Dep from s.Words and s.XPOS.
func (p *Parser) Parse(s *Sentence) {
	st := newState(s.Words, s.XPOS, p.clusters)
	var scores [moveCount]int32
	labels := make([]int32, len(p.labels))
	for !st.terminal() {
		m := st.onlyMove()
		if m < 0 {
			scores = [moveCount]int32{}
			p.moves.Scores(st.features(), scores[:])
			m = best(st, scores[:])
		}
		l := int32(-1)
		if m == leftArc || m == rightArc {
			l = p.label(st, m, labels)
		}
		st.apply(m, l)
	}
	p.finish(st, s)
}

// label is the relation of the arc move m makes: root from the root, else
// the labeller's best other relation.
func (p *Parser) label(st *state, m int, scores []int32) int32 {
	h, d := st.arcEnds(m)
	if h == st.root() {
		return int32(p.root)
	}
	clear(scores)
	p.labeler.Scores(st.labelFeatures(h, d), scores)
	scores[p.root] = math.MinInt32
	return int32(argmax(scores))
}

// best is the highest-scoring legal move.
func best[T int32 | float32](s *state, scores []T) int {
	best := -1
	for m, sc := range scores {
		if (best < 0 || sc > scores[best]) && s.legal(m) {
			best = m
		}
	}
	return best
}

// finish writes the parse into s. Words left without a head are
// attached to the root's child with the relation dep; if the root has no
// child, the first of them becomes it.
func (p *Parser) finish(st *state, s *Sentence) {
	root := st.root()
	top := st.lm[root]
	for i := 1; i <= st.n; i++ {
		if st.head[i] >= 0 {
			continue
		}
		if top < 0 {
			top = int32(i)
			st.head[i], st.label[i] = root, int32(p.root)
			continue
		}
		st.head[i], st.label[i] = top, -1
	}
	for i := 1; i <= st.n; i++ {
		s.Head[i-1] = int(st.head[i]) - 1
		if st.head[i] == root {
			s.Head[i-1] = -1
		}
		if st.label[i] < 0 {
			s.Dep[i-1] = "dep"
		} else {
			s.Dep[i-1] = p.labels[st.label[i]]
		}
	}
}

// isPunctTag reports whether a Penn Treebank tag is punctuation.
func isPunctTag(t string) bool {
	switch t {
	case ",", ":", ".", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP":
		return true
	}
	return false
}
