package datasets

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonStreamReader reads a JSON document that is not one object per line:
// an array of objects ([{…}, {…}]), or pretty-printed objects one after
// another. Each object is one record; its line is the line it starts on.
type jsonStreamReader struct {
	dec    *json.Decoder
	lines  *lineCounter
	src    *source
	opts   Options
	record int64
	array  bool // the document is a top-level array
	begun  bool
	done   bool
}

// isJSONStream tells, from the start of a JSON input, whether it is a JSON
// array or pretty-printed objects rather than JSON Lines: its first
// non-blank character is "[", or its first line is "{" alone, as every
// common pretty-printer writes it.
func isJSONStream(br *bufio.Reader) bool {
	trimmed := jsonStart(br)
	if len(trimmed) == 0 {
		return false
	}
	if trimmed[0] == '[' {
		return true
	}
	line, _, _ := bytes.Cut(trimmed, []byte("\n"))
	return string(bytes.TrimSpace(line)) == "{"
}

// jsonStart is the start of the input from its first non-blank byte,
// after any byte order mark, without consuming it.
func jsonStart(br *bufio.Reader) []byte {
	head, _ := br.Peek(64 << 10)
	return bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
}

func newJSONStreamReader(br *bufio.Reader, s *source, opts Options) *jsonStreamReader {
	trimmed := jsonStart(br)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\ufeff")) {
		br.Discard(3) // a byte order mark; encoding/json refuses it
	}
	lc := &lineCounter{r: br, line: 1}
	return &jsonStreamReader{dec: json.NewDecoder(lc), lines: lc, src: s, opts: opts, array: len(trimmed) > 0 && trimmed[0] == '['}
}

func (j *jsonStreamReader) next() (*Article, error) {
	if j.done {
		return nil, io.EOF
	}
	if !j.begun {
		j.begun = true
		if j.array {
			if _, err := j.dec.Token(); err != nil { // the opening [
				j.record++
				return nil, j.fatal(err)
			}
		}
	}
	if !j.dec.More() {
		j.done = true
		if j.array {
			if _, err := j.dec.Token(); err != nil { // the closing ]
				j.record++
				return nil, j.fatal(err)
			}
		}
		return nil, io.EOF
	}
	j.record++
	line := j.lines.lineAt(j.dec.InputOffset() + j.skipBlank())
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		return nil, j.fatal(err)
	}
	a := &Article{Source: j.src.name, Record: j.record, Line: line, key: j.src.key()}
	rec, err := decodeObject(raw)
	if err != nil {
		return nil, &RecordError{Source: j.src.name, Record: j.record, Line: line, ID: j.src.fallbackID(j.record), Kind: "json", Excerpt: excerpt(string(raw), 200), Err: err}
	}
	return objectArticle(j.opts, a, rec, raw)
}

// skipBlank is how many blank bytes (and a comma) lie before the next
// value in the decoder's buffer, so that a record's line is the line of its
// opening brace.
func (j *jsonStreamReader) skipBlank() int64 {
	r := bufio.NewReaderSize(j.dec.Buffered(), 16)
	n := int64(0)
	for {
		c, err := r.ReadByte()
		if err != nil || c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' {
			return n
		}
		n++
	}
}

// fatal is an error after which the rest of the document cannot be read: a
// JSON syntax error leaves no place to resume.
func (j *jsonStreamReader) fatal(err error) error {
	j.done = true
	line := j.lines.lineAt(j.dec.InputOffset())
	var se *json.SyntaxError
	msg := err.Error()
	if errors.As(err, &se) {
		line = j.lines.lineAt(se.Offset)
		msg = fmt.Sprintf("invalid JSON (byte %d): %v; the records after this point are not read", se.Offset, se)
	} else if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		msg = "invalid JSON: the file ends inside a value; the records after this point are not read"
	}
	return &RecordError{Source: j.src.name, Record: j.record, Line: line, ID: j.src.fallbackID(j.record), Kind: "json", Err: errors.New(msg)}
}

// lineCounter passes a reader through, remembering where its lines start
// so that a byte offset the decoder reports can be turned into a line.
// Offsets are asked for in increasing order; lines before the last one
// asked for are forgotten, so memory stays bounded by the decoder's
// read-ahead.
type lineCounter struct {
	r      io.Reader
	read   int64   // bytes passed through
	line   int64   // line number at offset base
	starts []int64 // offsets of newlines not yet passed by lineAt
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.starts = append(l.starts, l.read+int64(i))
		}
	}
	l.read += int64(n)
	return n, err
}

// lineAt is the 1-based line of byte offset off.
func (l *lineCounter) lineAt(off int64) int64 {
	i := 0
	for i < len(l.starts) && l.starts[i] < off {
		i++
	}
	l.line += int64(i)
	l.starts = l.starts[i:]
	return l.line
}
