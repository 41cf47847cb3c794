package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence's words and what the stages give them. Heads
// are 0-based word indexes, -1 for the root's child (the sentence's head).
type Sentence struct {
	Words []string
	XPOS  []string // Penn Treebank tags
	UPOS  []string // universal tags
	Lemma []string
	Head  []int
	Dep   []string

	fold int // the training sentence it is or is a copy of, for jackknifing
}

// NewSentence returns a sentence of words with room for its annotations.
func NewSentence(words []string) *Sentence {
	n := len(words)
	return &Sentence{Words: words, XPOS: make([]string, n), UPOS: make([]string, n), Lemma: make([]string, n), Head: make([]int, n), Dep: make([]string, n)}
}

// Casing is how a sentence is written: in ordinary case, in title case
// (most words capitalised, as many headlines are) or in capitals.
type Casing uint8

const (
	CaseNormal Casing = iota
	CaseTitle
	CaseUpper
)

func (c Casing) String() string { return [...]string{"normal", "title", "upper"}[c] }

// SentenceCasing tells how words are written. A sentence is in capitals
// when it has at least three words with letters and no lower-case letter;
// in title case when at least four words with letters start with a
// capital and they are at least nine in ten of its words with letters,
// not counting the short function words title case leaves in lower case.
func SentenceCasing(words []string) Casing {
	lettered, upperStart, hasLower := 0, 0, false
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !hasLetter(w) {
			continue
		}
		if strings.IndexFunc(w, unicode.IsLower) >= 0 {
			hasLower = true
		}
		if unicode.IsLower(r) && titleSmallWords[w] {
			continue
		}
		lettered++
		if unicode.IsUpper(r) {
			upperStart++
		}
	}
	switch {
	case lettered >= 3 && !hasLower:
		return CaseUpper
	case upperStart >= 4 && upperStart*10 >= lettered*9:
		return CaseTitle
	}
	return CaseNormal
}

// titleSmallWords are the words title case may leave in lower case.
var titleSmallWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "by": true, "with": true, "from": true,
	"as": true, "vs": true, "vs.": true, "via": true, "over": true, "into": true, "up": true, "off": true}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// TitleCase writes w with its first letter capitalised, as a title-case
// headline does.
func TitleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

// shape maps letters to X or x and digits to d, keeping other characters
// and collapsing runs of one class beyond two.
func shape(s string) string {
	var buf [24]byte
	b := buf[:0]
	var last rune
	run := 0
	for _, r := range s {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		last = c
		b = utf8.AppendRune(b, c)
		if len(b) > 20 {
			break
		}
	}
	return string(b)
}
