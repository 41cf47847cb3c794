package annotate

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/syntax"
)

// nlpStage assigns d.Sentences, d.Tokens (with tags, lemmas and the
// dependency parse), d.Words and d.Lower. It segments each zone into
// sentences, never across a blank line or a zone boundary, and tokenizes
// them with prose v3's models; newsnlp's own models (annotate/syntax) tag,
// lemmatise and parse each sentence. With prose's tagger chosen, its Penn
// Treebank tags replace ours before the lemmatiser and parser read them.
type nlpStage struct {
	segmenter *segment.Segmenter
	tokenizer *tokenize.Tokenizer
	syntax    *syntax.Models
	prose     *tag.Tagger // nil unless prose tags
}

// Taggers are the part-of-speech taggers Config.Tagger may name.
const (
	TaggerNewsnlp = "newsnlp"
	TaggerProse   = "prose"
)

// Taggers lists the taggers, the default first.
func Taggers() []string { return []string{TaggerNewsnlp, TaggerProse} }

func newNLPStage(tagger string) (*nlpStage, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("load sentence model: %w", err)
	}
	models, err := syntax.Embedded()
	if err != nil {
		return nil, err
	}
	s := &nlpStage{segmenter: seg, tokenizer: tokenize.New(), syntax: models}
	switch tagger {
	case TaggerNewsnlp, "":
	case TaggerProse:
		if s.prose, err = tag.New(); err != nil {
			return nil, fmt.Errorf("load POS model: %w", err)
		}
	default:
		return nil, fmt.Errorf("unknown tagger %q (want %s)", tagger, strings.Join(Taggers(), " or "))
	}
	return s, nil
}

func (*nlpStage) Name() string { return "nlp" }

func (s *nlpStage) Run(ctx context.Context, d *doc.Document) error {
	text := d.Text
	// News English runs at about 5.4 bytes a token (BBC: 5.1 MB, 960k
	// tokens); room for that many saves regrowing the slice, which was most
	// of this stage's allocation.
	d.Tokens = make([]doc.Token, 0, len(text)/5+16)
	for _, z := range d.Zones {
		for _, blk := range blocks(text, z.Start, z.End) {
			// A paragraph is at most milliseconds of work: checking here
			// lets Ctrl-C stop a huge document promptly.
			if err := ctx.Err(); err != nil {
				return err
			}
			for _, sent := range mergeTitleSplits(text[blk.start:blk.end], s.segmenter.Segment(text[blk.start:blk.end])) {
				if sent.Text != "" {
					s.sentence(d, blk.start+sent.Start, sent.Text, z.Kind)
				}
			}
		}
	}
	d.Lower = english.LowerTokens(d.Tokens)
	return nil
}

// sentence tokenizes and tags one sentence, which starts at byte base.
func (s *nlpStage) sentence(d *doc.Document, base int, text, zone string) {
	si := len(d.Sentences)
	toks := fixDoubleApostrophes(text, s.tokenizer.Tokenize(text))
	parse := s.analyse(text, toks)
	first := len(d.Tokens)
	for i, t := range toks {
		head := -1
		if h := parse.Head[i]; h >= 0 {
			head = first + h
		}
		d.Tokens = append(d.Tokens, doc.Token{Start: base + t.Start, End: base + t.End(), Text: t.Text, POS: t.Tag, Sent: si,
			UPOS: parse.UPOS[i], Lemma: parse.Lemma[i], Head: head, Dep: parse.Dep[i]})
		if doc.IsWord(t.Text) {
			d.Words++
		}
	}
	d.Sentences = append(d.Sentences, doc.Sentence{Start: base, End: base + len(text), Zone: zone, TokStart: first, TokEnd: len(d.Tokens)})
}

// analyse tags, lemmatises and parses one sentence's tokens, and sets
// their Tag to the Penn Treebank tag.
func (s *nlpStage) analyse(text string, toks []token.Token) *syntax.Sentence {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = english.NFC(t.Text) // the models' view: decomposed accents composed
	}
	parse := syntax.NewSentence(words)
	s.syntax.Tagger.Tag(parse)
	if s.prose != nil {
		s.prose.TagTokens(toks)
	} else {
		for i := range toks {
			toks[i].Tag = parse.XPOS[i]
		}
	}
	tagPossessiveApostrophes(text, toks)
	for i, t := range toks {
		parse.XPOS[i] = t.Tag
	}
	s.syntax.Lemmatiser.Lemmatise(parse)
	s.syntax.Parser.Parse(parse)
	return parse
}

// WordSplitter splits text into sentences of tokens exactly as the nlp
// stage does, without tagging them: for the unlabelled text the syntax
// models' word classes are learned from. It needs no trained model.
type WordSplitter struct{ nlp *nlpStage }

// NewWordSplitter loads prose's segmenter and tokenizer.
func NewWordSplitter() (*WordSplitter, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("load sentence model: %w", err)
	}
	return &WordSplitter{&nlpStage{segmenter: seg, tokenizer: tokenize.New()}}, nil
}

// Words returns text's sentences as tokens.
func (w *WordSplitter) Words(text string) [][]string {
	s := w.nlp
	var out [][]string
	for _, blk := range blocks(text, 0, len(text)) {
		for _, sent := range mergeTitleSplits(text[blk.start:blk.end], s.segmenter.Segment(text[blk.start:blk.end])) {
			toks := fixDoubleApostrophes(sent.Text, s.tokenizer.Tokenize(sent.Text))
			words := make([]string, len(toks))
			for i, t := range toks {
				words[i] = t.Text
			}
			if len(words) > 0 {
				out = append(out, words)
			}
		}
	}
	return out
}

// SentenceParser tags, lemmatises and parses sentences of given words, as
// the nlp stage does after tokenizing: for scoring the models on a
// treebank's own tokens.
type SentenceParser struct{ nlp *nlpStage }

// NewSentenceParser loads the models, with the tagger named (one of
// Taggers).
func NewSentenceParser(tagger string) (*SentenceParser, error) {
	nlp, err := newNLPStage(tagger)
	if err != nil {
		return nil, err
	}
	return &SentenceParser{nlp}, nil
}

// Parse returns the words' analysis. The words are joined with spaces for
// the rules that read the text between tokens.
func (p *SentenceParser) Parse(words []string) *syntax.Sentence {
	toks := make([]token.Token, len(words))
	var text strings.Builder
	for i, w := range words {
		if i > 0 {
			text.WriteByte(' ')
		}
		toks[i] = token.Token{Text: w, Start: text.Len()}
		text.WriteString(w)
	}
	return p.nlp.analyse(text.String(), toks)
}

// titleAbbrevs are the titles that stand before a name: a sentence never
// ends on one.
var titleAbbrevs = map[string]bool{"Mr.": true, "Mrs.": true, "Ms.": true, "Messrs.": true, "Dr.": true, "Prof.": true,
	"Sen.": true, "Sens.": true, "Rep.": true, "Reps.": true, "Gov.": true, "Gen.": true, "Lt.": true, "Col.": true,
	"Capt.": true, "Sgt.": true, "Adm.": true, "Cmdr.": true, "Rev.": true, "Gov.-elect": true, "Atty.": true, "Supt.": true}

// mergeTitleSplits joins a sentence ending on a title (Ms.) to the next
// one on the same line: prose's segmenter can split a quotation's "Ms.
// White said." after "Ms." when the name that follows is also a word. A
// sentence ending on an initial (P., W.) or on St., Mt. or Ft. is joined
// too, unless the next one opens with a word that opens sentences (The,
// He, But): "(P. Simmons 4-38)" and "George W. Bush" are one sentence,
// "He took Plan B. Then he left." two.
func mergeTitleSplits(text string, sents []segment.Sentence) []segment.Sentence {
	for i := 0; i+1 < len(sents); i++ {
		cur, next := sents[i], sents[i+1]
		last := cur.Text[strings.LastIndexAny(cur.Text, " \t\n ")+1:]
		last = strings.TrimLeft(last, "“\"'‘(")
		end := cur.Start + len(cur.Text)
		if next.Start < end || strings.ContainsAny(text[end:next.Start], "\n") {
			continue
		}
		if !titleAbbrevs[last] && !(nameAbbrev(last) && !opensSentence(next.Text)) {
			continue
		}
		sents[i] = segment.Sentence{Text: text[cur.Start : next.Start+len(next.Text)], Start: cur.Start}
		sents = append(sents[:i+1], sents[i+2:]...)
		i--
	}
	return sents
}

// nameAbbrev reports whether w is an initial (one capital letter and a
// full stop) or St., Mt. or Ft., in any case: abbreviations that stand
// inside a name.
func nameAbbrev(w string) bool {
	if len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	switch strings.ToUpper(w) {
	case "ST.", "MT.", "FT.":
		return true
	}
	return false
}

// sentenceOpeners are words that open sentences and are not names.
var sentenceOpeners = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and but or so yet nor for if as at in on of to by with from
		he she it they we i you this that these those there then thus however meanwhile
		his her its their our my your some many most much no not all both each every
		when while after before since because although though what who which where why how
		one two three four five six seven eight nine ten
		is are was were will would can could should may might must do does did has have had
		also even still only just now today yesterday tomorrow here once`) {
		sentenceOpeners[w] = true
	}
}

// opensSentence reports whether text starts with a word that opens
// sentences, or with anything but a capitalised word.
func opensSentence(text string) bool {
	text = strings.TrimLeft(text, "“\"'‘(")
	end := strings.IndexFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	if end < 0 {
		end = len(text)
	}
	w := text[:end]
	if !english.StartsUpper(w) {
		return true
	}
	return sentenceOpeners[strings.ToLower(w)]
}

// tagPossessiveApostrophes tags as a possessive (POS) an apostrophe that
// closes a plural or name ending in s (Sanders’ campaign, the voters'
// choice): prose tags it as a noun or a quotation mark, which splits the
// noun phrase it belongs to.
func tagPossessiveApostrophes(text string, toks []token.Token) {
	if !strings.ContainsAny(text, "'’") {
		return
	}
	for i := 1; i < len(toks); i++ {
		t := &toks[i]
		if t.Text != "’" && t.Text != "'" {
			continue
		}
		prev := toks[i-1]
		if prev.End() != t.Start || !strings.HasSuffix(prev.Text, "s") && !strings.HasSuffix(prev.Text, "S") {
			continue
		}
		if e := t.End(); e < len(text) && text[e] == ' ' && i+1 < len(toks) && doc.IsWord(toks[i+1].Text) {
			t.Tag = "POS"
		}
	}
}

// fixDoubleApostrophes makes each quotation mark written as two
// apostrophes (the New York Times' style) one token of its own. prose glues
// an opening one to the word after it and splits a closing one in two
// apostrophes, the second tagged as a possessive, which hides the mark
// from the quotes stage and pulls it into the speaker's name.
func fixDoubleApostrophes(text string, toks []token.Token) []token.Token {
	if !strings.Contains(text, "''") {
		return toks
	}
	out := make([]token.Token, 0, len(toks)+4)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.Text == "'" && i+1 < len(toks) && toks[i+1].Text == "'" && toks[i+1].Start == t.End():
			out = append(out, token.Token{Text: "''", Start: t.Start})
			i++
		case len(t.Text) > 2 && strings.HasPrefix(t.Text, "''") && t.Text[2] != '\'':
			out = append(out, token.Token{Text: "''", Start: t.Start}, token.Token{Text: t.Text[2:], Start: t.Start + 2})
		case len(t.Text) > 2 && strings.HasSuffix(t.Text, "''") && t.Text[len(t.Text)-3] != '\'':
			n := len(t.Text) - 2
			out = append(out, token.Token{Text: t.Text[:n], Start: t.Start}, token.Token{Text: "''", Start: t.Start + n})
		default:
			out = append(out, t)
		}
	}
	return out
}

// block is a byte range of text that sentence segmentation may not cross.
type block struct{ start, end int }

// blocks splits a zone into the runs of lines a sentence may span. A blank
// line always ends a block; a single line break ends one too, unless the
// next line reads as the continuation of a hard-wrapped sentence (it starts
// in lower case and the line before does not end a sentence). That keeps a
// headline and the paragraph under it, or two list items, apart.
func blocks(text string, start, end int) []block {
	var out []block
	cur := block{-1, -1}
	prevEnd := byte(0) // last non-space byte of the previous line
	pos := start
	for pos < end {
		nl := strings.IndexByte(text[pos:end], '\n')
		lineEnd := end
		if nl >= 0 {
			lineEnd = pos + nl
		}
		ls, le := trimSpan(text, pos, lineEnd)
		if ls == le {
			if cur.start >= 0 {
				out = append(out, cur)
				cur = block{-1, -1}
			}
		} else {
			if cur.start >= 0 && !continuesLine(prevEnd, text[ls:le]) {
				out = append(out, cur)
				cur = block{-1, -1}
			}
			if cur.start < 0 {
				cur.start = ls
			}
			cur.end = le
			prevEnd = text[le-1]
		}
		pos = lineEnd + 1
	}
	if cur.start >= 0 {
		out = append(out, cur)
	}
	return out
}

// continuesLine reports whether a line continues the sentence of the line
// before it, whose last byte is prev.
func continuesLine(prev byte, line string) bool {
	switch prev {
	case '.', '!', '?', ':', ';', '"':
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// trimSpan narrows [start, end) of text to exclude leading and trailing
// white space.
func trimSpan(text string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}
