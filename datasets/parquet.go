package datasets

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parquet-go/parquet-go"
)

// parquetReader reads a Parquet file one row at a time, row group by row
// group: a file with a text column (fields mapped as for CSV), including
// newsnlp's own documents table, so that a corpus can be re-annotated.
// Top-level columns of strings, numbers, booleans, timestamps and dates are
// read, and lists of them (as JSON arrays, into meta); columns nested in
// groups are left out.
type parquetReader struct {
	f      *parquet.File
	src    *source
	opts   Options
	cols   []parquetColumn // the top-level leaf columns read, in schema order
	names  []string
	mapped columns
	own    bool // newsnlp's documents table: meta is its meta column
	// byIndex maps a leaf column index to its position in cols (-1: not read).
	byIndex []int
	group   int
	rows    parquet.Rows
	buf     []parquet.Row
	pos, n  int
	record  int64
}

type parquetColumn struct {
	name  string
	index int    // leaf column index in parquet.Value.Column()
	kind  string // "", "timestamp:<unit>", "date"
	list  bool   // a list of primitives, read as a JSON array
}

// ownDerived are the columns of newsnlp's documents table that annotation
// computes: on re-annotation they are recomputed, not carried in meta.
var ownDerived = map[string]bool{"source": true, "record": true, "line": true, "zones": true, "duplicate_of": true, "warnings": true, "meta": true,
	"n_chars": true, "n_tokens": true, "n_words": true, "n_sentences": true, "n_entities": true, "n_quotes": true, "n_claims": true, "n_denials": true}

var parquetMagic = []byte("PAR1")

func openParquet(path string, s *source, opts Options, read *atomic.Int64) (pr *parquetReader, closer io.Closer, err error) {
	// A malformed file must not crash the batch, whatever the Parquet
	// library does with it.
	defer func() {
		if r := recover(); r != nil {
			if closer != nil {
				closer.Close()
			}
			pr, closer, err = nil, nil, fmt.Errorf("%w: %v", errCorruptParquet, r)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	head := make([]byte, 4)
	if _, err := f.ReadAt(head, 0); err != nil || string(head) != string(parquetMagic) {
		f.Close()
		if isCompressedMagic(head) {
			return nil, nil, fmt.Errorf("parquet: the file is gzip or zstd compressed; Parquet compresses its own pages, decompress the file first")
		}
		return nil, nil, fmt.Errorf("%w: not a Parquet file (no PAR1 magic)", errCorruptParquet)
	}
	pf, err := parquet.OpenFile(&countingReaderAt{r: f, n: read}, info.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%w: %v", errCorruptParquet, err)
	}
	closer = f
	p := &parquetReader{f: pf, src: s, opts: opts, buf: make([]parquet.Row, 64)}
	table, _ := pf.Lookup("newsnlp.table")
	p.own = table == "documents"
	top := map[string]parquet.Node{}
	for _, field := range pf.Schema().Fields() {
		top[field.Name()] = field
	}
	for _, path := range pf.Schema().Columns() {
		leaf, ok := pf.Schema().Lookup(path...)
		if !ok {
			continue
		}
		col := parquetColumn{name: path[0], index: leaf.ColumnIndex}
		switch {
		case len(path) == 1 && !top[path[0]].Repeated():
		case len(path) == 1 || (len(path) == 3 && leaf.MaxRepetitionLevel == 1):
			// A repeated primitive, or a LIST of primitives (name.list.element).
			col.list = true
		default:
			continue // nested groups are not read
		}
		if lt := leaf.Node.Type().LogicalType(); lt != nil {
			switch t := strings.ToUpper(lt.String()); {
			case strings.HasPrefix(t, "TIMESTAMP"):
				col.kind = "timestamp:" + timeUnit(t)
			case strings.HasPrefix(t, "DATE"):
				col.kind = "date"
			}
		}
		if p.own && ownDerived[col.name] && col.name != "meta" && col.name != "warnings" {
			continue
		}
		p.cols = append(p.cols, col)
		p.names = append(p.names, col.name)
	}
	p.mapped = opts.Fields.resolve(p.names) // doc_id is one of the id names
	maxIndex := 0
	for _, c := range p.cols {
		maxIndex = max(maxIndex, c.index)
	}
	p.byIndex = make([]int, maxIndex+1)
	for i := range p.byIndex {
		p.byIndex[i] = -1
	}
	for i, c := range p.cols {
		p.byIndex[c.index] = i
	}
	return p, f, nil
}

var errCorruptParquet = errors.New("corrupt Parquet file")

func isCompressedMagic(b []byte) bool {
	return len(b) >= 2 && (string(b[:2]) == string(gzipMagic) || (len(b) >= 4 && string(b[:4]) == string(zstdMagic)))
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

func (p *parquetReader) next() (a *Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("%w: row %d: %v", errCorruptParquet, p.record, r)
			p.group, p.rows, p.pos, p.n = len(p.f.RowGroups()), nil, 0, 0 // the rest of the file is not read
		}
	}()
	for p.pos >= p.n {
		if p.rows == nil {
			groups := p.f.RowGroups()
			if p.group >= len(groups) {
				return nil, io.EOF
			}
			p.rows = groups[p.group].Rows()
			p.group++
		}
		n, err := p.rows.ReadRows(p.buf)
		p.pos, p.n = 0, n
		if err == io.EOF {
			p.rows.Close()
			p.rows = nil
		} else if err != nil {
			return nil, fmt.Errorf("%w: row group %d: %v", errCorruptParquet, p.group, err)
		}
	}
	row := p.buf[p.pos]
	p.pos++
	p.record++
	fields := make(map[string]string, len(p.cols))
	for _, c := range p.cols {
		fields[c.name] = ""
	}
	var lists map[string][]string
	for _, v := range row {
		ci := v.Column()
		if ci < 0 || ci >= len(p.byIndex) || p.byIndex[ci] < 0 || v.IsNull() {
			continue
		}
		c := &p.cols[p.byIndex[ci]]
		if c.list {
			if lists == nil {
				lists = map[string][]string{}
			}
			lists[c.name] = append(lists[c.name], parquetString(v, c.kind))
			continue
		}
		fields[c.name] = parquetString(v, c.kind)
	}
	for name, vals := range lists {
		b, _ := json.Marshal(vals) // strings always marshal
		fields[name] = string(b)
	}
	a = &Article{Source: p.src.name, Record: p.record}
	names := p.names
	if p.own {
		names = without(without(p.names, "meta"), "warnings")
	}
	if re := p.mapped.build(p.opts.Fields, a, fields, names, p.opts.MaxDocBytes); re != nil {
		re.Source, re.Record = p.src.name, p.record
		if re.ID == "" {
			re.ID = fallbackID(p.src.name, p.record)
		}
		return nil, re
	}
	if p.own {
		// The first read's meta and warnings stay with the article.
		if fields["meta"] != "" {
			a.Meta = a.repairUTF8(fields["meta"])
		}
		for _, w := range lists["warnings"] {
			a.warn(w)
		}
	}
	return a, nil
}

func without(names []string, drop string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if n != drop {
			out = append(out, n)
		}
	}
	return out
}

// parquetString renders one value as the text a CSV field would hold.
func parquetString(v parquet.Value, kind string) string {
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

// countingReaderAt counts bytes read into a shared counter, for progress.
type countingReaderAt struct {
	r io.ReaderAt
	n *atomic.Int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}
