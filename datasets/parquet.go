package datasets

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
)

// TableRows reads a columnar file row by row. output.OpenTable provides it
// for Parquet; datasets takes it through Options.OpenTable, since only
// output imports the Parquet library.
type TableRows interface {
	// Columns lists the columns, in schema order.
	Columns() []string
	// Lookup returns a footer key-value entry.
	Lookup(key string) (string, bool)
	// Next returns the next row's values as text by column, and the list
	// columns' values; io.EOF after the last row.
	Next() (fields map[string]string, lists map[string][]string, err error)
	// JSON returns the row Next last returned as JSON values by column:
	// numbers and booleans typed, lists as arrays, columns nested in
	// groups as objects; null columns are left out.
	JSON() map[string]json.RawMessage
}

// parquetReader reads a Parquet file with a text column (fields mapped as
// for CSV), including newsnlp's own documents table, so that a corpus can
// be re-annotated.
type parquetReader struct {
	t      TableRows
	src    *source
	opts   Options
	names  []string // the columns fields are taken from, in order
	mapped columns
	own    bool // newsnlp's documents table
	record int64
}

// ownDerived are the columns of newsnlp's documents table that annotation
// computes or that say where the first run read the article: on
// re-annotation they are recomputed, not carried in meta. meta and
// warnings are carried over as they are.
var ownDerived = map[string]bool{"source": true, "record": true, "line": true, "zones": true, "duplicate_of": true, "warnings": true, "meta": true,
	"n_chars": true, "n_tokens": true, "n_words": true, "n_sentences": true, "n_entities": true, "n_quotes": true, "n_claims": true, "n_denials": true}

// errCorruptParquet marks a file that is not Parquet at all.
var errCorruptParquet = errors.New("corrupt Parquet file")

func openParquet(path string, s *source, opts Options, read *atomic.Int64) (*parquetReader, io.Closer, error) {
	if opts.OpenTable == nil {
		return nil, nil, fmt.Errorf("parquet: this build reads no Parquet (datasets.Options.OpenTable is not set; pass output.OpenTable)")
	}
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
	if _, err := f.ReadAt(head, 0); err != nil || string(head) != "PAR1" {
		f.Close()
		if len(head) >= 2 && (string(head[:2]) == string(gzipMagic) || string(head) == string(zstdMagic)) {
			return nil, nil, fmt.Errorf("parquet: the file is gzip or zstd compressed; Parquet compresses its own pages, decompress the file first")
		}
		return nil, nil, fmt.Errorf("%w: not a Parquet file (no PAR1 magic)", errCorruptParquet)
	}
	t, err := opts.OpenTable(&countingReaderAt{r: f, n: read}, info.Size())
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%w: %v", errCorruptParquet, err)
	}
	p := &parquetReader{t: t, src: s, opts: opts}
	table, _ := t.Lookup("newsnlp.table")
	p.own = table == "documents"
	for _, name := range t.Columns() {
		if !p.own || !ownDerived[name] {
			p.names = append(p.names, name)
		}
	}
	p.mapped = opts.Fields.resolve(p.names) // doc_id is one of the id names
	return p, f, nil
}

func (p *parquetReader) next() (*Article, error) {
	fields, lists, err := p.t.Next()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, fmt.Errorf("%w: after row %d: %v", errCorruptParquet, p.record, err)
	}
	p.record++
	a := &Article{Source: p.src.name, Record: p.record, key: p.src.key()}
	if re := p.mapped.build(p.opts.Fields, a, record{fields: fields, order: p.names, typed: p.t.JSON()}, p.opts.MaxDocBytes); re != nil {
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
