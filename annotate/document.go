package annotate

// Zone kinds, in the order they usually appear in a scraped article.
const (
	ZoneTitle       = "title"
	ZoneTitleRepeat = "title_repeat"
	ZoneDateline    = "dateline"
	ZoneBody        = "body"
	ZoneBoilerplate = "boilerplate"
)

// Zone is a region of the text with one role: the title, the body, a block
// of web boilerplate. Zones never overlap and are in text order.
type Zone struct {
	Kind  string
	Start int
	End   int
}

// Sentence is one sentence. Sentences never cross a blank line or a zone
// boundary.
type Sentence struct {
	Start int
	End   int
	Zone  string
}

// Token is one word or punctuation mark with its part-of-speech tag (Penn
// Treebank tags, as prose assigns them).
type Token struct {
	Start int
	End   int
	Text  string
	POS   string
	Sent  int
}

// Mention is one named-entity mention.
type Mention struct {
	Start     int
	End       int
	Text      string
	Label     string
	Sent      int
	EntityID  string
	Canonical string
	// Origin says what produced the mention: model, rule, gazetteer or coref.
	Origin string

	// tok0 and tok1 are the mention's token range in the document (tok0 -1
	// when unknown), used by the entities stage.
	tok0, tok1 int
}

// Span is a code point range of the text; a zero Span (0, 0) with empty Text
// means absent.
type Span struct {
	Start int
	End   int
	Text  string
}

// Quote is one attribution: what was said (Content), the words that report
// it (Cue), who said it (Speaker) and its claim or denial label.
type Quote struct {
	Kind              string // direct, indirect, mixed
	Content           Span
	Cue               Span
	CueLemma          string
	CueClass          string
	Speaker           Span
	SpeakerEntityID   string
	SpeakerCanonical  string
	SpeakerLabel      string
	SpeakerResolution string // name, pronoun, nominal, unresolved
	Sent              int
	Label             string // claim, denial
	Confidence        float64
	Negated           bool
	Hedged            bool
	Conditional       bool
	Evidence          []string // the words that decided Label
}

// Document is one annotated article. Text is the article text exactly as
// read; every offset in the other fields indexes it in code points.
type Document struct {
	Text      string
	Zones     []Zone
	Sentences []Sentence
	Tokens    []Token
	Mentions  []Mention
	Quotes    []Quote
	// Words counts the tokens that are words (IsWord): the unit of every
	// throughput figure.
	Words int
}

// Unannotated is the Document of an article that is written without
// annotations (not English, or a duplicate): its text only.
func Unannotated(text string) *Document {
	return &Document{Text: text}
}
