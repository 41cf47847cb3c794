package annotate

import (
	"embed"
	"slices"
	"sort"
	"strings"

	"github.com/jdkato/prose/v3/tokenize"
)

// gazetteerFS holds the curated name lists; each file's header names what
// informed it. Nothing is fetched at run time.
//
//go:embed gazetteer/*.txt
var gazetteerFS embed.FS

// gazEntry is one name of the gazetteer.
type gazEntry struct {
	toks      []string // the name as prose tokenizes it
	label     string   // GPE, NORP or ORG
	canonical string   // the name's canonical form ("" for groups with no place)
	country   bool     // a country's name (countries.txt)
}

// gazMatch is a run of sentence tokens [start, end) that spells an entry.
type gazMatch struct {
	start, end int
	entry      *gazEntry
}

// gazetteer finds curated names in token sequences and maps names to their
// labels and canonical forms. It is immutable after loading.
type gazetteer struct {
	byFirst map[string][]*gazEntry // first token → entries, longest first
	byName  map[string]*gazEntry   // normalized name → entry
}

var gazFiles = []struct{ file, label string }{
	{"gazetteer/countries.txt", "GPE"},
	{"gazetteer/cities.txt", "GPE"},
	{"gazetteer/organizations.txt", "ORG"},
	{"gazetteer/parties.txt", "ORG"},
	{"gazetteer/demonyms.txt", "NORP"},
}

// loadGazetteer reads the embedded lists. Lines are "canonical|alias|…"
// (demonyms: "demonym|place"); # starts a comment.
func loadGazetteer(tok *tokenize.Tokenizer) (*gazetteer, error) {
	g := &gazetteer{byFirst: map[string][]*gazEntry{}, byName: map[string]*gazEntry{}}
	for _, f := range gazFiles {
		lines, err := gazetteerLines(f.file)
		if err != nil {
			return nil, err
		}
		for _, names := range lines {
			canonical := names[0]
			if f.label == "NORP" {
				canonical = ""
				if len(names) > 1 {
					canonical = names[1]
				}
				names = names[:1]
			}
			for _, name := range names {
				if name == "" {
					continue
				}
				e := &gazEntry{label: f.label, canonical: canonical, country: f.file == "gazetteer/countries.txt"}
				for _, t := range tok.Tokenize(name) {
					e.toks = append(e.toks, t.Text)
				}
				if len(e.toks) == 0 {
					continue
				}
				key := normalizeName(name)
				if _, dup := g.byName[key]; !dup {
					g.byName[key] = e
				}
				g.byFirst[e.toks[0]] = append(g.byFirst[e.toks[0]], e)
				if up := strings.ToUpper(e.toks[0]); up != e.toks[0] {
					g.byFirst[up] = append(g.byFirst[up], e)
				}
			}
		}
	}
	for k, es := range g.byFirst {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].toks) > len(es[j].toks) })
		g.byFirst[k] = es
	}
	return g, nil
}

// gazetteerLines reads one embedded list: each entry line split on |, its
// names trimmed; blank lines and # comments left out.
func gazetteerLines(file string) ([][]string, error) {
	b, err := gazetteerFS.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		names := strings.Split(line, "|")
		for i := range names {
			names[i] = strings.TrimSpace(names[i])
		}
		out = append(out, names)
	}
	return out, nil
}

// normalizeName folds case and white space for name lookups.
func normalizeName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// tokenMatches reports whether a sentence token spells a gazetteer token:
// exactly, or in capitals when the sentence token is all capitals (news
// headlines).
func tokenMatches(tok, want string) bool {
	return tok == want || (tok == strings.ToUpper(tok) && tok == strings.ToUpper(want) && strings.ToLower(tok) != tok)
}

// match finds the names in a token sequence, longest first, left to right,
// never overlapping.
func (g *gazetteer) match(toks []string) []gazMatch {
	var out []gazMatch
	for i := 0; i < len(toks); {
		var found *gazEntry
		for _, e := range g.byFirst[toks[i]] {
			if i+len(e.toks) > len(toks) {
				continue
			}
			ok := true
			for k, w := range e.toks {
				if !tokenMatches(toks[i+k], w) {
					ok = false
					break
				}
			}
			if ok {
				found = e
				break
			}
		}
		if found == nil {
			i++
			continue
		}
		out = append(out, gazMatch{i, i + len(found.toks), found})
		i += len(found.toks)
	}
	return out
}

// lookup returns the entry whose name is text, if any; a name the list
// does not hold with "The" before it is looked up without (The Labour
// Party).
func (g *gazetteer) lookup(text string) *gazEntry {
	key := normalizeName(text)
	if e, ok := g.byName[key]; ok {
		return e
	}
	if rest, ok := strings.CutPrefix(key, "the "); ok {
		return g.byName[rest]
	}
	return nil
}

// featuresInto returns each token's gazetteer feature (the matched entry's
// label and the token's BILOU position in it, or ""), in dst's storage.
func (g *gazetteer) featuresInto(dst []string, toks []string) []string {
	out := slices.Grow(dst[:0], len(toks))[:len(toks)]
	clear(out)
	for _, m := range g.match(toks) {
		if m.end-m.start == 1 {
			out[m.start] = m.entry.label + "-U"
			continue
		}
		out[m.start] = m.entry.label + "-B"
		for i := m.start + 1; i < m.end-1; i++ {
			out[i] = m.entry.label + "-I"
		}
		out[m.end-1] = m.entry.label + "-L"
	}
	return out
}
