package output

import (
	"fmt"
	"hash/fnv"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// TableDiff is what changed in one table between two runs. Rows are keyed
// by doc_id and span (documents by doc_id, errors by source and record); a
// row whose key is in both runs but whose compared columns differ is
// changed. Running numbers (tok_idx, mention_idx, quote_idx, sent_idx,
// entity_id) are not compared: one inserted row would otherwise change
// every row after it. A token's head is compared as its distance from the
// token (-1: the token before), for the same reason.
type TableDiff struct {
	Table     string `json:"table"`
	Old       int64  `json:"old"`
	New       int64  `json:"new"`
	Added     int64  `json:"added"`
	Removed   int64  `json:"removed"`
	Changed   int64  `json:"changed"`
	Unchanged int64  `json:"unchanged"`
	// Columns counts the changed rows by the column that changed (a row
	// can count under several).
	Columns  map[string]int64 `json:"columns_changed,omitempty"`
	Examples []DiffExample    `json:"examples,omitempty"`
}

// Rate is the share of rows that differ: added, removed or changed, out of
// every row key in either run. It is at most 1, however many rows were
// replaced.
func (d TableDiff) Rate() float64 {
	n := d.Added + d.Removed + d.Changed + d.Unchanged
	if n == 0 {
		return 0
	}
	return float64(d.Added+d.Removed+d.Changed) / float64(n)
}

// DiffExample is one added, removed or changed row.
type DiffExample struct {
	Change string `json:"change"` // added, removed, changed
	DocID  string `json:"doc_id"`
	Key    string `json:"key"` // the row's key: doc_id and span, or doc_id, or source#record
	// Changes lists, for a changed row, each column that differs.
	Changes []ColumnChange `json:"changes,omitempty"`
	// Old and New hold the row's compared columns in each run.
	Old map[string]string `json:"old,omitempty"`
	New map[string]string `json:"new,omitempty"`
	// OldText and NewText describe the row with its text, for reading.
	OldText string `json:"old_text,omitempty"`
	NewText string `json:"new_text,omitempty"`
}

// ColumnChange is one column of a changed row.
type ColumnChange struct {
	Column string `json:"column"`
	Old    string `json:"old"`
	New    string `json:"new"`
}

// diffSpec says how to key, compare and describe one table's rows.
type diffSpec[T Row] struct {
	table    string
	key      func(*T) string
	cols     []string // the columns compared, by their Parquet names
	describe func(*T) string
	// value overrides how a column is rendered (a token's head, relative).
	value func(*T, string) (string, bool)
}

func span(doc string, s, e int32) string {
	return doc + " [" + strconv.Itoa(int(s)) + "," + strconv.Itoa(int(e)) + ")"
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Diff compares every table of two output folders. At most examples
// examples of each kind of change are kept per table. Memory is one key
// and one 32-bit hash per compared column per row of OLD, never the rows
// themselves.
func Diff(oldDir, newDir string, tables []string, examples int) ([]TableDiff, error) {
	if len(tables) == 0 {
		tables = Tables
	}
	var out []TableDiff
	for _, t := range tables {
		var d TableDiff
		var err error
		switch t {
		case TableDocuments:
			d, err = diffTable(oldDir, newDir, examples, documentsDiff)
		case TableSentences:
			d, err = diffTable(oldDir, newDir, examples, sentencesDiff)
		case TableTokens:
			d, err = diffTable(oldDir, newDir, examples, tokensDiff)
		case TableEntities:
			d, err = diffTable(oldDir, newDir, examples, entitiesDiff)
		case TableQuotes:
			d, err = diffTable(oldDir, newDir, examples, quotesDiff)
		case TableErrors:
			d, err = diffTable(oldDir, newDir, examples, errorsDiff)
		default:
			return nil, fmt.Errorf("unknown table %q (tables: %s)", t, strings.Join(Tables, ", "))
		}
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// rowReader renders the compared columns of one table's rows as text.
type rowReader[T Row] struct {
	spec  diffSpec[T]
	index []int // struct field of each compared column
}

func newRowReader[T Row](spec diffSpec[T]) rowReader[T] {
	t := reflect.TypeFor[T]()
	byName := map[string]int{}
	for i, name := range columnNames(t) {
		byName[name] = i
	}
	idx := make([]int, len(spec.cols))
	for i, c := range spec.cols {
		f, ok := byName[c]
		if !ok {
			panic("diff: no column " + c + " in " + spec.table) // a programming error, caught by the tests
		}
		idx[i] = f
	}
	return rowReader[T]{spec: spec, index: idx}
}

// values renders r's compared columns, in spec.cols order.
func (rr rowReader[T]) values(r *T) []string {
	v := reflect.ValueOf(r).Elem()
	out := make([]string, len(rr.index))
	for i, f := range rr.index {
		if rr.spec.value != nil {
			if s, ok := rr.spec.value(r, rr.spec.cols[i]); ok {
				out[i] = s
				continue
			}
		}
		out[i] = csvValue(v.Field(f))
	}
	return out
}

func (rr rowReader[T]) hashes(r *T) []uint32 {
	vals := rr.values(r)
	h := make([]uint32, len(vals))
	for i, s := range vals {
		h[i] = hash32(s)
	}
	return h
}

func (rr rowReader[T]) columnMap(vals []string) map[string]string {
	m := make(map[string]string, len(vals))
	for i, c := range rr.spec.cols {
		m[c] = vals[i]
	}
	return m
}

func docIDOf[T Row](r *T) string {
	return reflect.ValueOf(r).Elem().Field(0).String() // doc_id is every row's first column but errors'
}

// occurrences tells rows with the same key in one run (two mentions on one
// span) apart by their occurrence number.
type occurrences map[string]int

func (seen occurrences) key(k string) string {
	seen[k]++
	if n := seen[k]; n > 1 {
		return k + "#" + strconv.Itoa(n)
	}
	return k
}

func diffTable[T Row](oldDir, newDir string, examples int, spec diffSpec[T]) (TableDiff, error) {
	d := TableDiff{Table: spec.table, Columns: map[string]int64{}}
	rr := newRowReader(spec)
	old := map[string][]uint32{}
	seen := occurrences{}
	err := ReadRows(oldDir, spec.table, func(r *T) error {
		d.Old++
		old[seen.key(spec.key(r))] = rr.hashes(r)
		return nil
	})
	if err != nil {
		return d, err
	}
	changed := map[string]*DiffExample{} // the changed rows shown, by key
	var added []DiffExample
	seen = occurrences{}
	err = ReadRows(newDir, spec.table, func(r *T) error {
		d.New++
		k := seen.key(spec.key(r))
		h, ok := old[k]
		if !ok {
			d.Added++
			if len(added) < examples {
				added = append(added, DiffExample{Change: "added", DocID: rowDocID(r), Key: k, New: rr.columnMap(rr.values(r)), NewText: spec.describe(r)})
			}
			return nil
		}
		delete(old, k)
		differ := false
		for i, nh := range rr.hashes(r) {
			if nh != h[i] {
				d.Columns[spec.cols[i]]++
				differ = true
			}
		}
		if !differ {
			d.Unchanged++
			return nil
		}
		d.Changed++
		if len(changed) < examples {
			changed[k] = &DiffExample{Change: "changed", DocID: rowDocID(r), Key: k, New: rr.columnMap(rr.values(r)), NewText: spec.describe(r)}
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	d.Removed = int64(len(old))
	var removed, changes []DiffExample
	// A second pass over OLD fills in removed and changed rows; it runs
	// only when there is something to show.
	if (d.Removed > 0 || len(changed) > 0) && examples > 0 {
		seen = occurrences{}
		err = ReadRows(oldDir, spec.table, func(r *T) error {
			k := seen.key(spec.key(r))
			if e, ok := changed[k]; ok {
				e.Old, e.OldText = rr.columnMap(rr.values(r)), spec.describe(r)
				for _, c := range spec.cols {
					if e.Old[c] != e.New[c] {
						e.Changes = append(e.Changes, ColumnChange{Column: c, Old: e.Old[c], New: e.New[c]})
					}
				}
				changes = append(changes, *e)
			} else if _, ok := old[k]; ok && len(removed) < examples {
				removed = append(removed, DiffExample{Change: "removed", DocID: rowDocID(r), Key: k, Old: rr.columnMap(rr.values(r)), OldText: spec.describe(r)})
			}
			return nil
		})
	}
	d.Examples = append(append(append(d.Examples, added...), removed...), changes...)
	if len(d.Columns) == 0 {
		d.Columns = nil
	}
	return d, err
}

// rowDocID is a row's doc_id (the errors table's may be empty).
func rowDocID[T Row](r *T) string {
	if e, ok := any(r).(*ErrorRow); ok {
		return deref(e.DocID)
	}
	return docIDOf(r)
}

// ChangedColumns lists d.Columns by how many rows changed in each, most
// first.
func (d TableDiff) ChangedColumns() []string {
	cols := make([]string, 0, len(d.Columns))
	for c := range d.Columns {
		cols = append(cols, c)
	}
	sort.Slice(cols, func(i, j int) bool {
		if d.Columns[cols[i]] != d.Columns[cols[j]] {
			return d.Columns[cols[i]] > d.Columns[cols[j]]
		}
		return cols[i] < cols[j]
	})
	return cols
}

// relativeHead is where a token's head is, counted from the token, or
// "root".
func relativeHead(r *TokenRow) string {
	if r.Head == nil {
		return "root"
	}
	return fmt.Sprintf("%+d", *r.Head-r.TokIdx)
}
