package datasets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// FieldMap names the input fields (JSONL keys, CSV header columns) that hold
// each article attribute. An empty name means "detect": the first field
// whose name matches a common name, case-insensitively.
type FieldMap struct {
	ID     string `json:"id,omitempty"`
	Text   string `json:"text,omitempty"`
	Title  string `json:"title,omitempty"`
	URL    string `json:"url,omitempty"`
	Date   string `json:"date,omitempty"`
	Lang   string `json:"lang,omitempty"`
	Author string `json:"author,omitempty"`
}

// Common field names tried in order when a FieldMap entry is empty.
var (
	idNames    = []string{"id", "doc_id", "docid", "article_id", "uuid", "guid", "_id"}
	textNames  = []string{"text", "content", "body", "article", "maintext", "story", "article_text"}
	titleNames = []string{"title", "headline", "heading"}
	urlNames   = []string{"url", "link", "href", "canonical_url", "source_url"}
	dateNames  = []string{"date", "published", "pubdate", "published_at", "publish_date", "date_published", "publication_date", "datetime"}
	langNames  = []string{"lang", "language"}
	// authorNames: a list value (["A", "B"]) is joined with "; ".
	authorNames = []string{"author", "authors", "byline", "author_name", "creator"}
)

// columns resolves a FieldMap against the field names of one source (a CSV
// header) or one record (a JSON object), returning the actual key of each
// attribute, "" when absent.
type columns struct {
	id, text, title, url, date, lang, author string
}

func (m FieldMap) resolve(keys []string) columns {
	pick := func(explicit string, names []string) string {
		if explicit != "" {
			for _, k := range keys {
				if k == explicit {
					return k
				}
			}
			for _, k := range keys {
				if strings.EqualFold(k, explicit) {
					return k
				}
			}
			return ""
		}
		for _, n := range names {
			for _, k := range keys {
				if strings.EqualFold(strings.TrimSpace(k), n) {
					return k
				}
			}
		}
		return ""
	}
	return columns{
		id:     pick(m.ID, idNames),
		text:   pick(m.Text, textNames),
		title:  pick(m.Title, titleNames),
		url:    pick(m.URL, urlNames),
		date:   pick(m.Date, dateNames),
		lang:   pick(m.Lang, langNames),
		author: pick(m.Author, authorNames),
	}
}

// textFieldName is the name to report in an error about the text field.
func (m FieldMap) textFieldName() string {
	if m.Text != "" {
		return m.Text
	}
	return "text"
}

// record is one input record's fields.
type record struct {
	// fields holds every field's value as text: numbers and booleans as
	// written, lists and objects as compact JSON, null as "".
	fields map[string]string
	// order lists the field names in input order.
	order []string
	// typed holds the fields' JSON values when the input has types (JSON,
	// Parquet); nil for CSV, whose fields are all text.
	typed map[string]json.RawMessage
}

// build fills an Article from one record's fields. Those not mapped to an
// attribute go to Meta, with their JSON types when the input has them.
func (c columns) build(m FieldMap, a *Article, rec record, maxDocBytes int) *RecordError {
	fields := rec.fields
	fail := func(field, kind string, err error) *RecordError {
		return &RecordError{Source: a.Source, Record: a.Record, Line: a.Line, ID: a.ID, Field: field, Kind: kind, Err: err}
	}
	if c.id != "" {
		if v := strings.TrimSpace(fields[c.id]); v != "" {
			a.ID = v
		}
	}
	if a.ID == "" {
		a.ID = fallbackID(a.idKey(), a.Record)
	}
	if c.text == "" {
		return fail(m.textFieldName(), "no_text", fmt.Errorf("%w: no text field (looked for %s); set --text-field", ErrNoText, describeNames(m.Text, textNames)))
	}
	text := fields[c.text]
	if strings.TrimSpace(text) == "" {
		return fail(c.text, "no_text", ErrNoText)
	}
	if maxDocBytes > 0 && len(text) > maxDocBytes {
		e := fail(c.text, "too_large", fmt.Errorf("%w: text is %d bytes, over --max-doc-bytes %d", ErrTooLarge, len(text), maxDocBytes))
		e.Excerpt = excerpt(text, 200)
		return e
	}
	a.Text = a.repairUTF8(text)
	a.Title = a.repairUTF8(strings.TrimSpace(fields[c.title]))
	a.URL = a.repairUTF8(strings.TrimSpace(fields[c.url]))
	a.Lang = a.repairUTF8(strings.TrimSpace(fields[c.lang]))
	a.Author = a.repairUTF8(authorText(fields[c.author], rec.typed[c.author]))
	if c.date != "" {
		if v := strings.TrimSpace(fields[c.date]); v != "" {
			if t, ok := ParseDate(v); ok {
				a.Published = &t
			} else {
				a.Warnings = append(a.Warnings, WarnDate)
			}
		}
	}
	mapped := map[string]bool{}
	for _, k := range []string{c.id, c.text, c.title, c.url, c.date, c.lang, c.author} {
		if k != "" {
			mapped[k] = true
		}
	}
	a.Meta = a.metaJSON(rec, mapped)
	return nil
}

// metaJSON is the record's unmapped fields as a JSON object, keys sorted:
// typed values as the input typed them, text as strings; nulls and empty
// text are left out. "" when nothing is left.
func (a *Article) metaJSON(rec record, mapped map[string]bool) string {
	meta := make(map[string]json.RawMessage)
	for _, k := range rec.order {
		if mapped[k] {
			continue
		}
		if raw, ok := rec.typed[k]; ok {
			raw = bytes.TrimSpace(raw)
			if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
				continue
			}
			var b bytes.Buffer
			if json.Compact(&b, []byte(a.repairUTF8(string(raw)))) == nil {
				meta[a.repairUTF8(k)] = b.Bytes()
				continue
			}
		}
		if v := rec.fields[k]; v != "" {
			b, _ := json.Marshal(a.repairUTF8(v)) // a valid string always marshals
			meta[a.repairUTF8(k)] = b
		}
	}
	if len(meta) == 0 {
		return ""
	}
	b, _ := json.Marshal(meta) // compact, valid values; keys come out sorted
	return string(b)
}

// authorText is an author field as one string: a JSON list of names (or
// of objects with a name) joined with "; ", else the text as given.
func authorText(text string, typed json.RawMessage) string {
	typed = bytes.TrimSpace(typed)
	if len(typed) > 0 && typed[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(typed, &items) == nil {
			var names []string
			for _, it := range items {
				var s string
				var o struct{ Name string }
				if json.Unmarshal(it, &s) == nil {
					names = append(names, strings.TrimSpace(s))
				} else if json.Unmarshal(it, &o) == nil {
					names = append(names, strings.TrimSpace(o.Name))
				}
			}
			return strings.Join(slicesCompact(names), "; ")
		}
	}
	return strings.TrimSpace(text)
}

// slicesCompact drops empty strings.
func slicesCompact(in []string) []string {
	out := in[:0]
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// repairUTF8 makes s valid UTF-8: text with no UTF-8 in it at all is
// decoded as Windows-1252 (warning latin1_decoded), anything else has its
// invalid bytes replaced with U+FFFD (warning invalid_utf8). Each warning is
// recorded once per article.
func (a *Article) repairUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if d, ok := decodeLegacy(s); ok {
		a.warn(WarnLatin1)
		return d
	}
	a.warn(WarnUTF8)
	return toValidUTF8(s)
}

// warn records a warning kind once.
func (a *Article) warn(kind string) {
	for _, w := range a.Warnings {
		if w == kind {
			return
		}
	}
	a.Warnings = append(a.Warnings, kind)
}

func describeNames(explicit string, names []string) string {
	if explicit != "" {
		return fmt.Sprintf("%q", explicit)
	}
	return strings.Join(names, ", ")
}

// dateLayouts are tried in order by ParseDate.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	"2006-01-02",
	"2006/01/02",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, January 2, 2006",
	"January 2, 2006 3:04 PM",
	"Jan 2, 2006 3:04 PM",
}

// ParseDate parses a publication date in the usual formats (RFC 3339,
// RFC 1123, `2006-01-02`, `January 2, 2006` and their common variants) and
// returns it in UTC. Dates without a zone are taken as UTC.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
