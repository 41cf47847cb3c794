package datasets

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

// A sentence written for this test, with a multiword token and an empty
// node, which are not words.
const treebankText = `# sent_id = t-1
# text = She said it's late.
1	She	she	PRON	PRP	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3-4	it's	_	_	_	_	_	_	_	_
3	it	it	PRON	PRP	_	5	nsubj	_	_
4	's	be	AUX	VBZ	_	5	cop	_	_
4.1	is	be	AUX	VBZ	_	_	_	_	_
5	late	late	ADJ	JJ	_	2	ccomp	_	_
6	.	.	PUNCT	.	_	2	punct	_	_

1	Yes	yes	INTJ	UH	_	0	root	_	_
`

func TestTreebankReader(t *testing.T) {
	r := NewTreebankReader("t.conllu", strings.NewReader(treebankText))
	s, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != "t-1" || s.Text != "She said it's late." || s.Line != 3 {
		t.Errorf("sentence 1: id %q text %q line %d", s.ID, s.Text, s.Line)
	}
	if want := []string{"She", "said", "it", "'s", "late", "."}; !slices.Equal(s.Form, want) {
		t.Errorf("forms %q; want %q", s.Form, want)
	}
	if want := []int{2, 0, 5, 5, 2, 2}; !slices.Equal(s.Head, want) {
		t.Errorf("heads %v; want %v", s.Head, want)
	}
	if s.Lemma[3] != "be" || s.XPOS[3] != "VBZ" || s.UPOS[3] != "AUX" || s.Dep[3] != "cop" {
		t.Errorf("word 4: %s %s %s %s", s.Lemma[3], s.XPOS[3], s.UPOS[3], s.Dep[3])
	}
	s, err = r.Next()
	if err != nil || s.Len() != 1 || s.Form[0] != "Yes" {
		t.Errorf("sentence 2: %+v, %v", s, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the last sentence: %v; want io.EOF", err)
	}
}

func TestTreebankErrors(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
	}{
		{"short line", "1\tShe\tshe\n", 1},
		{"id out of order", "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n", 2},
		{"bad head", "1\ta\ta\tX\tX\t_\tx\troot\t_\t_\n", 1},
		{"head past the sentence", "# c\n1\ta\ta\tX\tX\t_\t9\troot\t_\t_\n\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTreebankReader("bad.conllu", strings.NewReader(tt.text)).Next()
			var ge *GoldError
			if !errors.As(err, &ge) || !errors.Is(err, ErrCoNLLU) || ge.Path != "bad.conllu" || ge.Line != tt.line {
				t.Errorf("Next() = %v; want a CoNLL-U error at bad.conllu:%d", err, tt.line)
			}
		})
	}
}

func FuzzTreebank(f *testing.F) {
	f.Add([]byte(treebankText))
	f.Add([]byte("1\ta\ta\tX\tX\t_\t0\troot\t_\t_"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewTreebankReader("fuzz.conllu", bytes.NewReader(b))
		for range len(b) + 2 {
			s, err := r.Next()
			if err != nil {
				return
			}
			n := s.Len()
			if n == 0 || len(s.Lemma) != n || len(s.UPOS) != n || len(s.XPOS) != n || len(s.Head) != n || len(s.Dep) != n {
				t.Fatalf("sentence with %d words and columns of other lengths: %+v", n, s)
			}
			for _, h := range s.Head {
				if h > n {
					t.Fatalf("head %d in a sentence of %d words", h, n)
				}
			}
		}
		t.Fatal("reader did not end")
	})
}
