package english

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NFC is s in Unicode normal form C: "José" written as e and a combining
// accent becomes the one letter é that the models learned. The models read
// this view of a token; the text and its offsets are never changed. ASCII
// and text already in NFC come back as they are, without a copy.
func NFC(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			if norm.NFC.QuickSpanString(s) == len(s) {
				return s
			}
			return norm.NFC.String(s)
		}
	}
	return s
}

// EntityKey is the key one entity has in every article: its canonical
// name with case, accents, dots, hyphens, apostrophes and a possessive
// folded (José García's → jose garcia, U.S. → us), a person's titles and
// roles dropped from the front (Chancellor Gordon Brown, Tory MP Boris
// Johnson → gordon brown, boris johnson), and the variants of a few
// parties and groups that news writes many ways mapped to one name
// (Tory, Tories, Conservatives → conservative party). label is the
// entity's label (PERSON, ORG, GPE, NORP, …): only a person's titles go,
// and only while two words of the name are left, except Mr, Mrs, Ms and
// Dr (Mr Blair → blair; Prince Charles stays prince charles).
// The same name and label give the same key in every article and shard.
func EntityKey(name, label string) string {
	words := keyWords(name)
	if label == "PERSON" {
		// Titles go while a name of two words is left (Prince Charles and
		// Pope Francis keep theirs); Mr, Mrs, Ms and Dr go always.
		for len(words) > 2 && keyTitles[words[0]] {
			words = words[1:]
		}
		for len(words) > 2 && postNominals[words[len(words)-1]] { // Boris Johnson MP
			words = words[:len(words)-1]
		}
		for len(words) > 1 && keyHonorifics[words[0]] {
			words = words[1:]
		}
	}
	key := strings.Join(words, " ")
	if v, ok := keyVariants[key]; ok {
		return v
	}
	return key
}

// keyWords is name folded to lower-case words without accents, dots,
// apostrophes or a possessive.
func keyWords(name string) []string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.', r == '\'', r == '’':
			if r == '\'' || r == '’' {
				b.WriteRune('\'')
			}
		case r == '-' || unicode.IsSpace(r) || r == ',':
			b.WriteByte(' ')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		w = strings.TrimSuffix(w, "'s")
		words[i] = strings.ReplaceAll(w, "'", "")
	}
	out := words[:0]
	for _, w := range words {
		if w != "" {
			out = append(out, w)
		}
	}
	if len(out) > 1 && out[0] == "the" {
		out = out[1:]
	}
	return out
}

// keyHonorifics are the titles any name may drop.
var keyHonorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true}

// postNominals are the letters written after a name (Boris Johnson MP,
// Philippe Sands QC); a title word after a name is a surname (Martin
// Luther King).
var postNominals = map[string]bool{"mp": true, "mep": true, "msp": true, "am": true, "qc": true, "kc": true,
	"obe": true, "mbe": true, "cbe": true, "phd": true}

// keyTitles are the titles, roles and party labels news writes before (or
// after) a person's name.
var keyTitles = map[string]bool{}

// keyVariants maps the folded variants of a few parties and groups to one
// key.
var keyVariants = map[string]string{}

func init() {
	for _, w := range strings.Fields(`mr mrs ms miss mx dr sir dame lord lady baroness baron
		president vice prime minister chancellor secretary senator sen rep representative
		congressman congresswoman governor gov mayor judge justice general gen colonel col
		lieutenant lt major maj captain capt admiral commander sergeant sgt king queen prince
		princess pope rev reverend father sister brother professor prof sheikh ayatollah
		deputy shadow foreign home finance defence defense interior health education trade
		culture justice labour tory conservative liberal democrat democratic republican
		mp mep msp am lawmaker chairman chairwoman chair chief executive ceo coach manager
		boss spokesman spokeswoman spokesperson leader former ex frontman striker midfielder
		defender goalkeeper skipper economist analyst director founder ambassador envoy
		commissioner officer inspector detective attorney lawyer dj singer actor actress
		star rapper presenter author writer`) {
		keyTitles[w] = true
	}
	for key, variants := range map[string]string{
		"conservative party":                  "conservative party|conservatives|conservative|tory|tories|tory party",
		"labour party":                        "labour party|labour",
		"liberal democrats":                   "liberal democrats|liberal democrat|lib dems|lib dem|libdems",
		"democratic party":                    "democratic party|democrats|democrat",
		"republican party":                    "republican party|republicans|republican|gop",
		"united states":                       "united states|us|usa|united states of america|u s",
		"united kingdom":                      "united kingdom|uk|britain|great britain",
		"european union":                      "european union|eu",
		"united nations":                      "united nations|un",
		"syrian observatory for human rights": "syrian observatory for human rights|syrian observatory|sohr|observatory",
	} {
		for _, v := range strings.Split(variants, "|") {
			keyVariants[v] = key
		}
	}
}
