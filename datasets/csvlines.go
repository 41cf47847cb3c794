package datasets

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// SkipCSVLines counts the lines of a CSV file passed over after an
// unclosed quote, until a line that reads as a row of its own.
const SkipCSVLines = "csv_lines_skipped"

// csvLines splits a CSV stream into records, a record being the lines that
// a quoted field spans. It keeps the lines of the record in hand, so that
// when a quote never closes (by the end of the file, or past max bytes) the
// stream can be resynchronised: the record is reported broken and reading
// starts again at the first later line that reads as a row of its own.
type csvLines struct {
	r       *bufio.Reader
	comma   byte
	max     int64
	line    int64    // the last physical line read
	pending []string // lines read ahead and given back after a broken record
	pendAt  int64    // the line number of pending[0]
	last    []string // the lines of the record next returned last
}

// csvRecord is one record's text and the line it starts on. broken is set
// when a quote in it never closed: text is then its first line only, and
// skipped the lines passed over after it.
type csvRecord struct {
	text    string
	line    int64
	broken  bool
	skipped int
}

// nextLine returns the next physical line with its line ending.
func (c *csvLines) nextLine() (string, int64, error) {
	if len(c.pending) > 0 {
		l, n := c.pending[0], c.pendAt
		c.pending, c.pendAt = c.pending[1:], c.pendAt+1
		return l, n, nil
	}
	// A line is read in slices, so that one without end (a decompression
	// bomb) stops at max instead of filling memory.
	var b []byte
	for {
		part, err := c.r.ReadSlice('\n')
		b = append(b, part...)
		if int64(len(b)) > c.max {
			return "", 0, fmt.Errorf("%w: a line runs past %d bytes; the rest of the file is not read", ErrTooLarge, c.max)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if len(b) == 0 && err != nil {
			return "", 0, err
		}
		c.line++
		return string(b), c.line, nil
	}
}

// next returns the next record; fields is the header's field count, for
// finding where to start again (0 for the header itself).
func (c *csvLines) next(fields int) (csvRecord, error) {
	first, at, err := c.nextLine()
	if err != nil {
		return csvRecord{}, err
	}
	lines := []string{first}
	size := int64(len(first))
	open := quoteOpen(first, c.comma, false)
	for open && size <= c.max {
		l, _, err := c.nextLine()
		if err == io.EOF {
			break // the end of the file with the quote open
		}
		if err != nil {
			return csvRecord{}, err
		}
		lines = append(lines, l)
		size += int64(len(l))
		open = quoteOpen(l, c.comma, true)
	}
	c.last = lines
	if !open {
		return csvRecord{text: strings.Join(lines, ""), line: at}, nil
	}
	return c.reject(at, fields), nil
}

// reject reports the last record, which starts on line at, broken: its
// first line is the record, and reading starts again at the first later
// line that is a row of its own, the lines before it passed over. A quote
// that never closes is one cause; a quote closed lines later by another
// record's quote, leaving a record that is no row, is the other.
func (c *csvLines) reject(at int64, fields int) csvRecord {
	rest := c.last[1:]
	k := 0
	for k < len(rest) && !standsAlone(rest[k], c.comma, fields) {
		k++
	}
	c.pending = append(append([]string(nil), rest[k:]...), c.pending...)
	c.pendAt = at + 1 + int64(k)
	return csvRecord{text: c.last[0], line: at, broken: true, skipped: k}
}

// quoteOpen reports whether a quoted field is still open at the end of
// line, given whether one was open at its start: the state machine of RFC
// 4180, where a quote opens a field only at its start and two quotes in a
// quoted field are one.
func quoteOpen(line string, comma byte, open bool) bool {
	atStart := !open
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case open && c == '"':
			if i+1 < len(line) && line[i+1] == '"' {
				i++
				continue
			}
			open = false
		case open:
		case c == '"' && atStart:
			open = true
		}
		atStart = c == comma || c == '\n'
	}
	return open
}

// standsAlone reports whether a line reads as a complete row: no quote
// left open and, when fields is set, that many fields.
func standsAlone(line string, comma byte, fields int) bool {
	if quoteOpen(line, comma, false) {
		return false
	}
	if fields == 0 {
		return true
	}
	return countFields(line, comma) == fields
}

// countFields counts the fields of a complete row.
func countFields(line string, comma byte) int {
	n, quoted := 1, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quoted = !quoted
		case c == comma && !quoted:
			n++
		}
	}
	return n
}
