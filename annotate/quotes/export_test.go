package quotes

import (
	"context"
	"errors"
)

// The hooks below let the external tests (stage_test.go), which run the
// whole pipeline through annotate, reach what only this package can build.

// EagerCueModel is a cue model file whose model marks every word it scores.
func EagerCueModel() []byte {
	eager := &cueModel{bits: 8, w: make([]float32, 1<<8)}
	for i := range eager.w {
		eager.w[i] = 1
	}
	b, err := eager.marshal()
	if err != nil {
		panic(err)
	}
	return b
}

// FilterSettings reads the attribution filter of a cue model file: ok is
// false when it has none.
func FilterSettings(model []byte) (bits uint, candidate, threshold float32, ok bool, err error) {
	m, err := unmarshalCueModel(model)
	if err != nil {
		return 0, 0, 0, false, err
	}
	if m.filter == nil {
		return 0, 0, 0, false, nil
	}
	return m.filter.bits, m.filter.candidate, m.filter.threshold, true, nil
}

// Candidates returns "cue | content" for every candidate the embedded model
// puts to its attribution filter in text, whatever the filter then
// decides: the candidates are built with no filter, as train-cues collects
// them.
func Candidates(prepare Prepare, text string) ([]string, error) {
	s, err := New(nil)
	if err != nil {
		return nil, err
	}
	if s.cueModel == nil || s.cueModel.filter == nil {
		return nil, errors.New("the embedded cue model has no attribution filter")
	}
	d, err := prepare(text)
	if err != nil {
		return nil, err
	}
	var got []string
	ats, err := s.find(context.Background(), d, &collector{threshold: s.cueModel.filter.candidate})
	if err != nil {
		return nil, err
	}
	for _, at := range ats {
		got = append(got, text[at.cue[0]:at.cue[1]]+" | "+text[at.content[0]:at.content[1]])
	}
	return got, nil
}

// PredictCues returns the words of s the cue model in model marks.
func PredictCues(model []byte, s CueSentence) ([]string, error) {
	m, err := unmarshalCueModel(model)
	if err != nil {
		return nil, err
	}
	lex, err := loadCueLexicon()
	if err != nil {
		return nil, err
	}
	var cues []string
	for i, c := range m.predict(s.toks, s.low, lex, &cueScratch{}, 0, 0) {
		if c {
			cues = append(cues, s.toks[i].Text)
		}
	}
	return cues, nil
}
