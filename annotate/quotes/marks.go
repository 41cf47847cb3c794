package quotes

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// cueLexiconText is the cue lexicon; its header names what informed it.
//
//go:embed cues.txt
var cueLexiconText string

// cueEntry is one reporting or denial cue.
type cueEntry struct {
	lemma string
	class string
	words []string // the form's words: one for verbs, more for phrasal cues
	// learned is set for a cue the cue model found that holds no word of
	// the lexicon (reportType reads it).
	learned bool
}

// cueLexicon maps a cue form's first word (lower case) to its entries,
// longest first.
type cueLexicon map[string][]cueEntry

func loadCueLexicon() (cueLexicon, error) {
	lex := cueLexicon{}
	for n, line := range strings.Split(cueLexiconText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) != 3 {
			return nil, fmt.Errorf("cues.txt:%d: want lemma|class|forms", n+1)
		}
		lemma, class := parts[0], parts[1]
		phrasal := strings.Contains(lemma, " ")
		var forms []string
		if phrasal {
			// Phrasal forms are listed with two spaces between them would be
			// ambiguous: they are the lemma's words with the verb inflected,
			// so split on the verb forms of the first word.
			forms = phrasalForms(parts[2], len(strings.Fields(lemma)))
		} else {
			forms = strings.Fields(parts[2])
		}
		for _, f := range forms {
			words := strings.Fields(f)
			lex[words[0]] = append(lex[words[0]], cueEntry{lemma: lemma, class: class, words: words})
		}
	}
	for k, es := range lex {
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && len(es[j].words) > len(es[j-1].words); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		lex[k] = es
	}
	return lex, nil
}

// phrasalForms splits "point out points out pointed out" into phrases of n
// words.
func phrasalForms(s string, n int) []string {
	f := strings.Fields(s)
	var out []string
	for i := 0; i+n <= len(f); i += n {
		out = append(out, strings.Join(f[i:i+n], " "))
	}
	return out
}

// quoteMarkSpan is a direct quotation in the text, marks included, in
// bytes.
type quoteMarkSpan struct{ start, end int }

// isOpeningContext reports whether the rune before a mark lets it open a
// quotation: start of text, white space, an opening bracket or dash.
func isOpeningContext(prev rune) bool {
	return prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-“‘\"", prev)
}

// findQuoteMarks finds direct quotations in [start, end) of text: “…”,
// "…", ‘…’ and '…' (a ’ or ' between letters or before a digit is an
// apostrophe, not a mark). A quotation may run over several paragraphs when each reopens
// the mark; one left open ends at the end of its paragraph, so a stray mark
// never swallows the rest of the article. Quotations inside a quotation
// are part of it.
func findQuoteMarks(text string, start, end int) []quoteMarkSpan {
	var out []quoteMarkSpan
	i := start
	prev := rune(0)
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if r == '\'' && strings.HasPrefix(text[i:end], "''") && isOpeningContext(prev) {
			// Some papers (the New York Times among them) write quotations
			// between two apostrophes: ''…''.
			if j := strings.Index(text[i+2:end], "''"); j >= 0 && !strings.Contains(text[i+2:i+2+j], "\n\n") {
				out = append(out, quoteMarkSpan{i, i + 2 + j + 2})
				i += 2 + j + 2
				prev = '\''
				continue
			}
		}
		var closing rune
		switch {
		case r == '“':
			closing = '”'
		case r == '"' && isOpeningContext(prev):
			closing = '"'
		case r == '‘' && isOpeningContext(prev):
			closing = '’'
		case r == '\'' && isOpeningContext(prev) && english.StartsUpper(text[i+n:end]):
			// 'It was not what we expected,' said …: a straight single
			// mark before a capital opens a quotation when one closes it
			// in the paragraph.
			closing = '\''
		}
		if closing == 0 {
			prev = r
			i += n
			continue
		}
		qEnd := scanQuote(text, i+n, end, r, closing)
		if qEnd < 0 {
			// A single mark that never closes is an apostrophe or a typo.
			prev = r
			i += n
			continue
		}
		out = append(out, quoteMarkSpan{i, qEnd})
		i = qEnd
		prev, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	return out
}

// scanQuote finds the end (after the closing mark) of a quotation opened
// with open just before from; -1 when a single-quote quotation does not
// close in its paragraph.
func scanQuote(text string, from, end int, open, closing rune) int {
	i := from
	inner := 0 // straight quotations opened inside a curly one
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if r == closing && (closing != '’' || !apostrophe(text, i, n, end)) && (closing != '"' || i > from) && (closing != '\'' || straightSingleCloses(text, i, n, end)) {
			return i + n
		}
		if r == '"' && open == '“' {
			// A curly quotation closed by a straight mark typed by hand
			// (“I heard it," he said): a straight mark after a word and
			// before a space or punctuation closes it, unless it closes a
			// straight quotation opened inside.
			before, _ := utf8.DecodeLastRuneInString(text[:i])
			after, _ := utf8.DecodeRuneInString(text[i+n : end])
			switch {
			case isOpeningContext(before):
				inner++
			case inner > 0:
				inner--
			case i+n == end || unicode.IsSpace(after) || unicode.IsPunct(after):
				if next := strings.IndexRune(text[i:end], closing); next < 0 || strings.Contains(text[i:i+next], "\n") {
					return i + n
				}
			}
		}
		if r == '”' && open == '"' {
			// A straight quotation closed by a curly mark ("It is over,”
			// he said): the curly mark closes it when no straight mark
			// does on the same line.
			before, _ := utf8.DecodeLastRuneInString(text[:i])
			after, _ := utf8.DecodeRuneInString(text[i+n : end])
			if !isOpeningContext(before) && (i+n == end || unicode.IsSpace(after) || unicode.IsPunct(after)) {
				if next := strings.IndexByte(text[i:end], '"'); next < 0 || strings.Contains(text[i:i+next], "\n") {
					return i + n
				}
			}
		}
		if r == '\n' && strings.HasPrefix(text[i+n:end], "\n") || r == '\n' && strings.HasPrefix(strings.TrimLeft(text[i+n:end], " \t\r"), "\n") {
			// End of paragraph: the quotation goes on only if the next
			// paragraph reopens the same mark.
			j := i
			for j < end && (text[j] == '\n' || text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if next, _ := utf8.DecodeRuneInString(text[j:end]); next == open {
				i = j + utf8.RuneLen(open)
				continue
			}
			if open == '‘' || open == '\'' {
				return -1
			}
			return trimRightSpace(text, i)
		}
		i += n
	}
	if open == '‘' || open == '\'' {
		return -1
	}
	return trimRightSpace(text, end)
}

// straightSingleCloses reports whether the straight mark at i closes a
// quotation opened with one: it ends the quoted words' punctuation (…,'
// or …?') or comes before a comma or full stop, and it is no apostrophe
// (don't, the voters' choice).
func straightSingleCloses(text string, i, n, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+n : end])
	if unicode.IsLetter(after) || unicode.IsDigit(after) {
		return false
	}
	return strings.ContainsRune(",.?!;:", before) || after == ',' || after == '.'
}

// apostrophe reports whether the ’ at i is an apostrophe: between letters
// (don’t), or before a digit (’90s).
func apostrophe(text string, i, n, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+n : end])
	return unicode.IsLetter(before) && unicode.IsLetter(after) || unicode.IsDigit(after)
}

func trimRightSpace(text string, i int) int {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// quoteZone reports whether attributions are looked for in a zone: the body
// only; quotes in boilerplate teasers belong to other articles.
func quoteZone(kind string) bool { return kind == doc.ZoneBody || kind == doc.ZoneDateline }
