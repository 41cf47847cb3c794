package annotate

import (
	"context"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// LabeledSpan is a gold entity mention for training: code point offsets
// into the text and a CoNLL type (PER, ORG, LOC, MISC).
type LabeledSpan struct {
	Start, End int
	Type       string
}

// NERExampleBuilder turns gold-annotated texts into training sentences by
// running exactly the zone, sentence, token and tag stages that annotation
// runs, so that the model trains on the tokens and tags it will see. Gold
// spans are projected onto the tokens they overlap.
type NERExampleBuilder struct {
	nlp *nlpStage
	ner *newsnlpNER // its gazetteer features; no weights
}

// NewNERExampleBuilder loads the models the stages before NER need.
func NewNERExampleBuilder() (*NERExampleBuilder, error) {
	nlp, err := newNLPStage(TaggerNewsnlp)
	if err != nil {
		return nil, err
	}
	gaz, err := loadGazetteer(nlp.tokenizer)
	if err != nil {
		return nil, err
	}
	glove, err := gloveClasses()
	if err != nil {
		return nil, err
	}
	return &NERExampleBuilder{nlp: nlp, ner: &newsnlpNER{gaz: gaz, classes: nlp.syntax.Clusters, glove: glove}}, nil
}

// Headline returns a builder of the sentences the headline model reads:
// those in title case or capitals as written, not truecased.
func (b *NERExampleBuilder) Headline() *NERExampleBuilder {
	ner := *b.ner
	ner.headline = true
	return &NERExampleBuilder{nlp: b.nlp, ner: &ner}
}

// Sentences returns the labelled sentences of the entity zones of text.
// Spans of unknown types are ignored; a span overlapping one already
// placed in its sentence is dropped.
func (b *NERExampleBuilder) Sentences(text string, spans []LabeledSpan) []NERSentence {
	r := &doc.Document{Text: text, Zones: FindZones(text, "")}
	_ = b.nlp.Run(context.Background(), r) // a background context never ends
	byteAt := doc.ByteOffsets(text)
	typeIndex := map[string]int{}
	for i, t := range nerTypes {
		typeIndex[t] = i
	}
	casing := newDocCasing(r.Tokens, r.Lower, r.Sentences)
	var out []NERSentence
	for si := range r.Sentences {
		rng := r.Sentences[si].Tokens()
		if !nerZone(r.Sentences[si].Zone) || rng[0] == rng[1] {
			continue
		}
		toks := r.Tokens[rng[0]:rng[1]]
		var spansHere []nerSpan
		used := make([]bool, len(toks))
		for _, sp := range spans {
			typ, ok := typeIndex[sp.Type]
			if !ok || sp.Start < 0 || sp.End >= len(byteAt) || sp.Start >= sp.End {
				continue
			}
			bs, be := byteAt[sp.Start], byteAt[sp.End]
			i0, i1 := -1, -1
			for k, t := range toks {
				if t.End > bs && t.Start < be {
					if i0 < 0 {
						i0 = k
					}
					i1 = k + 1
				}
			}
			if i0 < 0 {
				continue
			}
			clash := false
			for k := i0; k < i1; k++ {
				clash = clash || used[k]
			}
			if clash {
				continue
			}
			for k := i0; k < i1; k++ {
				used[k] = true
			}
			spansHere = append(spansHere, nerSpan{i0, i1, typ})
		}
		out = append(out, NERSentence{sent: b.ner.sentenceInto(&nerScratch{}, toks, r.Lower[rng[0]:rng[1]], casing), tags: encodeSpans(len(toks), spansHere)})
	}
	return out
}
