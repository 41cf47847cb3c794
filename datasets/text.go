package datasets

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// textReader reads one whole .txt file as one article.
type textReader struct {
	r    *bufio.Reader
	src  *source
	opts Options
	done bool
}

func newTextReader(r *bufio.Reader, s *source, opts Options) *textReader {
	return &textReader{r: r, src: s, opts: opts}
}

func (t *textReader) next() (*Article, error) {
	if t.done {
		return nil, io.EOF
	}
	t.done = true
	id := t.src.idBase
	if !t.src.inFolder {
		id = t.src.fallbackID(1)
	}
	lim := io.Reader(t.r)
	if t.opts.MaxDocBytes > 0 {
		lim = io.LimitReader(t.r, int64(t.opts.MaxDocBytes)+1)
	}
	b, err := io.ReadAll(lim)
	if err != nil {
		return nil, err
	}
	fail := func(kind string, err error) error {
		return &RecordError{Source: t.src.name, Record: 1, Line: 1, ID: id, Kind: kind, Excerpt: excerpt(string(b), 200), Err: err}
	}
	if t.opts.MaxDocBytes > 0 && len(b) > t.opts.MaxDocBytes {
		return nil, fail("too_large", fmt.Errorf("%w: file is over --max-doc-bytes %d", ErrTooLarge, t.opts.MaxDocBytes))
	}
	if strings.TrimSpace(string(b)) == "" {
		return nil, fail("no_text", ErrNoText)
	}
	a := &Article{ID: id, Source: t.src.name, Record: 1, Line: 1}
	a.Text = a.repairUTF8(string(b))
	if t.opts.TitleLine {
		first, _, _ := strings.Cut(a.Text, "\n")
		a.Title = strings.TrimSpace(first)
	}
	return a, nil
}
