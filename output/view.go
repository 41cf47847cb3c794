package output

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"time"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// DocView is one article of an output with its annotations, as inspect
// and report show it. Offsets are code points into text.
type DocView struct {
	ID, Source, Title, Author, URL, Lang, DuplicateOf string
	Published                                         *time.Time
	Text                                              []rune
	Zones                                             []ZoneRow
	Warnings                                          []string
	Entities                                          []EntityRow
	Quotes                                            []QuoteRow
	Tokens                                            []TokenRow    // only with DocSelector.Tokens
	Sentences                                         []SentenceRow // only with DocSelector.Sentences
}

// Sentence is the text of the article's sentence i ("" when the sentences
// were not loaded or there is no such sentence).
func (v *DocView) Sentence(i int32) string {
	if i < 0 || int(i) >= len(v.Sentences) {
		return ""
	}
	s := v.Sentences[i]
	return v.Span(s.Start, s.End)
}

// MinStatementScore is the score from which inspect and report show an
// attribution by default.
const MinStatementScore = 0.5

// IsStatement reports whether q is what inspect and report show by
// default: speech, with a score of at least MinStatementScore. An output
// from before report_type or score counts as speech with no score.
func (q *QuoteRow) IsStatement() bool {
	return (q.ReportType == "" || q.ReportType == doc.ReportSpeech) && (q.Score == nil || *q.Score >= MinStatementScore)
}

// KeepStatements leaves only the statements (IsStatement) in v.Quotes and
// returns how many it took out.
func (v *DocView) KeepStatements() int {
	kept := v.Quotes[:0]
	for _, q := range v.Quotes {
		if q.IsStatement() {
			kept = append(kept, q)
		}
	}
	n := len(v.Quotes) - len(kept)
	clear(v.Quotes[len(kept):])
	v.Quotes = kept
	return n
}

// DocSelector says which articles to load: by id, by a text search, a
// stable sample, or else the first.
type DocSelector struct {
	ID     string
	Grep   string
	Sample int
	Max    int  // at most this many for Grep (0: no limit)
	All    bool // every article
	// Also lists articles to load besides those the fields above select.
	Also      map[string]bool
	Tokens    bool // also load the tokens table
	Sentences bool // also load the sentences table
}

// sampleKey orders doc_ids for a sample that is the same on every run and
// spread over the whole
func sampleKey(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// SampleIDs is a stable sample of n doc_ids of OUT: the same on every run,
// and spread over the whole input. Memory is one id per article.
func SampleIDs(out string, n int) (map[string]bool, error) {
	type keyed struct {
		key uint64
		id  string
	}
	var all []keyed
	err := ReadRows(out, TableDocuments, func(d *DocumentRow) error {
		all = append(all, keyed{sampleKey(d.DocID), d.DocID})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(all, func(i, j int) bool {
		return all[i].key < all[j].key || all[i].key == all[j].key && all[i].id < all[j].id
	})
	want := map[string]bool{}
	for i := 0; i < len(all) && i < n; i++ {
		want[all[i].id] = true
	}
	return want, nil
}

// LoadDocs reads the selected articles of OUT with their entities and
// quotes. Only the documents table is required; a missing entities or
// quotes table leaves those empty, and tables tells which were found.
// Memory is the selected articles, plus one id per article for a sample.
func LoadDocs(out string, sel DocSelector) (docs []*DocView, tables map[string]bool, err error) {
	want := map[string]bool{}
	switch {
	case sel.ID != "":
		want[sel.ID] = true
	case sel.Sample > 0:
		if want, err = SampleIDs(out, sel.Sample); err != nil {
			return nil, nil, err
		}
	}
	grep := strings.ToLower(sel.Grep)
	byID := map[string]*DocView{}
	err = ReadRows(out, TableDocuments, func(d *DocumentRow) error {
		take := want[d.DocID]
		also := sel.Also[d.DocID]
		switch {
		case sel.Grep != "":
			take = sel.Max == 0 || len(docs) < sel.Max
			take = take && (strings.Contains(strings.ToLower(d.Text), grep) || strings.Contains(strings.ToLower(deref(d.Title)), grep))
		case sel.All:
			take = true
		case sel.ID == "" && sel.Sample == 0 && len(sel.Also) == 0:
			take = len(docs) == 0
		}
		if !(take || also) || byID[d.DocID] != nil {
			return nil
		}
		v := &DocView{ID: d.DocID, Source: d.Source, Title: deref(d.Title), Author: deref(d.Author), URL: deref(d.URL), Lang: deref(d.Lang), DuplicateOf: deref(d.DuplicateOf),
			Text: []rune(d.Text), Zones: append([]ZoneRow(nil), d.Zones...), Warnings: append([]string(nil), d.Warnings...)}
		if d.Published != nil {
			t := *d.Published
			v.Published = &t
		}
		docs = append(docs, v)
		byID[d.DocID] = v
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	tables = map[string]bool{TableDocuments: true}
	if len(docs) == 0 {
		return nil, tables, nil
	}
	err = ReadRows(out, TableEntities, func(e *EntityRow) error {
		if v := byID[e.DocID]; v != nil {
			v.Entities = append(v.Entities, *e)
		}
		return nil
	})
	tables[TableEntities] = err == nil
	if err != nil && !errors.Is(err, ErrNoTable) {
		return nil, nil, err
	}
	err = ReadRows(out, TableQuotes, func(q *QuoteRow) error {
		if v := byID[q.DocID]; v != nil {
			c := *q
			c.Evidence = append([]string(nil), q.Evidence...)
			v.Quotes = append(v.Quotes, c)
		}
		return nil
	})
	tables[TableQuotes] = err == nil
	if err != nil && !errors.Is(err, ErrNoTable) {
		return nil, nil, err
	}
	if sel.Sentences {
		err = ReadRows(out, TableSentences, func(s *SentenceRow) error {
			if v := byID[s.DocID]; v != nil {
				v.Sentences = append(v.Sentences, *s)
			}
			return nil
		})
		tables[TableSentences] = err == nil
		if err != nil && !errors.Is(err, ErrNoTable) {
			return nil, nil, err
		}
	}
	if sel.Tokens {
		err = ReadRows(out, TableTokens, func(t *TokenRow) error {
			if v := byID[t.DocID]; v != nil {
				c := *t
				if t.Head != nil {
					h := *t.Head
					c.Head = &h
				}
				v.Tokens = append(v.Tokens, c)
			}
			return nil
		})
		tables[TableTokens] = err == nil
		if err != nil && !errors.Is(err, ErrNoTable) {
			return nil, nil, err
		}
	}
	return docs, tables, nil
}

// span returns text[start:end] clamped to the text, for rows that might
// not match it (an output edited by hand).
func (v *DocView) Span(start, end int32) string {
	s, e := int(start), int(end)
	s, e = max(0, min(s, len(v.Text))), max(0, min(e, len(v.Text)))
	if s >= e {
		return ""
	}
	return string(v.Text[s:e])
}

// SpeakerText describes an attribution's speaker: mention → canonical
// (resolution), or the resolution alone.
func SpeakerText(q *QuoteRow) string {
	mention, canon := deref(q.Speaker), deref(q.SpeakerCanonical)
	switch {
	case q.SpeakerResolution == doc.ResolvedAuthor:
		return "the outlet (author)"
	case mention == "" && canon == "":
		return "(" + q.SpeakerResolution + ")"
	case canon == "" || canon == mention:
		return fmt.Sprintf("%s (%s)", cmp.Or(mention, canon), q.SpeakerResolution)
	default:
		return fmt.Sprintf("%s → %s (%s)", mention, canon, q.SpeakerResolution)
	}
}

// FormatCounts writes a manifest's count map as "key n, key n", keys in
// order.
func FormatCounts(c map[string]int64) string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, c[k])
	}
	return strings.Join(parts, ", ")
}

// Visible makes text from an article safe to show: control characters
// (C0 but line feed and tab, DEL, C1: the ESC of terminal escape sequences
// among them) become \xNN, and the bidirectional controls that reorder
// what follows them (U+202E and its kin) become a visible ⟨U+202E⟩, so an
// article can neither drive a terminal (clear it, write the clipboard,
// hide a link) nor show other text than it holds.
func Visible(s string) string {
	clean := true
	for _, r := range s {
		if hidden(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !hidden(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, "⟨U+%04X⟩", r)
		}
	}
	return b.String()
}

// hidden reports whether a rune acts on a terminal or on the text's order
// rather than showing itself.
func hidden(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
