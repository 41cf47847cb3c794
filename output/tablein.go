package output

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"
)

// ErrCorruptTable wraps the errors of a Parquet file that cannot be read.
var ErrCorruptTable = errors.New("corrupt Parquet file")

// TableRows reads a Parquet file row by row, row group by row group, for
// the datasets package's Parquet input (only output imports parquet-go).
// Top-level columns of strings, numbers, booleans, timestamps and dates are
// read as text, lists of them as JSON arrays of text; columns nested in
// groups (structs, maps, lists of them) are read only as JSON, by JSON.
type TableRows struct {
	f       *parquet.File
	cols    []tableColumn
	names   []string
	nested  []string // top-level columns nested in groups, read only by JSON
	byIndex []int    // leaf column index → position in cols (-1: not read)
	last    parquet.Row
	group   int
	rows    parquet.Rows
	buf     []parquet.Row
	pos, n  int
}

type tableColumn struct {
	name string
	kind string // "", "timestamp:<unit>", "date"
	list bool
}

// OpenTable opens the Parquet file in r. A malformed file gives an error
// wrapping ErrCorruptTable, never a panic.
func OpenTable(r io.ReaderAt, size int64) (t *TableRows, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, fmt.Errorf("%w: %v", ErrCorruptTable, p)
		}
	}()
	// parquet-go allocates the footer's claimed length before checking it
	// against the file (fuzzing found a 60-byte file that made it allocate
	// 3.6 GB): check the frame first.
	if err := checkFrame(r, size); err != nil {
		return nil, err
	}
	pf, err := parquet.OpenFile(r, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptTable, err)
	}
	// Column chunks must lie inside the file, with sizes a real file has.
	for i, rg := range pf.Metadata().RowGroups {
		if rg.NumRows < 0 || rg.NumRows > maxRowsPerGroup {
			return nil, fmt.Errorf("%w: row group %d claims %d rows", ErrCorruptTable, i, rg.NumRows)
		}
		for _, c := range rg.Columns {
			md := c.MetaData
			start := md.DataPageOffset
			if md.DictionaryPageOffset > 0 && md.DictionaryPageOffset < start {
				start = md.DictionaryPageOffset
			}
			if start < 0 || md.TotalCompressedSize < 0 || start+md.TotalCompressedSize > size ||
				md.TotalUncompressedSize < 0 || md.TotalUncompressedSize > maxChunkBytes || md.NumValues < 0 || md.NumValues > maxValuesPerChunk {
				return nil, fmt.Errorf("%w: row group %d, column %s: a column chunk outside the file or of an impossible size", ErrCorruptTable, i, strings.Join(md.PathInSchema, "."))
			}
		}
	}
	t = &TableRows{f: pf, buf: make([]parquet.Row, 64)}
	top := map[string]parquet.Node{}
	for _, field := range pf.Schema().Fields() {
		top[field.Name()] = field
	}
	var index []int
	for _, path := range pf.Schema().Columns() {
		leaf, ok := pf.Schema().Lookup(path...)
		if !ok {
			continue
		}
		col := tableColumn{name: path[0]}
		switch {
		case len(path) == 1 && !top[path[0]].Repeated():
		case len(path) == 1 || (len(path) == 3 && leaf.MaxRepetitionLevel == 1):
			col.list = true // a repeated primitive, or a LIST of them (name.list.element)
		default:
			if n := len(t.names); n == 0 || t.names[n-1] != path[0] {
				t.names = append(t.names, path[0])
				t.nested = append(t.nested, path[0])
			}
			continue
		}
		if lt := leaf.Node.Type().LogicalType(); lt != nil {
			switch s := strings.ToUpper(lt.String()); {
			case strings.HasPrefix(s, "TIMESTAMP"):
				col.kind = "timestamp:" + timeUnit(s)
			case strings.HasPrefix(s, "DATE"):
				col.kind = "date"
			}
		}
		t.cols = append(t.cols, col)
		t.names = append(t.names, col.name)
		index = append(index, leaf.ColumnIndex)
	}
	maxIndex := 0
	for _, i := range index {
		maxIndex = max(maxIndex, i)
	}
	t.byIndex = make([]int, maxIndex+1)
	for i := range t.byIndex {
		t.byIndex[i] = -1
	}
	for i, ci := range index {
		t.byIndex[ci] = i
	}
	return t, nil
}

// Bounds a real Parquet file stays within; a file beyond them is corrupt or
// hostile, and is refused before anything is allocated for it.
const (
	maxRowsPerGroup   = 1 << 30
	maxValuesPerChunk = 1 << 31
	maxChunkBytes     = 4 << 30
)

// checkFrame checks the PAR1 magic at both ends of a Parquet file and that
// the footer length fits in it.
func checkFrame(r io.ReaderAt, size int64) error {
	if size < 12 {
		return fmt.Errorf("%w: %d bytes is too short for a Parquet file", ErrCorruptTable, size)
	}
	var tail [8]byte
	if _, err := r.ReadAt(tail[:], size-8); err != nil {
		return fmt.Errorf("%w: %v", ErrCorruptTable, err)
	}
	if string(tail[4:]) != "PAR1" {
		return fmt.Errorf("%w: no PAR1 magic at the end (a truncated file?)", ErrCorruptTable)
	}
	footer := int64(binary.LittleEndian.Uint32(tail[:4]))
	if footer <= 0 || footer > size-12 {
		return fmt.Errorf("%w: the footer claims %d bytes in a file of %d", ErrCorruptTable, footer, size)
	}
	return nil
}

func timeUnit(t string) string {
	switch {
	case strings.Contains(t, "NANOS"):
		return "ns"
	case strings.Contains(t, "MICROS"):
		return "us"
	}
	return "ms"
}

// Columns lists the columns read, in schema order.
func (t *TableRows) Columns() []string { return t.names }

// Lookup returns a footer key-value entry (newsnlp.table, …).
func (t *TableRows) Lookup(key string) (string, bool) { return t.f.Lookup(key) }

// Next returns the next row: each column's value as text ("" for null), a
// list column's as a JSON array, and the list columns' values as read. It
// returns io.EOF after the last row; after any other error the rest of the
// file cannot be read.
func (t *TableRows) Next() (fields map[string]string, lists map[string][]string, err error) {
	defer func() {
		if p := recover(); p != nil {
			fields, lists, err = nil, nil, fmt.Errorf("%w: %v", ErrCorruptTable, p)
			t.group, t.rows, t.pos, t.n = len(t.f.RowGroups()), nil, 0, 0
		}
	}()
	for t.pos >= t.n {
		if t.rows == nil {
			groups := t.f.RowGroups()
			if t.group >= len(groups) {
				return nil, nil, io.EOF
			}
			t.rows = groups[t.group].Rows()
			t.group++
		}
		n, err := t.rows.ReadRows(t.buf)
		t.pos, t.n = 0, n
		if err == io.EOF {
			t.rows.Close()
			t.rows = nil
		} else if err != nil {
			return nil, nil, fmt.Errorf("%w: row group %d: %v", ErrCorruptTable, t.group, err)
		}
	}
	row := t.buf[t.pos]
	t.pos++
	t.last = row
	fields = make(map[string]string, len(t.cols))
	for _, v := range row {
		ci := v.Column()
		if ci < 0 || ci >= len(t.byIndex) || t.byIndex[ci] < 0 || v.IsNull() {
			continue
		}
		c := &t.cols[t.byIndex[ci]]
		if c.list {
			if lists == nil {
				lists = map[string][]string{}
			}
			lists[c.name] = append(lists[c.name], valueText(v, c.kind))
			continue
		}
		fields[c.name] = valueText(v, c.kind)
	}
	for name, vals := range lists {
		b, _ := json.Marshal(vals) // strings always marshal
		fields[name] = string(b)
	}
	return fields, lists, nil
}

// JSON returns the row Next last returned as JSON values by column:
// numbers and booleans typed, text and times as strings, lists as arrays,
// columns nested in groups as objects and arrays. Null columns are left out.
func (t *TableRows) JSON() (out map[string]json.RawMessage) {
	out = make(map[string]json.RawMessage, len(t.names))
	if t.last == nil {
		return out
	}
	vals := map[string]any{}
	lists := map[string][]any{}
	for _, v := range t.last {
		ci := v.Column()
		if ci < 0 || ci >= len(t.byIndex) || t.byIndex[ci] < 0 || v.IsNull() {
			continue
		}
		c := &t.cols[t.byIndex[ci]]
		if c.list {
			lists[c.name] = append(lists[c.name], valueJSON(v, c.kind))
		} else {
			vals[c.name] = valueJSON(v, c.kind)
		}
	}
	for k, v := range vals {
		out[k], _ = json.Marshal(v) // strings, numbers and booleans marshal
	}
	for k, v := range lists {
		out[k], _ = json.Marshal(v)
	}
	if len(t.nested) > 0 {
		t.nestedJSON(out)
	}
	return out
}

// nestedJSON adds the columns nested in groups to out, rebuilt by
// parquet-go from the row; a row it cannot rebuild leaves them out.
func (t *TableRows) nestedJSON(out map[string]json.RawMessage) {
	defer func() { _ = recover() }() // an odd schema loses only these columns
	m := map[string]any{}
	if t.f.Schema().Reconstruct(&m, t.last) != nil {
		return
	}
	for _, name := range t.nested {
		if v, ok := m[name]; ok && v != nil {
			if b, err := json.Marshal(plainJSON(v)); err == nil {
				out[name] = b
			}
		}
	}
}

// plainJSON turns the byte slices parquet-go rebuilds text into back into
// strings, so they marshal as text rather than base64.
func plainJSON(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case map[string]any:
		for k, e := range x {
			x[k] = plainJSON(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plainJSON(e)
		}
	}
	return v
}

// valueJSON is one value as a Go value that marshals to its JSON: numbers
// and booleans as such, text and times as strings.
func valueJSON(v parquet.Value, kind string) any {
	switch v.Kind() {
	case parquet.Boolean:
		return v.Boolean()
	case parquet.Int32:
		if kind != "date" {
			return v.Int32()
		}
	case parquet.Int64:
		if kind == "" {
			return v.Int64()
		}
	case parquet.Float:
		if f := float64(v.Float()); !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	case parquet.Double:
		if f := v.Double(); !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	return valueText(v, kind)
}

// valueText renders one value as the text a CSV field would hold.
func valueText(v parquet.Value, kind string) string {
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.FormatBool(v.Boolean())
	case parquet.Int32:
		if kind == "date" {
			return time.Unix(int64(v.Int32())*86400, 0).UTC().Format("2006-01-02")
		}
		return strconv.FormatInt(int64(v.Int32()), 10)
	case parquet.Int64:
		n := v.Int64()
		switch kind {
		case "timestamp:ms":
			return time.UnixMilli(n).UTC().Format(time.RFC3339Nano)
		case "timestamp:us":
			return time.UnixMicro(n).UTC().Format(time.RFC3339Nano)
		case "timestamp:ns":
			return time.Unix(0, n).UTC().Format(time.RFC3339Nano)
		}
		return strconv.FormatInt(n, 10)
	case parquet.Float:
		return strconv.FormatFloat(float64(v.Float()), 'g', -1, 32)
	case parquet.Double:
		return strconv.FormatFloat(v.Double(), 'g', -1, 64)
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return string(v.ByteArray())
	}
	return v.String()
}
