package syntax

import "github.com/newsnlp/newsnlp/annotate/perceptron"

// Labeller templates: the arc's ends, its direction and length, what the
// dependent already governs, and what the head already governs (a verb
// with a subject takes an object next).
const (
	lbBias byte = iota
	lbDw
	lbDt
	lbDwt
	lbHw
	lbHt
	lbHwt
	lbHtDtDir
	lbHwDtDir
	lbHtDwDir
	lbHwDwDir
	lbHtDtDistDir
	lbDlmw
	lbDlmt
	lbDlml
	lbDrmt
	lbDrml
	lbDls
	lbDrs
	lbHl
	lbHht
	lbHlsDtDir
	lbHrsDtDir
	lbDprevt
	lbDnextt
	lbDnextw
	lbDlmwDtHt
	lbHtDtDlmtDir
	lbDc
	lbHc
	lbHcDcDir
	lbHtDcDir
)

// labelFeatures returns the features of an arc from h to d.
func (s *state) labelFeatures(h, d int32) []uint64 {
	w, t := s.word, s.tag
	dir := uint64(1)
	if d < h {
		dir = 2
	}
	dist := distance(int(max(h, d) - min(h, d)))
	dlm, drm := s.at(s.lm[d]), s.at(s.rm[d])
	hh := s.at(s.head[h])
	prev, next := d-1, d+1 // 0 stands before the sentence, n+1 is the root
	mix := perceptron.Mix
	s.feats = append(s.feats[:0],
		mix(lbBias, dir),
		mix(lbDw, w[d]), mix(lbDt, t[d]), mix(lbDwt, w[d], t[d]),
		mix(lbHw, w[h]), mix(lbHt, t[h]), mix(lbHwt, w[h], t[h]),
		mix(lbHtDtDir, t[h], t[d], dir), mix(lbHwDtDir, w[h], t[d], dir), mix(lbHtDwDir, t[h], w[d], dir),
		mix(lbHwDwDir, w[h], w[d], dir), mix(lbHtDtDistDir, t[h], t[d], dist, dir),
		mix(lbDlmw, w[dlm]), mix(lbDlmt, t[dlm]), mix(lbDlml, s.lab(dlm)),
		mix(lbDrmt, t[drm]), mix(lbDrml, s.lab(drm)),
		mix(lbDls, s.ls[d]), mix(lbDrs, s.rs[d]),
		mix(lbHl, s.lab(h)), mix(lbHht, t[hh]),
		mix(lbHlsDtDir, s.ls[h], t[d], dir), mix(lbHrsDtDir, s.rs[h], t[d], dir),
		mix(lbDprevt, t[prev]), mix(lbDnextt, t[next]), mix(lbDnextw, w[next]),
		mix(lbDlmwDtHt, w[dlm], t[d], t[h]), mix(lbHtDtDlmtDir, t[h], t[d], t[dlm], dir),
		mix(lbDc, s.class[d]), mix(lbHc, s.class[h]), mix(lbHcDcDir, s.class[h], s.class[d], dir), mix(lbHtDcDir, t[h], s.class[d], dir),
	)
	return s.feats
}
