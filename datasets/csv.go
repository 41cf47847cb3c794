package datasets

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// csvReader reads CSV or TSV with a header row. Quoted fields may hold
// newlines and separators.
type csvReader struct {
	r *csv.Reader // TSV: the stream's reader, lazy about quotes
	// lines splits CSV into records, and starts again after a quote that
	// never closes; skip counts the lines it passes over.
	lines  *csvLines
	skip   func(reason string)
	src    *source
	opts   Options
	header []string
	cols   columns
	record int64
}

func newCSVReader(r *bufio.Reader, s *source, opts Options, skip func(string)) *csvReader {
	if s.format == FormatCSV {
		max := int64(math.MaxInt64)
		if opts.MaxDocBytes > 0 {
			max = 2*int64(opts.MaxDocBytes) + 1<<20
		}
		return &csvReader{lines: &csvLines{r: r, comma: ',', max: max}, skip: skip, src: s, opts: opts}
	}
	var cr *csv.Reader
	if opts.MaxDocBytes > 0 {
		// encoding/csv holds a whole record in memory: an unclosed quote or
		// a decompression bomb would grow it without end. The guard stops
		// a record that runs past the limit, with room for the other fields.
		g := &recordGuard{r: r, max: 2*int64(opts.MaxDocBytes) + 1<<20}
		cr = csv.NewReader(g)
		g.offset = cr.InputOffset
	} else {
		cr = csv.NewReader(r)
	}
	cr.FieldsPerRecord = -1 // checked here, so that the error names the line
	cr.ReuseRecord = false
	if s.format == FormatTSV {
		cr.Comma = '\t'
		cr.LazyQuotes = true
	}
	return &csvReader{r: cr, src: s, opts: opts, skip: skip}
}

// read returns the next row and the line it starts on.
func (c *csvReader) read() ([]string, int64, error) {
	if c.lines == nil {
		row, err := c.r.Read()
		line := 0
		if err == nil && len(row) > 0 {
			// FieldPos panics unless the last Read returned a record.
			line, _ = c.r.FieldPos(0)
		}
		return row, int64(line), err
	}
	rec, err := c.lines.next(len(c.header))
	for err == nil && strings.TrimRight(rec.text, "\r\n") == "" {
		rec, err = c.lines.next(len(c.header)) // empty lines are no rows, as encoding/csv has it
	}
	if err != nil {
		return nil, 0, err
	}
	row, err := parseCSVRecord(rec)
	if !rec.broken && len(c.lines.last) > 1 && c.header != nil && (err != nil || len(row) != len(c.header)) {
		// A record over several lines that is no row: a quote that never
		// closed was closed by a later record's.
		rec = c.lines.reject(rec.line, len(c.header))
	}
	if rec.broken {
		for range rec.skipped {
			c.skip(SkipCSVLines)
		}
		return nil, rec.line, &csv.ParseError{StartLine: int(rec.line), Line: int(rec.line), Column: 1,
			Err: fmt.Errorf("a quoted field opened on this line never closes; the record and the %d lines after it up to the next line that reads as a row are skipped", rec.skipped)}
	}
	return row, rec.line, err
}

// parseCSVRecord reads one record's fields; line numbers in its errors
// count from the file's start.
func parseCSVRecord(rec csvRecord) ([]string, error) {
	r := csv.NewReader(strings.NewReader(rec.text))
	r.FieldsPerRecord = -1
	row, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("no row") // not reached: empty lines are passed over
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		pe.StartLine += int(rec.line) - 1
		pe.Line += int(rec.line) - 1
	}
	return row, err
}

func (c *csvReader) next() (*Article, error) {
	if c.header == nil {
		h, _, err := c.read()
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			return nil, fmt.Errorf("header: %w", err)
		}
		if len(h) > 0 {
			h[0] = strings.TrimPrefix(h[0], "\ufeff")
		}
		for i := range h {
			h[i] = strings.TrimSpace(h[i])
			if h[i] == "" {
				// An unnamed column (often a row index) keeps its values in
				// meta under a name a query can use.
				h[i] = "column_" + strconv.Itoa(i+1)
			}
		}
		c.header = h
		c.cols = c.opts.Fields.resolve(h)
	}
	for {
		row, line, err := c.read()
		if err == io.EOF {
			return nil, io.EOF
		}
		c.record++
		fail := func(kind string, err error, ex string) error {
			return &RecordError{Source: c.src.name, Record: c.record, Line: line, ID: c.src.fallbackID(c.record), Kind: kind, Excerpt: excerpt(ex, 200), Err: err}
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &RecordError{Source: c.src.name, Record: c.record, Line: int64(pe.StartLine), ID: c.src.fallbackID(c.record), Kind: "csv", Excerpt: excerpt(strings.Join(row, ","), 200),
					Err: fmt.Errorf("invalid CSV at line %d, column %d: %v", pe.Line, pe.Column, pe.Err)}
			}
			return nil, err
		}
		if len(row) != len(c.header) {
			return nil, fail("field_count", fmt.Errorf("row has %d fields, the header has %d", len(row), len(c.header)), strings.Join(row, ","))
		}
		fields := make(map[string]string, len(row))
		for i, v := range row {
			fields[c.header[i]] = v
		}
		a := &Article{Source: c.src.name, Record: c.record, Line: line, key: c.src.key()}
		if re := c.cols.build(c.opts.Fields, a, record{fields: fields, order: c.header}, c.opts.MaxDocBytes); re != nil {
			if re.Excerpt == "" {
				re.Excerpt = excerpt(strings.Join(row, ","), 200)
			}
			return nil, re
		}
		return a, nil
	}
}

// recordGuard fails a read once the bytes read past the CSV reader's last
// record boundary exceed max. The error ends the source (a CSV stream cannot
// be resynchronised inside a quoted field) and is reported as too_large.
type recordGuard struct {
	r      io.Reader
	max    int64
	read   int64
	offset func() int64
}

func (g *recordGuard) Read(p []byte) (int, error) {
	if g.read-g.offset() > g.max {
		return 0, fmt.Errorf("%w: a record runs past %d bytes (an unclosed quote?); the rest of the file is not read", ErrTooLarge, g.max)
	}
	n, err := g.r.Read(p)
	g.read += int64(n)
	return n, err
}
