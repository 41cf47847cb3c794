// Package quotes is the quotes stage: it finds the attributions of a
// document, direct quotations with their marks and reported speech around
// cue words, each with its cue, its content and its speaker resolved to an
// entity where the text allows.
//
// Files: marks.go (quotation marks), cues.txt (the cue lexicon),
// cuemodel.go and filter.go (the learned cue model and the attribution
// filter), scan.go and sentence.go (the driver over a document and a
// sentence), rules.go and subject.go (the named rules, tried in order),
// np.go and content.go (noun phrases and contents), passes.go (passes over
// the whole document), speaker.go (speaker resolution), train.go (training
// the cue model and the filter, apart from the Stage that runs).
//
// Every Quote the stage adds records in Rule the rule that placed it.
// Offsets are bytes while the stages run (see package doc).
//
// quotes imports doc, english and perceptron, never annotate.
package quotes

import (
	"context"
	_ "embed"
	"fmt"
	"slices"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// cueModelBytes is the attribution-cue model, produced by `make
// train-cues` from ../shared/data/polnear/train (PolNeAR's training split)
// and committed. An empty file means the stage uses the cue lexicon alone.
//
//go:embed model/cue.model
var cueModelBytes []byte

// Stage is the quotes stage. It holds the cue lexicon and the cue model,
// loaded once, and is safe for concurrent use: it keeps no per-document
// state.
type Stage struct {
	cues     cueLexicon
	cueModel *cueModel // nil when none is embedded
}

// New loads the cue lexicon and a cue model: model is a train-cues file,
// or nil for the embedded one.
func New(model []byte) (*Stage, error) {
	s := &Stage{}
	var err error
	if s.cues, err = loadCueLexicon(); err != nil {
		return nil, fmt.Errorf("load cue lexicon: %w", err)
	}
	if model == nil {
		model = cueModelBytes
	}
	if len(model) > 0 {
		if s.cueModel, err = unmarshalCueModel(model); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Name is the stage's name in errors rows and profiles.
func (s *Stage) Name() string { return "quotes" }

// Run adds the document's attributions to d.Quotes, in text order. It reads
// the zones, sentences, tokens and mentions of the stages before it.
func (s *Stage) Run(ctx context.Context, d *doc.Document) error {
	ats, err := s.find(ctx, d, nil)
	if err != nil {
		return err
	}
	d.Quotes = slices.Grow(d.Quotes, len(ats))
	for i := range ats {
		d.Quotes = append(d.Quotes, ats[i].quote(d.Text))
	}
	return nil
}

// quote is the attribution's output form, in byte offsets.
func (at *attribution) quote(text string) doc.Quote {
	span := func(r [2]int) doc.Span {
		return doc.Span{Start: r[0], End: r[1], Text: text[r[0]:r[1]]}
	}
	q := doc.Quote{
		Kind:              at.kind,
		Content:           span(at.content),
		Parts:             at.parts,
		CueLemma:          at.cueLemma,
		CueClass:          at.class,
		ReportType:        reportType(at.cueLemma, at.class, at.learnedCue),
		SpeakerEntityID:   at.entityID,
		SpeakerCanonical:  at.canon,
		SpeakerKey:        at.speakerKey,
		SpeakerLabel:      at.speakerLabel,
		SpeakerResolution: at.resolving,
		Sent:              at.sent,
		Rule:              at.rule,
	}
	if at.act && q.ReportType == doc.ReportSpeech {
		q.ReportType = doc.ReportAttitude
	}
	if at.hasScore {
		score := at.score
		q.Score = &score
	}
	if at.cue[1] > at.cue[0] {
		q.Cue = span(at.cue)
	}
	if at.speaker[1] > at.speaker[0] {
		q.Speaker = span(at.speaker)
	}
	return q
}
