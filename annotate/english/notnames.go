package english

// Words that tell a name's kind, or that it is none.

import "strings"

// mastheadWords end the names of newspapers: the Financial Times, the
// Washington Post, the Guardian.
var mastheadWords = map[string]bool{"times": true, "journal": true, "post": true, "telegraph": true, "guardian": true,
	"observer": true, "herald": true, "tribune": true, "gazette": true, "chronicle": true, "mirror": true}

// Masthead reports whether a name ends like a newspaper's: with a
// capitalised masthead word (the Observer, the Wall Street Journal).
func Masthead(name string) bool {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1]
	return StartsUpper(last) && mastheadWords[strings.ToLower(last)]
}

// commonAcronyms are acronyms of common nouns, written in capitals but no
// one's name: a DVD, the TV, ID cards, GDP.
var commonAcronyms = map[string]bool{"DVD": true, "CD": true, "PC": true, "TV": true, "ID": true, "GDP": true,
	"CEO": true, "VAT": true, "MP3": true, "SMS": true, "PDA": true, "DNA": true, "USB": true, "LCD": true,
	"GPS": true, "IPO": true, "PR": true, "FAQ": true, "URL": true, "RAM": true, "CPU": true}

// CommonAcronym reports whether a word is the acronym of a common noun,
// in the singular or the plural (DVDs, PCs).
func CommonAcronym(w string) bool {
	return commonAcronyms[w] || len(w) > 2 && w[len(w)-1] == 's' && commonAcronyms[w[:len(w)-1]]
}
