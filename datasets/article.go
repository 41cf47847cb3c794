package datasets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"
)

// Article is one input record.
type Article struct {
	// ID is the input's own id, or when the input has none a stable hash of
	// the source's path relative to the input argument's folder and Record,
	// so reruns give the same ids however the path is typed.
	ID    string
	Title string
	// Text is the article text as read, with invalid UTF-8 replaced by
	// U+FFFD (and a warning recorded).
	Text      string
	URL       string
	Lang      string
	Published *time.Time // nil when absent or unparseable
	// Source names where the record came from: the file path as given, "-"
	// for standard input, "sample" for the embedded corpus.
	Source string
	// Record is the 1-based position of the record in its source.
	Record int64
	// Line is the 1-based line the record starts on (0 when not line-based).
	Line int64
	// Author is the byline: the input's author field (a list joined with
	// "; ") or a web page's author metadata; "" when none.
	Author string
	// Meta holds the record's other fields as a JSON object ("" when none),
	// so nothing in the input is lost. Values keep their JSON types when
	// the input has types (JSON, Parquet); CSV fields are strings.
	Meta string
	// Warnings lists what was repaired in the record, one kind per entry:
	// WarnDate, WarnUTF8, WarnLatin1.
	Warnings []string

	// key is what a generated ID is made from (the source's stable key).
	key string
}

// idKey is what a generated ID is made from: the source's path relative to
// the input argument's folder, so that it does not change with how the
// path was typed.
func (a *Article) idKey() string {
	if a.key != "" {
		return a.key
	}
	return a.Source
}

// Warning kinds carried in Article.Warnings and counted in the manifest.
const (
	WarnDate = "unparseable_date"
	WarnUTF8 = "invalid_utf8"
	// WarnLatin1 marks a record whose bytes were not UTF-8 and held no
	// UTF-8 sequence at all: it was decoded as Windows-1252 (the superset
	// of ISO-8859-1 that browsers use for "latin1"), losing nothing.
	WarnLatin1 = "latin1_decoded"
	// WarnEncoding marks a web page whose declared encoding could not be
	// converted as it streamed: it was decoded whole instead, or its bytes
	// that were not UTF-8 became U+FFFD.
	WarnEncoding = "encoding_replaced"
)

// ErrNoText is wrapped by record errors for a record whose text field is
// missing or empty.
var ErrNoText = errors.New("missing or empty text")

// ErrTooLarge is wrapped by record errors for a record over MaxDocBytes.
var ErrTooLarge = errors.New("article too large")

// ErrBinary is wrapped by the record error for a file that is not text.
var ErrBinary = errors.New("binary file")

// RecordError is a record, or the rest of a source, that could not be read.
// The reader that returned it can go on.
type RecordError struct {
	Source string
	Record int64 // 1-based; 0 when the whole source failed before any record
	Line   int64 // 1-based; 0 when unknown
	Field  string
	// ID is the record's id when it could be read, else the fallback id.
	ID      string
	Excerpt string // the start of the offending input
	Kind    string // short machine-readable kind, e.g. "json", "field_count"
	Err     error
}

func (e *RecordError) Error() string {
	loc := e.Source
	if e.Line > 0 {
		loc += ":" + strconv.FormatInt(e.Line, 10)
	} else if e.Record > 0 {
		loc += " record " + strconv.FormatInt(e.Record, 10)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: field %q: %v", loc, e.Field, e.Err)
	}
	return fmt.Sprintf("%s: %v", loc, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// fallbackID is the stable id of a record that has none of its own.
func fallbackID(source string, record int64) string {
	h := sha256.Sum256([]byte(source + "\x00" + strconv.FormatInt(record, 10)))
	return hex.EncodeToString(h[:8])
}

// excerpt returns at most n bytes of s, cut at a rune boundary and made
// valid UTF-8, for error rows.
func excerpt(s string, n int) string {
	if len(s) > n {
		cut := n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return toValidUTF8(s)
}

// decodeLegacy decodes s as Windows-1252 when it is not valid UTF-8 and
// holds no valid multi-byte UTF-8 sequence: such text is almost surely a
// single-byte legacy encoding, and every byte of it has a meaning there. Text
// that mixes valid UTF-8 with stray bytes is left to toValidUTF8 (the
// stray bytes become U+FFFD), as guessing would garble the valid part.
func decodeLegacy(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if n > 1 && r != utf8.RuneError {
			return s, false
		}
		i += n
	}
	b := make([]byte, 0, len(s)+len(s)/8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80:
			b = append(b, c)
		case c < 0xa0:
			b = utf8.AppendRune(b, cp1252[c-0x80])
		default:
			b = utf8.AppendRune(b, rune(c)) // ISO-8859-1 is the first 256 code points
		}
	}
	return string(b), true
}

// cp1252 maps bytes 0x80–0x9f of Windows-1252 to Unicode; the five bytes it
// leaves undefined become U+FFFD.
var cp1252 = [32]rune{
	'€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
	'\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
}

func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}
