// Package english holds the word lists and token tests of English that
// more than one stage reads: the particles inside names, the titles that
// tell a person's gender, first names, quotation-mark tokens, capitals and
// lower-casing. It imports only the doc package.
package english

import (
	"embed"
	"maps"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// NameParticles are the lower-case words inside names (Jabhat al Fateh al
// Sham, Ludwig van Beethoven, Charles de Gaulle).
var NameParticles = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "abu": true, "ul": true,
	"de": true, "del": true, "della": true, "di": true, "da": true, "du": true, "dos": true, "das": true,
	"van": true, "von": true, "der": true, "den": true, "la": true, "le": true, "ter": true,
}

// IsQuoteMark reports whether a token is a quotation mark.
func IsQuoteMark(s string) bool {
	// Most tokens are plain ASCII words: rule them out without a search.
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c < 0x80 && c != '"' && c != '\'' && c != '`'
	}
	if plain {
		return false
	}
	return strings.ContainsAny(s, "“”\"«»") || s == "''" || s == "``" || s == "‘" || s == "’"
}

// HasUpper reports whether s holds a capital letter.
func HasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// StartsLower reports whether s starts with a lower-case letter.
func StartsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// StartsUpper reports whether s starts with a capital letter.
func StartsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// FirstNameGender maps a lower-case first name to 'm' or 'f', from
// firstnames.txt.
var FirstNameGender = sync.OnceValue(func() map[string]byte { return readGenders("firstnames.txt", nil) })

// GenderOfFirstName maps a lower-case first name to 'm' or 'f', from
// firstnames.txt and then the longer gendernames.txt. It is for the
// gender a text gives a person; FirstNameGender, curated, is also what
// makes a word a first name.
var GenderOfFirstName = sync.OnceValue(func() map[string]byte {
	return readGenders("gendernames.txt", maps.Clone(FirstNameGender()))
})

// readGenders adds the "m NAME" and "f NAME" lines of an embedded file to
// g (a name already there keeps its gender).
func readGenders(file string, g map[string]byte) map[string]byte {
	b, err := firstNamesFS.ReadFile(file)
	if err != nil {
		panic(err) // embedded: present in every build
	}
	if g == nil {
		g = map[string]byte{}
	}
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sex, name, ok := strings.Cut(line, " ")
		name = strings.ToLower(strings.TrimSpace(name))
		if _, had := g[name]; ok && !had && (sex == "m" || sex == "f") {
			g[name] = sex[0]
		}
	}
	return g
}

// HonorificGender maps titles that say a person's gender.
var HonorificGender = map[string]byte{
	"mr": 'm', "mr.": 'm', "mister": 'm', "sir": 'm', "lord": 'm', "king": 'm', "prince": 'm',
	"mrs": 'f', "mrs.": 'f', "ms": 'f', "ms.": 'f', "miss": 'f', "lady": 'f', "dame": 'f', "madam": 'f', "queen": 'f', "princess": 'f',
}

// ShapeClass maps an upper-case letter to X, a lower-case one to x, a digit
// to d and keeps any other character.
func ShapeClass(r rune) rune {
	switch {
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLower(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return r
}

// LowerTokens returns the lower case of every token's text. The ASCII
// words that have capitals share one allocation; the rest are the text
// itself or, beyond ASCII, strings.ToLower's. The quotes stage looks each
// word up in several word lists, and lowering it each time was a quarter
// of its cost.
func LowerTokens(toks []doc.Token) []string {
	out := make([]string, len(toks))
	var buf []byte
	var ends []int32
	for i := range toks {
		s := toks[i].Text
		ascii, upper := true, false
		for j := 0; j < len(s) && ascii; j++ {
			c := s[j]
			ascii = c < utf8.RuneSelf
			upper = upper || 'A' <= c && c <= 'Z'
		}
		switch {
		case !ascii:
			out[i] = strings.ToLower(NFC(s))
		case !upper:
			out[i] = s
		default:
			for j := 0; j < len(s); j++ {
				c := s[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
			}
			ends = append(ends, int32(i), int32(len(buf)))
		}
	}
	all, from := string(buf), int32(0)
	for k := 0; k < len(ends); k += 2 {
		out[ends[k]] = all[from:ends[k+1]]
		from = ends[k+1]
	}
	return out
}

//go:embed firstnames.txt gendernames.txt
var firstNamesFS embed.FS

// NameKey folds what differs between spellings of one name: case, hyphens,
// dots and apostrophes (Al-Nusra = Al Nusra).
func NameKey(s string) string {
	s = NFC(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for _, r := range s {
		switch {
		case r == '’' || r == '\'':
			continue
		case r == '-' || r == '.' || unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Surname is the last word of a person's name without an Arabic article
// (Bashar Al-Assad → assad).
func Surname(key string) string {
	f := strings.Fields(key)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// Suffix is the last n runes of s.
func Suffix(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := len(s)
	for k := 0; k < n; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return s[i:]
}

// Prefix is the first n runes of s.
func Prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}
