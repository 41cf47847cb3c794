package datasets

import (
	_ "embed"
)

// sampleJSONL is the embedded sample corpus: ten short news articles written
// for newsnlp (not copied from anywhere). Between them they hold direct
// quotes with straight, curly and single marks, a quote over two
// paragraphs, `said that`, `told reporters`, `according to`, pronoun and
// nominal speakers, denials by cue, by content and by negated answer, a
// repeated title, datelines, and web boilerplate (a comment form, share
// buttons, "You may also like" and "Related articles" teasers). It is the
// input of `newsnlp annotate` with no arguments and the golden-test fixture.
//
//go:embed sample/sample.jsonl
var sampleJSONL []byte

// SampleName is the Source name of the embedded sample corpus.
const SampleName = "sample"

// OpenSample returns a Corpus over the embedded sample corpus. opts.Format
// and opts.Fields are ignored: the sample is JSONL with standard names.
func OpenSample(opts Options) *Corpus {
	opts.Format = FormatJSONL
	opts.Fields = FieldMap{}
	return &Corpus{opts: opts, sources: []source{{name: SampleName, format: FormatJSONL, embedded: sampleJSONL, size: int64(len(sampleJSONL))}}, total: int64(len(sampleJSONL))}
}
