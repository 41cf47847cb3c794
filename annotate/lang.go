package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// langSample is how much of an article language detection reads: enough
// for a reliable guess, and a bound on its cost for a long article.
const langSample = 2048

// DetectLanguage names the language of text, from its first 2 KiB, by
// character trigrams (whatlanggo, 84 languages): an ISO 639-1 code where
// the language has one, else ISO 639-3. ok is false when the guess is not
// reliable (short or mixed text); lang is then "".
func DetectLanguage(text string) (lang string, ok bool) {
	if len(text) > langSample {
		cut := langSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	// Trigram detection costs about 2 ms an article, as much as the rest of
	// newsnlp; English news is told by its function words in microseconds.
	hits, words := countEnglish(text)
	share := 0.0
	if words >= 20 {
		share = float64(hits) / float64(words)
	}
	if share >= englishThreshold {
		return "en", true
	}
	// Names and numbers belong to no language, and a text made mostly of
	// them (sports results, share prices) fools trigrams: in Latin script
	// only the words that start in lower case are read.
	sample := text
	if whatlanggo.DetectScript(text) == unicode.Latin {
		var distinct int
		sample, distinct = lowerCaseWords(text)
		if distinct < 12 {
			return "", false // too few words (a table of figures) to tell
		}
	}
	info := whatlanggo.Detect(sample)
	// Trigrams alone are unsure between close languages (Dutch, Afrikaans,
	// Frisian) in a short text; a text of 20 words or more with no English
	// function word is surely not English, so its best guess stands.
	sure := info.IsReliable() || (hits == 0 && words >= 20 && info.Lang != whatlanggo.Eng)
	if info.Lang < 0 || !sure {
		return "", false
	}
	if code := info.Lang.Iso6391(); code != "" {
		return code, true
	}
	return info.Lang.Iso6393(), true
}

// lowerCaseWords returns the words of text that start with a lower-case
// letter, joined by spaces, and how many distinct ones there are.
func lowerCaseWords(text string) (string, int) {
	var b strings.Builder
	seen := map[string]bool{}
	for _, w := range strings.Fields(text) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			seen[strings.TrimRight(w, ".,;:!?\"')")] = true
		}
	}
	return b.String(), len(seen)
}

// englishFunctionWords are frequent English words that are not (frequent)
// words of the other languages written in Latin script: no "a", "in", "was",
// "will", "die", "also".
var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "that": true, "for": true,
	"with": true, "said": true, "is": true, "it": true, "he": true, "his": true,
	"from": true, "by": true, "at": true, "have": true, "has": true, "are": true,
	"be": true, "this": true, "not": true, "but": true, "they": true, "were": true,
	"which": true, "been": true, "their": true, "who": true, "would": true,
	"she": true, "her": true, "had": true, "there": true, "or": true, "an": true,
	"we": true, "its": true, "after": true, "about": true, "more": true,
}

// englishThreshold is the share of englishFunctionWords above which text is
// English: English news runs at 25–35%, other languages below 5%.
const englishThreshold = 0.15

// englishShare is the share of the words of text (runs of letters,
// lower-cased) that are englishFunctionWords; 0 under 20 words.
func englishShare(text string) float64 {
	hits, words := countEnglish(text)
	if words < 20 {
		return 0
	}
	return float64(hits) / float64(words)
}

func countEnglish(text string) (hits, words int) {
	var buf [16]byte
	n := 0
	flush := func() {
		if n > 0 {
			words++
			if n <= len(buf) && englishFunctionWords[string(buf[:n])] {
				hits++
			}
		}
		n = 0
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 0x80:
			// Part of a non-ASCII letter: the word is not an English
			// function word, but it is a word.
			n = len(buf) + 1
			continue
		default:
			flush()
			continue
		}
		if n < len(buf) {
			buf[n] = c
		}
		n++
	}
	flush()
	return hits, words
}

// NormalizeLanguage turns a language as inputs give it ("en", "EN-gb",
// "en_US", "eng", "English") into the code DetectLanguage uses, "" when it
// cannot tell.
func NormalizeLanguage(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	switch len(s) {
	case 0:
		return ""
	case 2:
		return s
	case 3:
		if l := whatlanggo.CodeToLang(s); l >= 0 {
			if c := l.Iso6391(); c != "" {
				return c
			}
		}
		return s
	}
	for l, name := range whatlanggo.Langs {
		if strings.ToLower(name) == s {
			if c := l.Iso6391(); c != "" {
				return c
			}
			return l.Iso6393()
		}
	}
	return s
}
