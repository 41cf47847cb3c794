package output

import "time"

// SchemaVersion is written to every file's footer and to the manifest. It
// changes whenever a column is added, removed or changes meaning.
const SchemaVersion = "1"

// The row types below are the output contract. Each field's `doc` tag is
// its documentation, printed by `newsnlp schema` and copied into the README.
// Offsets are Unicode code points into documents.text, 0-based, end
// exclusive.

// DocumentRow is one article.
type DocumentRow struct {
	DocID       string     `parquet:"doc_id" doc:"the input's own id; else, for a .txt file or web page in a folder, its path in the folder; else a stable hash of the file's path relative to the input argument's folder and the record number, the same however the path is typed"`
	Source      string     `parquet:"source,dict" doc:"input file as given on the command line (- for stdin, sample for the embedded corpus)"`
	Record      int64      `parquet:"record" doc:"1-based position of the record in its source"`
	Line        int64      `parquet:"line" doc:"1-based line the record starts on (0 when not line-based)"`
	URL         *string    `parquet:"url,optional" doc:"article URL, null when the input has none"`
	Title       *string    `parquet:"title,optional" doc:"title from the input's title field or first line, null when none"`
	Author      *string    `parquet:"author,optional" doc:"byline: the input's author, authors or byline field (a list joined with \"; \"), or a web page's author metadata; null when none"`
	Published   *time.Time `parquet:"published,optional,timestamp(microsecond)" doc:"publication time, UTC; null when absent or unparseable"`
	Lang        *string    `parquet:"lang,optional,dict" doc:"language: the input's lang field as given, else detected (ISO 639-1, e.g. en, de); null when it cannot be told. Only English (or undetermined) articles are annotated"`
	Text        string     `parquet:"text" doc:"article text exactly as read; every offset in every table indexes it"`
	Zones       []ZoneRow  `parquet:"zones,list" doc:"regions of the text: title, title_repeat, dateline, body, boilerplate"`
	DuplicateOf *string    `parquet:"duplicate_of,optional" doc:"with --dedupe, the doc_id of the first article with byte-identical text; this one is not annotated (null: none, or no --dedupe)"`
	NChars      int32      `parquet:"n_chars" doc:"length of text in code points"`
	NTokens     int32      `parquet:"n_tokens" doc:"rows in tokens for this article"`
	NWords      int32      `parquet:"n_words" doc:"tokens that hold a letter or digit"`
	NSentences  int32      `parquet:"n_sentences" doc:"rows in sentences for this article"`
	NEntities   int32      `parquet:"n_entities" doc:"rows in entities for this article"`
	NQuotes     int32      `parquet:"n_quotes" doc:"rows in quotes for this article"`
	NClaims     int32      `parquet:"n_claims" doc:"quotes labelled claim"`
	NDenials    int32      `parquet:"n_denials" doc:"quotes labelled denial"`
	Warnings    []string   `parquet:"warnings,list" doc:"what was repaired or went wrong: latin1_decoded, invalid_utf8, encoding_replaced (a web page's declared encoding could not be converted), unparseable_date, annotate_failed (a stage failed: the text only, beside an errors row)"`
	Meta        *string    `parquet:"meta,optional" doc:"the record's other input fields as a JSON object, null when none: JSON and Parquet values keep their types (numbers, booleans, lists; nested Parquet columns as objects), CSV fields are strings"`
}

// ZoneRow is one element of documents.zones.
type ZoneRow struct {
	Kind  string `parquet:"kind" doc:"title, title_repeat, dateline, body or boilerplate"`
	Start int32  `parquet:"start" doc:"first code point"`
	End   int32  `parquet:"end" doc:"code point after the last"`
}

// SpanRow is one element of quotes.content_parts.
type SpanRow struct {
	Start int32 `parquet:"start" doc:"first code point"`
	End   int32 `parquet:"end" doc:"code point after the last"`
}

// SentenceRow is one sentence.
type SentenceRow struct {
	DocID   string `parquet:"doc_id" doc:"article"`
	SentIdx int32  `parquet:"sent_idx,delta" doc:"0-based sentence number in the article"`
	Start   int32  `parquet:"start,delta" doc:"first code point"`
	End     int32  `parquet:"end,delta" doc:"code point after the last"`
	Zone    string `parquet:"zone,dict" doc:"zone the sentence lies in"`
	NTokens int32  `parquet:"n_tokens" doc:"tokens in the sentence"`
}

// TokenRow is one token.
type TokenRow struct {
	DocID   string `parquet:"doc_id" doc:"article"`
	TokIdx  int32  `parquet:"tok_idx,delta" doc:"0-based token number in the article"`
	SentIdx int32  `parquet:"sent_idx,delta" doc:"sentence the token belongs to"`
	Start   int32  `parquet:"start,delta" doc:"first code point"`
	End     int32  `parquet:"end,delta" doc:"code point after the last"`
	Text    string `parquet:"text,dict" doc:"the token as written"`
	POS     string `parquet:"pos,dict" doc:"Penn Treebank part-of-speech tag"`
	Lemma   string `parquet:"lemma,dict" doc:"the word's lemma (said → say, children → child)"`
	UPOS    string `parquet:"upos,dict" doc:"Universal Dependencies part-of-speech tag"`
	Head    *int32 `parquet:"head,optional" doc:"tok_idx of the token this one depends on in the dependency parse; null for the sentence's head"`
	Dep     string `parquet:"dep,dict" doc:"Universal Dependencies relation to the head (nsubj, obj, ccomp, …; root for the sentence's head)"`
}

// EntityRow is one entity mention.
type EntityRow struct {
	DocID      string  `parquet:"doc_id" doc:"article"`
	MentionIdx int32   `parquet:"mention_idx,delta" doc:"0-based mention number in the article"`
	Start      int32   `parquet:"start,delta" doc:"first code point"`
	End        int32   `parquet:"end,delta" doc:"code point after the last"`
	Text       string  `parquet:"text" doc:"the mention as written"`
	Label      string  `parquet:"label,dict" doc:"PERSON, ORG, GPE (a country, city or state the gazetteer knows), LOC (another place), NORP (a nationality or group the gazetteer knows, such as British or Kurds) or MISC (another name: events, works, products)"`
	EntityID   string  `parquet:"entity_id,dict" doc:"the entity the mention refers to, unique within the article"`
	Canonical  string  `parquet:"canonical,dict" doc:"the entity's canonical name"`
	EntityKey  string  `parquet:"entity_key,dict" doc:"the entity's key across articles and shards: the canonical name with case, accents, dots and a possessive folded, a person's titles dropped (Chancellor Gordon Brown: gordon brown) and party variants joined (Tory, Tories, Conservatives: conservative party); group and count by it"`
	Title      *string `parquet:"title,optional,dict" doc:"the title or role written just before a person's name (Chancellor, Foreign Minister, former President; not Mr or Ms), which the canonical name leaves out; null when there is none or the entity is not a person"`
	SentIdx    int32   `parquet:"sent_idx,delta" doc:"sentence of the mention"`
	Origin     string  `parquet:"origin,dict" doc:"what found it: model (the entity models), rule (a repair or relabelling rule: a split name joined, a title's person, a headline's name the article names elsewhere) or gazetteer (a name the model missed that the gazetteer lists)"`
}

// QuoteRow is one attribution with its claim or denial label.
type QuoteRow struct {
	DocID             string    `parquet:"doc_id" doc:"article"`
	QuoteIdx          int32     `parquet:"quote_idx" doc:"0-based attribution number in the article"`
	Kind              string    `parquet:"kind,dict" doc:"direct (a quotation, or one split by its cue), indirect (reported speech), mixed (reported speech with a quoted part) or author (a denial in the outlet's own voice, in a headline: No, X is not dead; the report is false; no speaker)"`
	ContentStart      int32     `parquet:"content_start" doc:"first code point of what was said"`
	ContentEnd        int32     `parquet:"content_end" doc:"code point after what was said"`
	Content           string    `parquet:"content" doc:"what was said"`
	ContentParts      []SpanRow `parquet:"content_parts,list" doc:"the stretches of the content that were said, in text order: one, [content_start, content_end), unless the cue or speaker stands inside the content (“A,” X said. “B.”: two parts, the quotations without said X; *Clinton was expected to win*, *Carson appears to be slipping*: the subject of a raising cue is no speaker but the first part, *Clinton* + *to win*)"`
	CueStart          *int32    `parquet:"cue_start,optional" doc:"first code point of the reporting words, null when none"`
	CueEnd            *int32    `parquet:"cue_end,optional" doc:"code point after the reporting words"`
	Cue               *string   `parquet:"cue,optional" doc:"the reporting words as written (said, told reporters, according to); in an author row, the falsity or negation words (is false, Does Not, No)"`
	CueLemma          *string   `parquet:"cue_lemma,optional,dict" doc:"the cue verb's lemma (say, deny)"`
	CueClass          *string   `parquet:"cue_class,optional,dict" doc:"assert, deny, accuse, admit, promise, warn or ask"`
	ReportType        string    `parquet:"report_type,dict" doc:"what the attribution reports of its source: speech (said, told, denied, according to, a poll shows), belief (thinks, expects, fears), perception (sees, knows, learned) or attitude (wants, supports, hopes, and acts: introduced, decided, and a reporting verb with only a noun phrase after it: added a trophy, wrote a song, released an album, was named player of the year); PolNeAR annotates all four, a count of statements wants speech"`
	Rule              string    `parquet:"rule,dict" doc:"the rule that placed the attribution: a sentence pattern (subject-cue: X said that …; quote-subject: “…,” X said; according-to; participle: …, saying …) or a pass over the document (floating-quote, transcript-turn). All of them: nominal, according-to, opening-gerund, participle, passive-agent, passive, colon-next, as-clause, as-reported-by, quote-before, same-speaker, coordinated, subject-cue, quote-next, quote-subject, quote-cue, clause-subject, asked-question, quote-then-verb, colon-quote, hearsay, poll, signed-quote, transcript-turn, floating-quote; in headlines (title zones and one-line inputs): headline-denial (X Denies …), headline-source (X: … are false; …, X says), and for author rows outlet-falsity, outlet-label (Fake: …), outlet-no (No, …; … ? Of course not), outlet-support (no evidence that …), outlet-negation (X did not …; … despite rumours), outlet-negated-cue (X never said …)"`
	Score             *float32  `parquet:"score,optional" doc:"the probability that the attribution is right (its content covers at least 0.3 of what an annotator marks as said), calibrated by cross-validation on PolNeAR train: of those at 0.8 or more, 92% were right in cross-validation and 93% on PolNeAR dev; the stage keeps attributions from about 0.5 up; null when the cue model has no calibration"`
	SpeakerStart      *int32    `parquet:"speaker_start,optional" doc:"first code point of the speaker mention, null when none"`
	SpeakerEnd        *int32    `parquet:"speaker_end,optional" doc:"code point after the speaker mention"`
	Speaker           *string   `parquet:"speaker,optional" doc:"the speaker mention as written (Lavrov, He, the minister)"`
	SpeakerEntityID   *string   `parquet:"speaker_entity_id,optional" doc:"entities.entity_id the speaker resolves to"`
	SpeakerCanonical  *string   `parquet:"speaker_canonical,optional" doc:"canonical name of that entity"`
	SpeakerKey        *string   `parquet:"speaker_key,optional,dict" doc:"that entity's entity_key: the same speaker has the same key in every article (group by it to count a speaker's statements)"`
	SpeakerLabel      *string   `parquet:"speaker_label,optional,dict" doc:"that entity's label"`
	SpeakerResolution string    `parquet:"speaker_resolution,dict" doc:"name, pronoun, nominal, unresolved, or author (an author row: the outlet)"`
	SentIdx           int32     `parquet:"sent_idx" doc:"sentence the cue is in"`
	Label             string    `parquet:"label,dict" doc:"claim or denial"`
	Confidence        float32   `parquet:"confidence" doc:"how likely the label is right, in [0, 1], by the rule that decided it; labels at 0.8 or more are right at least 90% of the time on the project's labelled set"`
	Negated           bool      `parquet:"negated" doc:"the content is negated"`
	Hedged            bool      `parquet:"hedged" doc:"the attribution is hedged (allegedly, reportedly, may)"`
	Conditional       bool      `parquet:"conditional" doc:"the content is conditional (if … then)"`
	Evidence          []string  `parquet:"evidence,list" doc:"what decided the label, as kind:words: cue:deny, falsity:untrue, no-support:no evidence, negation:not, answers:allegations, refusal:bail, negated-cue:not"`
}

// ErrorRow is one input record, or source, that could not be annotated.
type ErrorRow struct {
	Source  string  `parquet:"source,dict" doc:"input file as given"`
	Record  int64   `parquet:"record" doc:"1-based record number in the source (0: the whole source)"`
	Line    int64   `parquet:"line" doc:"1-based line where the record starts (0 when unknown)"`
	DocID   *string `parquet:"doc_id,optional" doc:"the record's id when it could be read, else its fallback id"`
	Stage   string  `parquet:"stage,dict" doc:"where it failed: read (the input), or the annotation stage: zone, nlp, ner, entities, quotes, claims, headlines, offsets, or annotate (the article as a whole, as for a timeout)"`
	Kind    string  `parquet:"kind,dict" doc:"reading: json, csv, field_count (a CSV row with too many or too few fields), no_text, too_large, binary, corrupt, unreadable, read, html (a page that could not be parsed), warc (a WARC record that could not be read); annotating: panic (a stage crashed on the article), timeout (past --doc-timeout), annotate (another stage failure)"`
	Error   string  `parquet:"error" doc:"what went wrong, naming the field"`
	Excerpt string  `parquet:"excerpt" doc:"the start of the offending input"`
}
