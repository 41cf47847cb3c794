package annotate

import (
	"context"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// Stage is one step of annotation over a Document. Run reads what the
// stages before it added and adds its own (each stage's comment says what
// it assigns); offsets are bytes until the offsets stage converts them. A
// Stage is safe for concurrent use on different Documents and keeps
// nothing of one after Run returns. Run returns an error only when ctx
// ends or the document cannot be annotated.
type Stage interface {
	// Name is the stage's name in errors rows and CPU profiles.
	Name() string
	Run(ctx context.Context, d *doc.Document) error
}

// zoneStage assigns d.Zones from the text and its metadata title.
type zoneStage struct{}

func (zoneStage) Name() string { return "zone" }

func (zoneStage) Run(_ context.Context, d *doc.Document) error {
	d.Zones = FindZones(d.Text, d.Title)
	return nil
}

// offsetsStage converts every byte offset of the Document to code points,
// in one forward pass: the last stage, after which the Document keeps the
// offset invariant (package doc).
type offsetsStage struct{}

func (offsetsStage) Name() string { return "offsets" }

func (offsetsStage) Run(_ context.Context, d *doc.Document) error {
	idx := newRuneIndex(d.Text)
	for i := range d.Zones {
		d.Zones[i].Start, d.Zones[i].End = idx.at(d.Zones[i].Start), idx.at(d.Zones[i].End)
	}
	// Sentences, tokens and mentions interleave in text order; converting
	// them sentence by sentence keeps the cursor's walks short.
	ti, mi := 0, 0
	for si := range d.Sentences {
		s := &d.Sentences[si]
		s.Start = idx.at(s.Start)
		for ; ti < len(d.Tokens) && d.Tokens[ti].Sent == si; ti++ {
			t := &d.Tokens[ti]
			t.Start, t.End = idx.at(t.Start), idx.at(t.End)
		}
		for ; mi < len(d.Mentions) && d.Mentions[mi].Sent == si; mi++ {
			m := &d.Mentions[mi]
			m.Start, m.End = idx.at(m.Start), idx.at(m.End)
		}
		s.End = idx.at(s.End)
	}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		for _, sp := range []*doc.Span{&q.Content, &q.Cue, &q.Speaker} {
			if sp.End > sp.Start {
				sp.Start, sp.End = idx.at(sp.Start), idx.at(sp.End)
			}
		}
		for k := range q.Parts {
			q.Parts[k] = [2]int{idx.at(q.Parts[k][0]), idx.at(q.Parts[k][1])}
		}
	}
	d.Lower = nil
	return nil
}
