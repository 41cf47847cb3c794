package main

import (
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"time"

	"github.com/newsnlp/newsnlp/output"
)

// docView is one article with its annotations, as inspect and report show
// it. Offsets are code points into text.
type docView struct {
	ID, Source, Title, URL, Lang, DuplicateOf string
	Published                                 *time.Time
	Text                                      []rune
	Zones                                     []output.ZoneRow
	Warnings                                  []string
	Entities                                  []output.EntityRow
	Quotes                                    []output.QuoteRow
}

// docSelector says which articles to load: by id, by a text search, a
// stable sample, or else the first.
type docSelector struct {
	ID     string
	Grep   string
	Sample int
	Max    int  // at most this many for Grep (0: no limit)
	All    bool // every article
}

// sampleKey orders doc_ids for a sample that is the same on every run and
// spread over the whole output.
func sampleKey(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}

// loadDocs reads the selected articles of OUT with their entities and
// quotes. Only the documents table is required; a missing entities or
// quotes table leaves those empty, and tables tells which were found.
// Memory is the selected articles, plus one id per article for a sample.
func loadDocs(out string, sel docSelector) (docs []*docView, tables map[string]bool, err error) {
	want := map[string]bool{}
	switch {
	case sel.ID != "":
		want[sel.ID] = true
	case sel.Sample > 0:
		type keyed struct {
			key uint64
			id  string
		}
		var all []keyed
		err := output.ReadRows(out, output.TableDocuments, func(d *output.DocumentRow) error {
			all = append(all, keyed{sampleKey(d.DocID), d.DocID})
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
		sort.Slice(all, func(i, j int) bool {
			return all[i].key < all[j].key || all[i].key == all[j].key && all[i].id < all[j].id
		})
		for i := 0; i < len(all) && i < sel.Sample; i++ {
			want[all[i].id] = true
		}
	}
	grep := strings.ToLower(sel.Grep)
	byID := map[string]*docView{}
	err = output.ReadRows(out, output.TableDocuments, func(d *output.DocumentRow) error {
		take := want[d.DocID]
		switch {
		case sel.Grep != "":
			take = sel.Max == 0 || len(docs) < sel.Max
			take = take && (strings.Contains(strings.ToLower(d.Text), grep) || strings.Contains(strings.ToLower(deref(d.Title)), grep))
		case sel.All:
			take = true
		case sel.ID == "" && sel.Sample == 0:
			take = len(docs) == 0
		}
		if !take || byID[d.DocID] != nil {
			return nil
		}
		v := &docView{ID: d.DocID, Source: d.Source, Title: deref(d.Title), URL: deref(d.URL), Lang: deref(d.Lang), DuplicateOf: deref(d.DuplicateOf),
			Text: []rune(d.Text), Zones: append([]output.ZoneRow(nil), d.Zones...), Warnings: append([]string(nil), d.Warnings...)}
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
	tables = map[string]bool{output.TableDocuments: true}
	if len(docs) == 0 {
		return nil, tables, nil
	}
	err = output.ReadRows(out, output.TableEntities, func(e *output.EntityRow) error {
		if v := byID[e.DocID]; v != nil {
			v.Entities = append(v.Entities, *e)
		}
		return nil
	})
	tables[output.TableEntities] = err == nil
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return nil, nil, err
	}
	err = output.ReadRows(out, output.TableQuotes, func(q *output.QuoteRow) error {
		if v := byID[q.DocID]; v != nil {
			c := *q
			c.Evidence = append([]string(nil), q.Evidence...)
			v.Quotes = append(v.Quotes, c)
		}
		return nil
	})
	tables[output.TableQuotes] = err == nil
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return nil, nil, err
	}
	return docs, tables, nil
}

// span returns text[start:end] clamped to the text, for rows that might
// not match it (an output edited by hand).
func (v *docView) span(start, end int32) string {
	s, e := int(start), int(end)
	s, e = max(0, min(s, len(v.Text))), max(0, min(e, len(v.Text)))
	if s >= e {
		return ""
	}
	return string(v.Text[s:e])
}

// speakerText describes an attribution's speaker: mention → canonical
// (resolution), or the resolution alone.
func speakerText(q *output.QuoteRow) string {
	mention, canon := deref(q.Speaker), deref(q.SpeakerCanonical)
	switch {
	case mention == "" && canon == "":
		return "(" + q.SpeakerResolution + ")"
	case canon == "" || canon == mention:
		return fmt.Sprintf("%s (%s)", firstNonEmpty(mention, canon), q.SpeakerResolution)
	default:
		return fmt.Sprintf("%s → %s (%s)", mention, canon, q.SpeakerResolution)
	}
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
