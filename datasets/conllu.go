package datasets

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// TreebankSentence is one sentence of a Universal Dependencies treebank
// (CoNLL-U): its syntactic words in order, each with its lemma, universal
// and language-specific (Penn Treebank, for English) tags, the 1-based
// index of its head (0 for the root) and its relation. Multiword-token
// ranges and empty nodes are not words and are left out.
type TreebankSentence struct {
	ID   string // the sent_id comment, or "" when there is none
	Text string // the text comment, or ""
	Line int    // line of the sentence's first word
	// DocID is the newdoc id comment of a sentence that opens a document
	// ("" for the others); NewPar is set when a paragraph opens with it.
	DocID  string
	NewPar bool

	Form, Lemma, UPOS, XPOS, Dep []string
	Head                         []int
	// Misc is each word's MISC column ("_" for none).
	Misc []string
}

// Len is the number of words.
func (s *TreebankSentence) Len() int { return len(s.Form) }

// ErrCoNLLU is wrapped by every error about a malformed CoNLL-U line.
var ErrCoNLLU = errors.New("malformed CoNLL-U")

// TreebankReader reads sentences from CoNLL-U, one per Next call, until
// io.EOF. A malformed line gives a *GoldError naming the file and line.
type TreebankReader struct {
	path string
	sc   *bufio.Scanner
	line int
}

// NewTreebankReader reads CoNLL-U from r; path names it in errors.
func NewTreebankReader(path string, r io.Reader) *TreebankReader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	return &TreebankReader{path: path, sc: sc}
}

// ReadTreebank reads every sentence of a CoNLL-U file.
func ReadTreebank(path string) ([]TreebankSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return NewTreebankReader(path, f).All()
}

// All reads every sentence left.
func (r *TreebankReader) All() ([]TreebankSentence, error) {
	var out []TreebankSentence
	for {
		s, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

func (r *TreebankReader) fail(format string, args ...any) error {
	return &GoldError{Path: r.path, Line: r.line, Err: fmt.Errorf("%w: %s", ErrCoNLLU, fmt.Sprintf(format, args...))}
}

// Next returns the next sentence, or io.EOF after the last.
func (r *TreebankReader) Next() (TreebankSentence, error) {
	var s TreebankSentence
	for r.sc.Scan() {
		r.line++
		line := strings.TrimRight(r.sc.Text(), "\r")
		switch {
		case line == "":
			if s.Len() > 0 {
				return s, s.checkHeads(r.path)
			}
			s = TreebankSentence{}
			continue
		case strings.HasPrefix(line, "#"):
			if v, ok := strings.CutPrefix(line, "# sent_id = "); ok {
				s.ID = v
			} else if v, ok := strings.CutPrefix(line, "# text = "); ok {
				s.Text = v
			} else if v, ok := strings.CutPrefix(line, "# newdoc id = "); ok {
				s.DocID, s.NewPar = v, true
			} else if line == "# newpar" || strings.HasPrefix(line, "# newpar ") {
				s.NewPar = true
			}
			continue
		}
		if err := r.word(&s, line); err != nil {
			return TreebankSentence{}, err
		}
	}
	if err := r.sc.Err(); err != nil {
		return TreebankSentence{}, &GoldError{Path: r.path, Line: r.line + 1, Err: err}
	}
	if s.Len() > 0 {
		return s, s.checkHeads(r.path)
	}
	return TreebankSentence{}, io.EOF
}

// word appends one word line's fields to s; range and empty-node lines
// are skipped.
func (r *TreebankReader) word(s *TreebankSentence, line string) error {
	cols := strings.Split(line, "\t")
	if len(cols) != 10 {
		return r.fail("%d tab-separated columns, want 10", len(cols))
	}
	if strings.ContainsAny(cols[0], "-.") {
		return nil
	}
	id, err := strconv.Atoi(cols[0])
	if err != nil || id != s.Len()+1 {
		return r.fail("ID %q, want %d", cols[0], s.Len()+1)
	}
	head := -1
	if cols[6] != "_" {
		if head, err = strconv.Atoi(cols[6]); err != nil || head < 0 {
			return r.fail("HEAD %q is not a word index", cols[6])
		}
	}
	if s.Len() == 0 {
		s.Line = r.line
	}
	s.Form = append(s.Form, cols[1])
	s.Lemma = append(s.Lemma, cols[2])
	s.UPOS = append(s.UPOS, cols[3])
	s.XPOS = append(s.XPOS, cols[4])
	s.Head = append(s.Head, head)
	s.Dep = append(s.Dep, cols[7])
	s.Misc = append(s.Misc, cols[9])
	return nil
}

// checkHeads reports the first head that points outside the sentence; a
// reader cannot tell that until the sentence ends. The line is the word's
// when the sentence has no multiword-token lines.
func (s *TreebankSentence) checkHeads(path string) error {
	for i, h := range s.Head {
		if h > s.Len() {
			return &GoldError{Path: path, Line: s.Line + i, Err: fmt.Errorf("%w: HEAD %d beyond the sentence's %d words", ErrCoNLLU, h, s.Len())}
		}
	}
	return nil
}
