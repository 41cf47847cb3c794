package annotate

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/ner"
	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"
)

// NER model names accepted by Config.NER.
const (
	// NERNewsnlp is newsnlp's own averaged perceptron, trained on
	// CoNLL-2003 by `make train-ner` and embedded.
	NERNewsnlp = "newsnlp"
	// NERProse is prose v3's maximum-entropy model, kept for comparison.
	NERProse = "prose"
)

// NERModels lists the entity models a user may choose.
var NERModels = []string{NERNewsnlp, NERProse}

// Config selects models and behaviour. The zero value is not valid: use
// DefaultConfig.
type Config struct {
	// NER is the entity model: "newsnlp" or "prose".
	NER string `json:"ner"`
	// CueModel is a cue model file (from train-cues) to use instead of the
	// embedded one; empty means the embedded one. Cross-validation uses it.
	CueModel string `json:"cue_model,omitempty"`
}

// DefaultConfig returns the configuration annotate uses when nothing is set.
func DefaultConfig() Config {
	return Config{NER: NERNewsnlp}
}

// nerModelBytes is newsnlp's trained entity model. It is produced by
// `make train-ner` from ../shared/data/conll2003/eng.train (CoNLL-2003
// English, with eng.testa for early stopping) and committed, so users never
// need the data.
//
//go:embed model/ner.model
var nerModelBytes []byte

// cueModelBytes is the attribution-cue model, produced by `make
// train-cues` from ../shared/data/polnear/train (PolNeAR's training split)
// and committed. An empty file means the quotes stage uses the cue lexicon
// alone.
//
//go:embed model/cue.model
var cueModelBytes []byte

// StageError is a failure of one stage on one document. The pipeline turns
// it into an errors row naming the stage.
type StageError struct {
	Stage string
	// Panic is set when the stage panicked (a bug in newsnlp or a model)
	// rather than returned an error.
	Panic bool
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// Annotator runs the stages over one document at a time. It holds the
// models, each loaded once by New, and is safe for concurrent use: it keeps
// no per-document state.
type Annotator struct {
	cfg       Config
	segmenter *segment.Segmenter
	tokenizer *tokenize.Tokenizer
	tagger    *tag.Tagger
	extracter *ner.Extracter // prose's model, when Config.NER is prose
	model     *nerModel      // newsnlp's model, when Config.NER is newsnlp
	gaz       *gazetteer
	cues      cueLexicon
	cueModel  *cueModel // nil when none is embedded
	labels    stageLabels
	// collectFilter is set on the copy that makes the attribution
	// filter's training examples: every candidate above collectThreshold
	// is kept, with its features.
	collectFilter    bool
	collectThreshold float32
}

// New loads the models cfg names.
func New(cfg Config) (*Annotator, error) {
	if cfg.NER != NERNewsnlp && cfg.NER != NERProse {
		return nil, fmt.Errorf("unknown NER model %q (want %s)", cfg.NER, strings.Join(NERModels, " or "))
	}
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("load sentence model: %w", err)
	}
	tagger, err := tag.New()
	if err != nil {
		return nil, fmt.Errorf("load POS model: %w", err)
	}
	a := &Annotator{cfg: cfg, segmenter: seg, tokenizer: tokenize.New(), tagger: tagger, labels: newStageLabels()}
	if a.gaz, err = loadGazetteer(a.tokenizer); err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	if a.cues, err = loadCueLexicon(); err != nil {
		return nil, fmt.Errorf("load cue lexicon: %w", err)
	}
	cm := cueModelBytes
	if cfg.CueModel != "" {
		if cm, err = os.ReadFile(cfg.CueModel); err != nil {
			return nil, fmt.Errorf("load cue model: %w", err)
		}
	}
	if len(cm) > 0 {
		if a.cueModel, err = unmarshalCueModel(cm); err != nil {
			return nil, fmt.Errorf("load cue model %s: %w", cmp.Or(cfg.CueModel, "(embedded)"), err)
		}
	}
	switch cfg.NER {
	case NERProse:
		if a.extracter, err = ner.New(); err != nil {
			return nil, fmt.Errorf("load prose NER model: %w", err)
		}
	case NERNewsnlp:
		if a.model, err = unmarshalNERModel(nerModelBytes); err != nil {
			return nil, fmt.Errorf("load NER model: %w", err)
		}
	}
	return a, nil
}

// newUntrained returns an Annotator without an entity model, for building
// training examples before any model exists.
func newUntrained() (*Annotator, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, err
	}
	tagger, err := tag.New()
	if err != nil {
		return nil, err
	}
	a := &Annotator{cfg: Config{NER: NERNewsnlp}, segmenter: seg, tokenizer: tokenize.New(), tagger: tagger}
	a.gaz, err = loadGazetteer(a.tokenizer)
	return a, err
}

// Config returns the configuration the Annotator was built with.
func (a *Annotator) Config() Config { return a.cfg }

// Annotate runs every stage over one article. title is the article's
// metadata title ("" when none); it helps find the title zone. The text is
// kept as given. A panic inside a model is recovered into a *StageError so
// one bad document never stops a batch.
func (a *Annotator) Annotate(ctx context.Context, text, title string) (doc *Document, err error) {
	// Each stage runs under a profiler label (stage=zone, nlp, …), so a CPU
	// profile of a run splits by stage: go tool pprof -tagfocus / -tags.
	// stage also names the stage in a StageError.
	var stage string
	enter := func(i int) {
		stage = StageNames[i]
		a.labels.set(i)
	}
	enter(stageZone)
	defer func() {
		pprof.SetGoroutineLabels(ctx)
		if r := recover(); r != nil {
			doc = nil
			err = &StageError{Stage: stage, Panic: true, Err: fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	zones := FindZones(text, title)
	enter(stageNLP)
	b, err := a.nlp(ctx, text, zones, true)
	if err != nil {
		return nil, err
	}
	enter(stageEntities)
	b.mentions = a.entities(text, &b)
	enter(stageQuotes)
	ats := a.quotesStage(text, zones, &b, b.mentions)
	enter(stageClaims)
	a.claimsStage(text, &b, ats)
	a.labels.set(stageOffsets) // a panic here is still the claims stage's row

	// Convert every byte offset to code points in one forward pass.
	idx := newRuneIndex(text)
	doc = &Document{
		Text:      text,
		Zones:     zones,
		Sentences: b.sentences,
		Tokens:    b.tokens,
		Mentions:  b.mentions,
		Words:     b.words,
	}
	for i := range doc.Zones {
		doc.Zones[i].Start, doc.Zones[i].End = idx.at(doc.Zones[i].Start), idx.at(doc.Zones[i].End)
	}
	// Sentences, tokens and mentions interleave in text order; converting
	// them sentence by sentence keeps the cursor's walks short.
	ti, mi := 0, 0
	for si := range doc.Sentences {
		s := &doc.Sentences[si]
		s.Start = idx.at(s.Start)
		for ; ti < len(doc.Tokens) && doc.Tokens[ti].Sent == si; ti++ {
			t := &doc.Tokens[ti]
			t.Start, t.End = idx.at(t.Start), idx.at(t.End)
		}
		for ; mi < len(doc.Mentions) && doc.Mentions[mi].Sent == si; mi++ {
			m := &doc.Mentions[mi]
			m.Start, m.End = idx.at(m.Start), idx.at(m.End)
		}
		s.End = idx.at(s.End)
	}
	for _, at := range ats {
		doc.Quotes = append(doc.Quotes, a.quoteOf(text, idx, &b, at))
	}
	return doc, nil
}

// quoteOf converts an attribution to its output form, in code points.
func (a *Annotator) quoteOf(text string, idx *runeIndex, r *nlpResult, at attribution) Quote {
	span := func(s, e int) Span {
		return Span{Start: idx.at(s), End: idx.at(e), Text: text[s:e]}
	}
	q := Quote{
		Kind:              at.kind,
		Content:           span(at.content[0], at.content[1]),
		CueLemma:          at.cueLemma,
		CueClass:          at.class,
		SpeakerEntityID:   at.entityID,
		SpeakerCanonical:  at.canon,
		SpeakerLabel:      at.speakerLabel,
		SpeakerResolution: at.resolving,
		Sent:              at.sent,
		Label:             at.label,
		Confidence:        at.confidence,
		Negated:           at.negated,
		Hedged:            at.hedged,
		Conditional:       at.conditional,
		Evidence:          at.evidence,
	}
	if at.cue[1] > at.cue[0] {
		q.Cue = span(at.cue[0], at.cue[1])
	}
	if at.speaker[1] > at.speaker[0] {
		q.Speaker = span(at.speaker[0], at.speaker[1])
	}
	return q
}

// nlpResult holds the nlp stage's output in byte offsets.
type nlpResult struct {
	sentences []Sentence
	tokens    []Token
	sentToks  [][2]int // each sentence's token range
	mentions  []Mention
	words     int
	// lower is each token's text in lower case, computed once for the
	// entity model and the quotes stage.
	lower []string
}

// nerZone reports whether entity mentions are looked for in a zone. A
// repeated title would count every mention twice, and boilerplate belongs
// to other articles.
func nerZone(kind string) bool {
	return kind == ZoneTitle || kind == ZoneDateline || kind == ZoneBody
}

// nlp segments each zone into sentences, never across a blank line or a
// zone boundary, then tokenizes and tags sentence by sentence, and finds
// entity mentions in the sentences of title, dateline and body. Offsets are
// bytes.
func (a *Annotator) nlp(ctx context.Context, text string, zones []Zone, findMentions bool) (nlpResult, error) {
	var r nlpResult
	// News English runs at about 5.4 bytes a token (BBC: 5.1 MB, 960k
	// tokens); room for that many saves regrowing the slice, which was most
	// of this stage's allocation.
	r.tokens = make([]Token, 0, len(text)/5+16)
	for _, z := range zones {
		for _, blk := range blocks(text, z.Start, z.End) {
			// A paragraph is at most milliseconds of work: checking here
			// lets Ctrl-C stop a huge document promptly.
			if err := ctx.Err(); err != nil {
				return r, err
			}
			for _, s := range mergeTitleSplits(text[blk.start:blk.end], a.segmenter.Segment(text[blk.start:blk.end])) {
				if s.Text == "" {
					continue
				}
				base := blk.start + s.Start
				si := len(r.sentences)
				r.sentences = append(r.sentences, Sentence{Start: base, End: base + len(s.Text), Zone: z.Kind})
				toks := fixDoubleApostrophes(s.Text, a.tokenizer.Tokenize(s.Text))
				a.tagger.TagTokens(toks)
				tagPossessiveApostrophes(s.Text, toks)
				first := len(r.tokens)
				for _, t := range toks {
					r.tokens = append(r.tokens, Token{Start: base + t.Start, End: base + t.End(), Text: t.Text, POS: t.Tag, Sent: si})
					if IsWord(t.Text) {
						r.words++
					}
				}
				r.sentToks = append(r.sentToks, [2]int{first, len(r.tokens)})
				if findMentions && a.extracter != nil && nerZone(z.Kind) && len(toks) > 0 {
					r.mentions = a.proseMentions(r.mentions, s.Text, base, si, toks, r.tokens[first:], first)
				}
			}
		}
	}
	r.lower = lowerTokens(r.tokens)
	if findMentions && a.model != nil {
		// newsnlp's model reads document-wide casing, so it runs once
		// every sentence is tokenized.
		a.labels.set(stageNER)
		casing := newDocCasing(r.tokens, r.lower, r.sentToks)
		sc := &nerScratch{}
		for si, rng := range r.sentToks {
			if nerZone(r.sentences[si].Zone) && rng[0] < rng[1] {
				r.mentions = a.modelMentions(r.mentions, r.tokens[rng[0]:rng[1]], r.lower[rng[0]:rng[1]], rng[0], si, casing, sc)
			}
		}
		a.labels.set(stageNLP)
	}
	return r, nil
}

// titleAbbrevs are the titles that stand before a name: a sentence never
// ends on one.
var titleAbbrevs = map[string]bool{"Mr.": true, "Mrs.": true, "Ms.": true, "Messrs.": true, "Dr.": true, "Prof.": true,
	"Sen.": true, "Sens.": true, "Rep.": true, "Reps.": true, "Gov.": true, "Gen.": true, "Lt.": true, "Col.": true,
	"Capt.": true, "Sgt.": true, "Adm.": true, "Cmdr.": true, "Rev.": true, "Gov.-elect": true, "Atty.": true, "Supt.": true}

// mergeTitleSplits joins a sentence ending on a title (Ms.) to the next
// one on the same line: prose's segmenter can split a quotation's "Ms.
// White said." after "Ms." when the name that follows is also a word.
func mergeTitleSplits(text string, sents []segment.Sentence) []segment.Sentence {
	for i := 0; i+1 < len(sents); i++ {
		cur, next := sents[i], sents[i+1]
		last := cur.Text[strings.LastIndexAny(cur.Text, " \t\n ")+1:]
		last = strings.TrimLeft(last, "“\"'‘(")
		end := cur.Start + len(cur.Text)
		if !titleAbbrevs[last] || next.Start < end || strings.ContainsAny(text[end:next.Start], "\n") {
			continue
		}
		sents[i] = segment.Sentence{Text: text[cur.Start : next.Start+len(next.Text)], Start: cur.Start}
		sents = append(sents[:i+1], sents[i+2:]...)
		i--
	}
	return sents
}

// tagPossessiveApostrophes tags as a possessive (POS) an apostrophe that
// closes a plural or name ending in s (Sanders’ campaign, the voters'
// choice): prose tags it as a noun or a quotation mark, which splits the
// noun phrase it belongs to.
func tagPossessiveApostrophes(text string, toks []token.Token) {
	if !strings.ContainsAny(text, "'’") {
		return
	}
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if t.Text != "’" && t.Text != "'" {
			continue
		}
		prev := toks[i-1]
		if prev.End() != t.Start || !strings.HasSuffix(prev.Text, "s") && !strings.HasSuffix(prev.Text, "S") {
			continue
		}
		if e := t.End(); e < len(text) && text[e] == ' ' && i+1 < len(toks) && IsWord(toks[i+1].Text) {
			t.Tag = "POS"
		}
	}
}

// fixDoubleApostrophes makes each quotation mark written as two
// apostrophes (the New York Times' style) one token of its own. prose glues
// an opening one to the word after it and splits a closing one in two
// apostrophes, the second tagged as a possessive, which hides the mark
// from the quotes stage and pulls it into the speaker's name.
func fixDoubleApostrophes(text string, toks []token.Token) []token.Token {
	if !strings.Contains(text, "''") {
		return toks
	}
	out := make([]token.Token, 0, len(toks)+4)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.Text == "'" && i+1 < len(toks) && toks[i+1].Text == "'" && toks[i+1].Start == t.End():
			out = append(out, token.Token{Text: "''", Start: t.Start})
			i++
		case len(t.Text) > 2 && strings.HasPrefix(t.Text, "''") && t.Text[2] != '\'':
			out = append(out, token.Token{Text: "''", Start: t.Start}, token.Token{Text: t.Text[2:], Start: t.Start + 2})
		case len(t.Text) > 2 && strings.HasSuffix(t.Text, "''") && t.Text[len(t.Text)-3] != '\'':
			n := len(t.Text) - 2
			out = append(out, token.Token{Text: t.Text[:n], Start: t.Start}, token.Token{Text: "''", Start: t.Start + n})
		default:
			out = append(out, t)
		}
	}
	return out
}

// nerSentenceOf builds the model's view of a sentence's tokens.
func (a *Annotator) nerSentenceOf(toks []Token, low []string, casing docCasing) nerSentence {
	return a.nerSentenceInto(&nerScratch{}, toks, low, casing)
}

// nerSentenceInto builds the model's view of a sentence's tokens in sc's
// buffers, which the next sentence reuses.
func (a *Annotator) nerSentenceInto(sc *nerScratch, toks []Token, low []string, casing docCasing) nerSentence {
	sc.words = sc.words[:0]
	for _, t := range toks {
		sc.words = append(sc.words, t.Text)
	}
	sc.gaz = a.gaz.featuresInto(sc.gaz, sc.words)
	sc.toks = slices.Grow(sc.toks[:0], len(toks))[:len(toks)]
	s := nerSentence{toks: sc.toks, caps: allCaps(toks)}
	for i, t := range toks {
		s.toks[i] = newNERToken(t.Text, low[i], t.POS, sc.gaz[i])
		s.toks[i].doc = casing.feature(s.toks[i].lower)
	}
	return s
}

// modelMentions appends newsnlp's model's mentions for one sentence; toks
// are the sentence's tokens, the first at index first of the document.
func (a *Annotator) modelMentions(dst []Mention, toks []Token, low []string, first, si int, casing docCasing, sc *nerScratch) []Mention {
	s := a.nerSentenceInto(sc, toks, low, casing)
	for _, sp := range decodeSpans(a.model.predict(&s, sc)) {
		dst = append(dst, Mention{
			Start:  toks[sp.start].Start,
			End:    toks[sp.end-1].End,
			Label:  nerTypes[sp.typ],
			Sent:   si,
			Origin: "model",
			tok0:   first + sp.start,
			tok1:   first + sp.end,
		})
	}
	return dst
}

// proseMentions appends prose's entities for one sentence; ours are the
// sentence's tokens, the first at index first of the document.
func (a *Annotator) proseMentions(dst []Mention, sent string, base, si int, toks []token.Token, ours []Token, first int) []Mention {
	a.extracter.Label(toks)
	for _, e := range a.extracter.Chunk(sent, toks) {
		m := Mention{Start: base + e.Start, End: base + e.End(), Label: proseLabel(e.Label), Sent: si, Origin: "model", tok0: -1}
		for k, t := range ours {
			if t.Start == m.Start {
				m.tok0 = first + k
			}
			if t.End == m.End && m.tok0 >= 0 {
				m.tok1 = first + k + 1
				break
			}
		}
		if m.tok1 <= m.tok0 {
			m.tok0 = -1
		}
		dst = append(dst, m)
	}
	return dst
}

// proseLabel maps prose's entity labels onto newsnlp's (OntoNotes names).
func proseLabel(l string) string {
	switch l {
	case "ORGANIZATION":
		return "ORG"
	case "LOCATION":
		return "LOC"
	case "GSP":
		return "GPE"
	}
	return l
}

// block is a byte range of text that sentence segmentation may not cross.
type block struct{ start, end int }

// blocks splits a zone into the runs of lines a sentence may span. A blank
// line always ends a block; a single line break ends one too, unless the
// next line reads as the continuation of a hard-wrapped sentence (it starts
// in lower case and the line before does not end a sentence). That keeps a
// headline and the paragraph under it, or two list items, apart.
func blocks(text string, start, end int) []block {
	var out []block
	cur := block{-1, -1}
	prevEnd := byte(0) // last non-space byte of the previous line
	pos := start
	for pos < end {
		nl := strings.IndexByte(text[pos:end], '\n')
		lineEnd := end
		if nl >= 0 {
			lineEnd = pos + nl
		}
		ls, le := trimSpan(text, pos, lineEnd)
		if ls == le {
			if cur.start >= 0 {
				out = append(out, cur)
				cur = block{-1, -1}
			}
		} else {
			if cur.start >= 0 && !continuesLine(prevEnd, text[ls:le]) {
				out = append(out, cur)
				cur = block{-1, -1}
			}
			if cur.start < 0 {
				cur.start = ls
			}
			cur.end = le
			prevEnd = text[le-1]
		}
		pos = lineEnd + 1
	}
	if cur.start >= 0 {
		out = append(out, cur)
	}
	return out
}

// continuesLine reports whether a line continues the sentence of the line
// before it, whose last byte is prev.
func continuesLine(prev byte, line string) bool {
	switch prev {
	case '.', '!', '?', ':', ';', '"':
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// trimSpan narrows [start, end) of text to exclude leading and trailing
// white space.
func trimSpan(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

// IsWord reports whether a token counts as a word: it holds a letter or a
// digit. Word counts in the output and in throughput figures use it.
func IsWord(token string) bool {
	for _, r := range token {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
