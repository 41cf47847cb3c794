package datasets

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// jsonlReader reads one JSON object per line. Blank lines are skipped.
type jsonlReader struct {
	r       *bufio.Reader
	src     *source
	opts    Options
	line    int64
	record  int64
	maxLine int
	buf     []byte
}

func newJSONLReader(r *bufio.Reader, s *source, opts Options) *jsonlReader {
	maxLine := 0
	if opts.MaxDocBytes > 0 {
		// JSON escaping can double a text's size, and the other fields need
		// room too.
		maxLine = 2*opts.MaxDocBytes + 1<<20
	}
	return &jsonlReader{r: r, src: s, opts: opts, maxLine: maxLine}
}

// readLine returns the next line without its newline. A line longer than
// maxLine is consumed and reported as too long, without being held in
// memory.
func (j *jsonlReader) readLine() (line []byte, tooLong bool, err error) {
	j.buf = j.buf[:0]
	for {
		frag, err := j.r.ReadSlice('\n')
		if !tooLong {
			if j.maxLine > 0 && len(j.buf)+len(frag) > j.maxLine {
				tooLong = true
				j.buf = append(j.buf[:0], frag[:min(len(frag), 200)]...)
			} else {
				j.buf = append(j.buf, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && (len(j.buf) > 0 || tooLong) {
			return bytes.TrimRight(j.buf, "\r\n"), tooLong, nil
		}
		if err != nil {
			return nil, false, err
		}
		return bytes.TrimRight(j.buf, "\r\n"), tooLong, nil
	}
}

func (j *jsonlReader) next() (*Article, error) {
	for {
		line, tooLong, err := j.readLine()
		if err != nil {
			return nil, err
		}
		j.line++
		if !tooLong && len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		j.record++
		a := &Article{Source: j.src.name, Record: j.record, Line: j.line, key: j.src.key()}
		fail := func(kind string, err error) error {
			return &RecordError{Source: j.src.name, Record: j.record, Line: j.line, ID: j.src.fallbackID(j.record), Kind: kind, Excerpt: excerpt(string(line), 200), Err: err}
		}
		if tooLong {
			return nil, fail("too_large", fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, j.maxLine))
		}
		if !utf8.Valid(line) {
			// encoding/json would replace the bad bytes silently: decode a
			// legacy single-byte line, or count the repair.
			if d, ok := decodeLegacy(string(line)); ok {
				line = []byte(d)
				a.warn(WarnLatin1)
			} else {
				a.warn(WarnUTF8)
			}
		}
		rec, err := decodeObject(line)
		if err != nil {
			return nil, fail("json", err)
		}
		return objectArticle(j.opts, a, rec, line)
	}
}

// objectArticle fills a from one JSON object's fields; a record error
// shows the start of the object.
func objectArticle(opts Options, a *Article, rec record, raw []byte) (*Article, error) {
	cols := opts.Fields.resolve(rec.order)
	if re := cols.build(opts.Fields, a, rec, opts.MaxDocBytes); re != nil {
		if re.Excerpt == "" {
			re.Excerpt = excerpt(string(raw), 200)
		}
		return nil, re
	}
	return a, nil
}

// decodeObject decodes one JSON object into its fields as strings (numbers
// and booleans as written, nested values as compact JSON, null as ""),
// their JSON values, and the keys in input order.
func decodeObject(line []byte) (record, error) {
	fields, typed, order, err := decodeFields(line)
	return record{fields: fields, order: order, typed: typed}, err
}

func decodeFields(line []byte) (map[string]string, map[string]json.RawMessage, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, nil, jsonError(line, dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, nil, fmt.Errorf("not a JSON object (starts with %s)", describeToken(tok))
	}
	fields := make(map[string]string)
	typed := make(map[string]json.RawMessage)
	var order []string
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, nil, nil, jsonError(line, dec, err)
		}
		key, _ := kt.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, nil, nil, jsonError(line, dec, err)
		}
		v, err := rawString(raw)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("field %q: %w", key, err)
		}
		if _, dup := fields[key]; !dup {
			order = append(order, key)
		}
		fields[key] = v
		typed[key] = raw
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, nil, jsonError(line, dec, err)
	}
	if dec.More() {
		return nil, nil, nil, fmt.Errorf("invalid JSON: more than one value on the line (column %d)", dec.InputOffset()+1)
	}
	return fields, typed, order, nil
}

func jsonError(line []byte, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at column %d: %v", se.Offset, se)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("invalid JSON: line ends inside a value (column %d)", len(line)+1)
	}
	return fmt.Errorf("invalid JSON at column %d: %v", dec.InputOffset()+1, err)
}

func describeToken(t json.Token) string {
	switch t.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", fmt.Sprint(t))
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "null"
}

// rawString renders one JSON value as an input field string.
func rawString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		return s, nil
	case 'n':
		return "", nil
	case '{', '[':
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	return strings.TrimSpace(string(raw)), nil
}
