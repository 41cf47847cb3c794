// Package doc holds the one Document every language stage reads and adds
// to: its zones, sentences, tokens, entity mentions and quotes, and the
// names of the labels those carry. It is a leaf: it imports nothing of
// newsnlp's, so the stages (annotate and its subpackages) and the writer
// (output) share it without importing each other.
//
// The offset invariant: in a Document handed out by annotate, every Start
// and End is a Unicode code point offset into Document.Text, 0-based and
// end exclusive, so that text[start:end] in Python and substring(text,
// start + 1, end - start) in DuckDB return the span. While the stages run
// the offsets are bytes, which Go slices directly; the last stage (offsets)
// converts them all in one forward pass. Text itself is never rewritten:
// cleaning is expressed as zones.
package doc

import "unicode"

// Zone kinds, in the order they usually appear in a scraped article.
const (
	ZoneTitle       = "title"
	ZoneTitleRepeat = "title_repeat"
	ZoneDateline    = "dateline"
	ZoneBody        = "body"
	ZoneBoilerplate = "boilerplate"
)

// Quote kinds.
const (
	KindDirect   = "direct"
	KindIndirect = "indirect"
	KindMixed    = "mixed"
	// KindAuthor is a denial in the outlet's own voice ("No, X is not
	// dead"): no speaker, the falsity or negation words as its cue.
	KindAuthor = "author"
)

// Report types: what an attribution reports of its source. PolNeAR
// annotates all four; statements are speech.
const (
	ReportSpeech     = "speech"     // said, told, denied, wrote, according to, a poll shows
	ReportBelief     = "belief"     // thinks, believes, expects, fears, seems to
	ReportPerception = "perception" // sees, knows, learned, remembers
	ReportAttitude   = "attitude"   // wants, supports, hopes, decided; acts: introduced
)

// Claim labels.
const (
	LabelClaim  = "claim"
	LabelDenial = "denial"
)

// Speaker resolutions: how a quote's speaker mention was tied to an entity.
const (
	ResolvedName       = "name"
	ResolvedPronoun    = "pronoun"
	ResolvedNominal    = "nominal"
	ResolvedUnresolved = "unresolved"
	// ResolvedAuthor is the speaker of a KindAuthor row: the outlet.
	ResolvedAuthor = "author"
)

// Mention origins: what produced an entity mention.
const (
	OriginModel     = "model"
	OriginRule      = "rule"
	OriginGazetteer = "gazetteer"
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
	// TokStart and TokEnd are the sentence's range in Document.Tokens.
	TokStart, TokEnd int
}

// Token is one word or punctuation mark with its part-of-speech tags (POS
// a Penn Treebank tag, UPOS a universal one), its lemma and its place in
// the sentence's dependency tree: Head is the index in Document.Tokens of
// the word it depends on, -1 for the sentence's head, and Dep the
// Universal Dependencies relation (root for the sentence's head).
type Token struct {
	Start int
	End   int
	Text  string
	POS   string
	Sent  int
	UPOS  string
	Lemma string
	Head  int
	Dep   string
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
	// Key is the entity's key across articles (english.EntityKey of the
	// canonical name and label).
	Key string
	// Title is the title or role written just before a person's name
	// (Chancellor, Foreign Minister, former President); empty for none
	// and for mentions that are not people.
	Title string
	// Origin says what produced the mention: model, rule or gazetteer
	// (the Origin constants).
	Origin string
	// Confidence is the entity model's margin for the mention's type at
	// its first token (how far it scored above any other type); 0 for a
	// mention no model made.
	Confidence float32
	// TokStart and TokEnd are the mention's range in Document.Tokens;
	// TokStart is -1 when the mention does not fall on token boundaries.
	TokStart, TokEnd int
}

// Span is a range of the text; a zero Span (0, 0) with empty Text means
// absent.
type Span struct {
	Start int
	End   int
	Text  string
}

// Quote is one attribution: what was said (Content), the words that report
// it (Cue), who said it (Speaker) and its claim or denial label. The quotes
// stage fills everything up to Rule; the claims stage the label and what
// follows it.
type Quote struct {
	Kind    string // KindDirect, KindIndirect, KindMixed
	Content Span
	// Parts are the stretches of Content that were said, when its cue or
	// speaker stands between them (“A,” X said. “B.”): [start, end) each,
	// in text order. Nil when Content is one stretch.
	Parts    [][2]int
	Cue      Span
	CueLemma string
	CueClass string
	// ReportType is speech, belief, perception or attitude (the Report
	// constants).
	ReportType        string
	Speaker           Span
	SpeakerEntityID   string
	SpeakerCanonical  string
	SpeakerKey        string // the speaker entity's Key
	SpeakerLabel      string
	SpeakerResolution string // the Resolved constants
	Sent              int
	// Rule names the sentence pattern or model that placed the
	// attribution (the quotes package's rule names).
	Rule string

	// Score is the probability that the attribution is right (its
	// content covers at least 0.3 of one a person would mark), calibrated
	// on articles the models never saw; nil when the cue model has no
	// calibration.
	Score *float32

	Label       string // LabelClaim, LabelDenial
	Confidence  float64
	Negated     bool
	Hedged      bool
	Conditional bool
	Evidence    []string // the words that decided Label
}

// Document is one article and everything the stages found in it. Text is
// the article text exactly as read; see the package comment for offsets.
type Document struct {
	Text string
	// Title is the article's metadata title ("" when none): an input that
	// helps the zone stage find the title in the text.
	Title     string
	Zones     []Zone
	Sentences []Sentence
	Tokens    []Token
	Mentions  []Mention
	Quotes    []Quote
	// Words counts the tokens that are words (IsWord): the unit of every
	// throughput figure.
	Words int
	// Lower is each token's text in lower case, made once by the nlp stage
	// for the stages after it. It is not written out.
	Lower []string
}

// Unannotated is the Document of an article that is written without
// annotations (not English, or a duplicate): its text only.
func Unannotated(text string) *Document {
	return &Document{Text: text}
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

// Tokens returns the sentence's range in Document.Tokens as a pair.
func (s Sentence) Tokens() [2]int { return [2]int{s.TokStart, s.TokEnd} }

// ByteOffsets maps each code point offset of text (and its end) to a byte
// offset: the inverse of the offset invariant, for projecting gold spans
// onto tokens while the offsets are still bytes.
func ByteOffsets(text string) []int {
	at := make([]int, 0, len(text)+1)
	for i := range text {
		at = append(at, i)
	}
	return append(at, len(text))
}
