package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// FieldBreakdown counts articles and statements by the value of one input
// field kept in documents.meta (newsnlp report --by FIELD). An article
// whose field is a list counts under each of its values.
type FieldBreakdown struct {
	Field string
	Rows  []FieldRow
	// Missing counts the articles without the field.
	Missing int64
	// Values is how many distinct values there are; Rows holds the top.
	Values  int
	byValue map[string]*FieldRow
}

// FieldRow is one value's articles, claims and denials.
type FieldRow struct {
	Value                 string
	Docs, Claims, Denials int64
}

// missingValue stands for an article without the field.
const missingValue = "\x00missing"

// fieldReader reads the --by field's values from documents.meta.
type fieldReader struct {
	name      string
	breakdown *FieldBreakdown
}

func newFieldReader(name string) *fieldReader {
	if name == "" {
		return nil
	}
	return &fieldReader{name: name, breakdown: &FieldBreakdown{Field: name, byValue: map[string]*FieldRow{}}}
}

// value is the field's values in one article's meta, joined by a NUL
// when it is a list; missingValue when the article has none.
func (f *fieldReader) value(meta *string) string {
	if meta == nil {
		return missingValue
	}
	var m map[string]json.RawMessage
	if json.Unmarshal([]byte(*meta), &m) != nil {
		return missingValue
	}
	raw, ok := m[f.name]
	if !ok {
		for k, v := range m {
			if strings.EqualFold(k, f.name) {
				raw, ok = v, true
				break
			}
		}
	}
	if !ok {
		return missingValue
	}
	var vals []string
	if raw = bytes.TrimSpace(raw); len(raw) > 0 && raw[0] == '[' {
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			for _, e := range list {
				vals = append(vals, scalarText(e))
			}
		}
	} else {
		vals = append(vals, scalarText(raw))
	}
	if len(vals) == 0 {
		return missingValue
	}
	return strings.Join(vals, "\x00")
}

// scalarText is a JSON value as text: a string as itself, anything else
// as its JSON.
func scalarText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	return string(bytes.TrimSpace(raw))
}

func (f *fieldReader) doc(v string) {
	b := f.breakdown
	if v == missingValue {
		b.Missing++
		return
	}
	for _, x := range strings.Split(v, "\x00") {
		b.row(x).Docs++
	}
}

func (b *FieldBreakdown) row(v string) *FieldRow {
	r := b.byValue[v]
	if r == nil {
		r = &FieldRow{Value: v}
		b.byValue[v] = r
	}
	return r
}

// quote counts a statement of an article with values v.
func (b *FieldBreakdown) quote(v string, denial bool) {
	if v == missingValue || v == "" {
		return
	}
	for _, x := range strings.Split(v, "\x00") {
		if denial {
			b.row(x).Denials++
		} else {
			b.row(x).Claims++
		}
	}
}

// finish keeps the top values by articles; the rest are summed in one row.
func (b *FieldBreakdown) finish(top int) {
	for _, r := range b.byValue {
		b.Rows = append(b.Rows, *r)
	}
	b.Values = len(b.Rows)
	sort.Slice(b.Rows, func(i, j int) bool {
		if b.Rows[i].Docs != b.Rows[j].Docs {
			return b.Rows[i].Docs > b.Rows[j].Docs
		}
		return b.Rows[i].Value < b.Rows[j].Value
	})
	if len(b.Rows) > top {
		rest := FieldRow{Value: fmt.Sprintf("(%d other values)", len(b.Rows)-top)}
		for _, r := range b.Rows[top:] {
			rest.Docs += r.Docs
			rest.Claims += r.Claims
			rest.Denials += r.Denials
		}
		b.Rows = append(b.Rows[:top], rest)
	}
	b.byValue = nil
}
