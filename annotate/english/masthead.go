package english

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
