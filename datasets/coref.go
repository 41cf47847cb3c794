package datasets

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// GoldCoref is one mention of a treebank's coreference layer (GUM's
// Entity= annotations in MISC): its span in the document's text in code
// points, the entity (chain) it belongs to, and whether a word of it is a
// proper noun (UPOS PROPN), which tells a named mention from a pronoun or
// a description.
type GoldCoref struct {
	Start, End int
	Chain      string
	Proper     bool
}

// TreebankDocuments rebuilds the documents of a treebank from its
// sentences' text comments: sentences joined by a space, paragraphs by a
// blank line, a document at every newdoc id. Each word is placed where its
// form next occurs in its sentence's text. Documents whose words carry
// coreference (MISC Entity=) get it as Coref, with HasCoref set; the
// others are left out, and a treebank without any gives none. A sentence
// without a text comment is left out too, unless it has coreference,
// which is an error.
func TreebankDocuments(path string, sents []TreebankSentence) ([]GoldDoc, error) {
	var out []GoldDoc
	var b *corefBuilder
	flush := func() {
		if b != nil && len(b.doc.Coref) > 0 {
			b.doc.Text = b.text.String()
			b.doc.HasCoref = true
			out = append(out, b.doc)
		}
	}
	for i := range sents {
		s := &sents[i]
		if s.DocID != "" || b == nil {
			flush()
			id := s.DocID
			if id == "" {
				id = fmt.Sprintf("%s#%d", path, s.Line)
			}
			b = &corefBuilder{doc: GoldDoc{ID: id, Source: path, Line: s.Line}, open: map[string][]int{}}
		}
		if s.Text == "" {
			if slices.ContainsFunc(s.Misc, func(m string) bool { return strings.Contains(m, "Entity=") }) {
				return nil, &GoldError{Path: path, Line: s.Line, Err: fmt.Errorf("%w: a sentence with coreference but no text comment: its words cannot be placed in a document", ErrCoNLLU)}
			}
			continue // no coreference to place
		}
		if err := b.sentence(s); err != nil {
			return nil, &GoldError{Path: path, Line: s.Line, Err: fmt.Errorf("%w: %v", ErrCoNLLU, err)}
		}
	}
	flush()
	return out, nil
}

// corefBuilder puts one document together.
type corefBuilder struct {
	doc   GoldDoc
	text  strings.Builder
	n     int              // code points written
	open  map[string][]int // chain → word indexes where its open mentions start
	words [][2]int         // every word's span so far
	upos  []string
}

func (b *corefBuilder) sentence(s *TreebankSentence) error {
	if b.n > 0 {
		sep := " "
		if s.NewPar {
			sep = "\n\n"
		}
		b.text.WriteString(sep)
		b.n += len(sep)
	}
	base := b.n
	b.text.WriteString(s.Text)
	b.n += utf8.RuneCountInString(s.Text)
	at := 0 // bytes of s.Text consumed
	for i, form := range s.Form {
		start, end := base+utf8.RuneCountInString(s.Text[:at]), 0
		if k := strings.Index(s.Text[at:], form); k >= 0 {
			start = base + utf8.RuneCountInString(s.Text[:at+k])
			at += k + len(form)
		}
		end = max(start, base+utf8.RuneCountInString(s.Text[:at]))
		b.words = append(b.words, [2]int{start, end})
		b.upos = append(b.upos, s.UPOS[i])
		if i < len(s.Misc) {
			if err := b.entities(s.Misc[i]); err != nil {
				return fmt.Errorf("word %d (%q): %v", i+1, form, err)
			}
		}
	}
	return nil
}

// entities reads one word's Entity= value: "(ID-…" opens a mention of
// chain ID at this word, "ID)" closes the latest open one, and "(ID-…)"
// is a mention of this word alone.
func (b *corefBuilder) entities(misc string) error {
	w := len(b.words) - 1
	for _, field := range strings.Split(misc, "|") {
		v, ok := strings.CutPrefix(field, "Entity=")
		if !ok {
			continue
		}
		for i := 0; i < len(v); {
			if v[i] == '(' {
				j := i + 1
				for j < len(v) && v[j] != '(' && v[j] != ')' {
					j++
				}
				chain, _, _ := strings.Cut(v[i+1:j], "-")
				if chain == "" {
					return fmt.Errorf("Entity=%s: an opening with no entity id", v)
				}
				if j < len(v) && v[j] == ')' {
					b.add(chain, w, w)
					j++
				} else {
					b.open[chain] = append(b.open[chain], w)
				}
				i = j
				continue
			}
			j := i
			for j < len(v) && v[j] != ')' && v[j] != '(' {
				j++
			}
			if j == len(v) || v[j] != ')' {
				return fmt.Errorf("Entity=%s: %q is neither an opening nor a closing", v, v[i:j])
			}
			chain := v[i:j]
			st := b.open[chain]
			if len(st) == 0 {
				return fmt.Errorf("Entity=%s: entity %s closes but is not open", v, chain)
			}
			b.add(chain, st[len(st)-1], w)
			b.open[chain] = st[:len(st)-1]
			i = j + 1
		}
	}
	return nil
}

// add records a mention of chain over words w0 to w1.
func (b *corefBuilder) add(chain string, w0, w1 int) {
	m := GoldCoref{Start: b.words[w0][0], End: b.words[w1][1], Chain: chain}
	for k := w0; k <= w1; k++ {
		m.Proper = m.Proper || b.upos[k] == "PROPN"
	}
	b.doc.Coref = append(b.doc.Coref, m)
}
