package annotate

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// paragraph is a maximal run of non-blank lines, trimmed of surrounding
// white space, in byte offsets.
type paragraph struct {
	start, end int
}

// paragraphs splits text at blank lines. Offsets are bytes.
func paragraphs(text string) []paragraph {
	var out []paragraph
	start := -1 // start of the current paragraph, -1 when between paragraphs
	lastNonSpace := 0
	lineBlank := true
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if lineBlank && start >= 0 {
				out = append(out, paragraph{start, lastNonSpace})
				start = -1
			}
			lineBlank = true
			continue
		}
		c := text[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += n - 1
				continue
			}
			if start < 0 {
				start = i
			}
			lineBlank = false
			i += n - 1
			lastNonSpace = i + 1
			continue
		}
		if start < 0 {
			start = i
		}
		lineBlank = false
		lastNonSpace = i + 1
	}
	if start >= 0 {
		out = append(out, paragraph{start, lastNonSpace})
	}
	return out
}

// normalizeLine folds case and runs of white space so that a repeated title
// is recognised whatever its line breaks or capitals.
func normalizeLine(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// boilerplateTail matches a paragraph that starts the trailing web furniture
// of a page: everything from it to the end of the text is boilerplate.
var boilerplateTail = regexp.MustCompile(`^(?i:(leave a (reply|comment)|post a comment|add a comment|comments?( \(\d+\))?|\d+ comments?|you may also like|you might also like|related( posts| articles| stories| news| content| coverage)?|recommended( for you| stories)?|more (from|on) .{1,40}|more stories|trending( now)?|popular (posts|stories)|about the author|most (read|popular))[:.]?)$`)

// boilerplateLine matches a standalone paragraph of page furniture that may
// sit anywhere: share and subscribe blocks, advertisement labels, form text.
var boilerplateLine = regexp.MustCompile(`^(?i:(share( this)?( article| story| post)?( on .{1,30})?|share via .{1,30}|tweet|email|print|advertisement|sponsored( content)?|subscribe( now| today)?|subscribe to .{1,60}|sign up (for|to) .{1,80}|follow us( on .{1,40})?|click here .{0,80}|read more|continue reading|your email address will not be published\..*|required fields are marked.*|tags?: .{1,200}|filed under:? .{1,200}|((facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|telegram|email|e-mail|print|copy link|messenger|flipboard)[ ,|·•/]*){2,}|all rights reserved\.?|copyright .{1,80}|© .{1,80})[:.]?)$`)

// datelinePattern matches a dateline at the start of the first body
// paragraph: one or more capitalised places (`SEATTLE/WASHINGTON`,
// `WEST PALM BEACH, Fla.`), an optional date and news agency, then a colon
// or dash; or a news agency alone (`(Reuters) -`). Group 1 is the dateline
// without its separator; the match ends where the body text starts.
var datelinePattern = regexp.MustCompile(`^((?:\p{Lu}[\p{L}.'’-]*(?:(?:,? |/)\p{Lu}[\p{L}.'’-]*){0,5}(?:, \p{Lu}\p{Ll}{2,8}\.? \d{1,2}(?:, \d{4})?)?(?: \((?:\p{Lu}[\p{L}.&]*)(?: \p{Lu}[\p{L}.&]*){0,3}\))?)|\((?:\p{Lu}[\p{L}.&]*)(?: \p{Lu}[\p{L}.&]*){0,3}\))(?:\s*:\s+|\s+(?:-{1,2}|–|—)\s+|\s*(?:–|—)\s*)`)

// maxTitleRunes bounds what may be taken for a title line found without
// metadata: headlines are short.
const maxTitleRunes = 200

// FindZones splits an article into zones. title is the article's metadata
// title, or "" when the input had none; when the text starts with a line that
// reads as a headline it is taken as the title all the same. Offsets are
// bytes; Annotator converts them.
//
// Rules, in order: a leading title line; the same line repeated within the
// next paragraphs (scraped pages print the headline twice); a dateline at the
// start of the first body paragraph (`Moscow:`, `WASHINGTON (Reuters) -`);
// trailing boilerplate from the first paragraph that starts page furniture
// (`Leave a Reply`, `You may also like`) to the end; standalone furniture
// paragraphs elsewhere; the rest is body, one zone per run of body
// paragraphs.
func FindZones(text, title string) []doc.Zone {
	paras := paragraphs(text)
	if len(paras) == 0 {
		return nil
	}
	var zones []doc.Zone
	i := 0
	titleNorm := normalizeLine(title)
	first := text[paras[0].start:paras[0].end]
	switch {
	case titleNorm != "" && normalizeLine(first) == titleNorm:
		zones = append(zones, doc.Zone{Kind: doc.ZoneTitle, Start: paras[0].start, End: paras[0].end})
		i = 1
	case titleNorm == "" && len(paras) > 1 && looksLikeHeadline(first):
		zones = append(zones, doc.Zone{Kind: doc.ZoneTitle, Start: paras[0].start, End: paras[0].end})
		titleNorm = normalizeLine(first)
		i = 1
	}
	// A repeated headline sits right after the title, before the body.
	for j := i; j < len(paras) && j < i+3 && titleNorm != ""; j++ {
		if normalizeLine(text[paras[j].start:paras[j].end]) == titleNorm {
			zones = append(zones, doc.Zone{Kind: doc.ZoneTitleRepeat, Start: paras[j].start, End: paras[j].end})
			i = j + 1
			break
		}
	}
	if i >= len(paras) {
		return zones
	}

	// Trailing boilerplate: never the first body paragraph, so that a short
	// text made only of furniture-like words stays body.
	tail := len(paras)
	for j := i + 1; j < len(paras); j++ {
		if boilerplateTail.MatchString(strings.TrimSpace(text[paras[j].start:paras[j].end])) {
			tail = j
			break
		}
	}

	bodyStart := paras[i].start
	if m := datelinePattern.FindStringSubmatchIndex(text[bodyStart:paras[i].end]); m != nil && isDateline(text[bodyStart+m[2]:bodyStart+m[3]], text[bodyStart+m[1]:paras[i].end]) &&
		(i > 0 || !strings.Contains(text[bodyStart+m[3]:bodyStart+m[1]], ":") || colonDateline(text[bodyStart+m[2]:bodyStart+m[3]])) {
		zones = append(zones, doc.Zone{Kind: doc.ZoneDateline, Start: bodyStart + m[2], End: bodyStart + m[3]})
		paras[i].start = bodyStart + m[1]
	}

	open := -1 // index of the first paragraph of the body run being built
	flush := func(j int) {
		if open >= 0 {
			zones = append(zones, doc.Zone{Kind: doc.ZoneBody, Start: paras[open].start, End: paras[j-1].end})
			open = -1
		}
	}
	for j := i; j < tail; j++ {
		p := strings.TrimSpace(text[paras[j].start:paras[j].end])
		if j > i && boilerplateLine.MatchString(p) {
			flush(j)
			if n := len(zones); n > 0 && zones[n-1].Kind == doc.ZoneBoilerplate {
				zones[n-1].End = paras[j].end
			} else {
				zones = append(zones, doc.Zone{Kind: doc.ZoneBoilerplate, Start: paras[j].start, End: paras[j].end})
			}
			continue
		}
		if open < 0 {
			open = j
		}
	}
	flush(tail)
	if tail < len(paras) {
		last := paras[len(paras)-1].end
		if n := len(zones); n > 0 && zones[n-1].Kind == doc.ZoneBoilerplate {
			zones[n-1].End = last
		} else {
			zones = append(zones, doc.Zone{Kind: doc.ZoneBoilerplate, Start: paras[tail].start, End: last})
		}
	}
	return zones
}

// looksLikeHeadline reports whether a first paragraph reads as a headline:
// one line, short, several words, and not ending like a sentence.
func looksLikeHeadline(p string) bool {
	if strings.ContainsRune(p, '\n') || utf8.RuneCountInString(p) > maxTitleRunes {
		return false
	}
	if len(strings.Fields(p)) < 3 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	switch r {
	case '.', ',', ';', '"', '”', '’', '\'':
		return false
	}
	return true
}

// editorialLabel matches words that introduce a paragraph with a colon the
// way a dateline does but are page labels, not places.
var editorialLabel = regexp.MustCompile(`^(?i:headline|update[sd]?|breaking( news)?|editor'?s note|note|watch|video|photos?|read|sources?|opinion|analysis|exclusive|comment|full disclosure|disclosure|correction|live|warning|disclaimer|summary|background|related|important|attention|transcript|listen)$`)

// colonDateline reports whether the words before the colon of a text's
// first line are a dateline's place: written in capitals (`NEW DELHI:`) or
// a city or country of the gazetteer (`Kabul:`). Anything else there is a
// headline's speaker (`Trump: …`). After a title, `Port Alvera:` is taken
// for a place.
func colonDateline(place string) bool {
	if strings.ToUpper(place) == place {
		return true
	}
	if i := strings.IndexAny(place, ",("); i > 0 {
		place = place[:i]
	}
	return placeNames()[normalizeName(place)]
}

// placeNames is every name and alias of the gazetteer's cities and
// countries, in lower case.
var placeNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, f := range []string{"gazetteer/cities.txt", "gazetteer/countries.txt"} {
		lines, err := gazetteerLines(f)
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		for _, line := range lines {
			for _, n := range line {
				names[normalizeName(n)] = true
			}
		}
	}
	return names
})

// isDateline rejects matches of datelinePattern that are not a place: a
// speaker introducing a quote (`Haley: "…"`), a page label (`Headline:`),
// or a match that leaves no body.
func isDateline(place, rest string) bool {
	if rest == "" || utf8.RuneCountInString(place) > 60 || editorialLabel.MatchString(place) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	switch r {
	case '"', '“', '‘', '\'', '«':
		return false
	}
	// "Anna Berg — a teacher from Harbourtown — says …": a dash before a
	// lower-case word sets off an appositive; a dateline starts a sentence.
	return !unicode.IsLower(r)
}
