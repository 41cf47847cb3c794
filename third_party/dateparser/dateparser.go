// Package dateparser stands in for github.com/markusmobius/go-dateparser
// in newsnlp's build (see the replace directive in newsnlp's go.mod). It
// keeps the part of that package's API go-htmldate uses and parses English
// dates only.
//
// Why: go-htmldate calls the real package only as a last resort, for a
// date its own patterns (ISO and numeric dates, and day, month name and
// year in many languages) did not read. Its package initialisation
// compiles the regular expressions of 200 locales whether or not it is
// ever called: 270 ms of CPU and 78 MB of allocation at the start of
// every newsnlp command, --help included, with 25 MB of it kept for the
// whole run. newsnlp annotates English only.
package dateparser

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// ParserType names one of the real package's parsers. Only CustomFormat
// and AbsoluteTime are implemented; the others are accepted and do
// nothing.
type ParserType uint8

// The parser types, in the real package's order.
const (
	Timestamp ParserType = iota
	NegativeTimestamp
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// PreferredDateSource is kept for the API; a date without a year is never
// returned here, so it has no effect.
type PreferredDateSource uint8

// The preferred date sources.
const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// Configuration holds the settings go-htmldate passes. DefaultTimezone
// places a date without a zone (UTC when nil).
type Configuration struct {
	DefaultTimezone     *time.Location
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
}

// Date is a parsed date.
type Date struct {
	Locale string
	Time   time.Time
}

// IsZero reports whether no date was found.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Parser parses dates.
type Parser struct {
	ParserTypes []ParserType
}

// ErrNotParsed is returned for a string that is not a full English date.
var ErrNotParsed = errors.New("dateparser: not an English date with day, month and year")

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// ignored are words a dateline carries around a date.
var ignored = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true,
	"wed": true, "wednesday": true, "thu": true, "thur": true, "thurs": true,
	"thursday": true, "fri": true, "friday": true, "sat": true, "saturday": true,
	"sun": true, "sunday": true, "on": true, "at": true, "of": true, "the": true,
	"published": true, "updated": true, "posted": true, "last": true,
}

// zones are the zone abbreviations of English-language news, as offsets
// from UTC in hours.
var zones = map[string]int{
	"utc": 0, "gmt": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "ist": 0,
	"est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
	"pst": -8, "pdt": -7, "aest": 10, "aedt": 11,
}

// Parse reads an English date such as "Tuesday 3 March 2015 10:04 GMT",
// "March 3rd, 2015, 4:05 p.m. EST" or "3 Mar. 2015". Day, month and year
// must all be there, and every other word must be a weekday, a time, a
// zone or one of a few dateline words; anything else is ErrNotParsed.
func (p *Parser) Parse(cfg *Configuration, s string, formats ...string) (Date, error) {
	loc := time.UTC
	if cfg != nil && cfg.DefaultTimezone != nil {
		loc = cfg.DefaultTimezone
	}
	var (
		day, year, hour, min, sec int
		month                     time.Month
		hasTime                   bool
		pm, am                    bool
	)
	fields := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == ',' || r == '\t' || r == '\n' || r == '/' || r == '|' || r == '-'
	})
	for _, f := range fields {
		w := strings.TrimRight(f, ".:")
		switch {
		case ignored[w]:
		case w == "a.m" || w == "am":
			am = true
		case w == "p.m" || w == "pm":
			pm = true
		case months[w] != 0 && month == 0:
			month = months[w]
		case strings.Contains(w, ":") && !hasTime:
			h, m, sc, ok := clock(w)
			if !ok {
				return Date{}, ErrNotParsed
			}
			hour, min, sec, hasTime = h, m, sc, true
		default:
			if off, ok := zones[w]; ok && hasTime {
				loc = time.FixedZone(strings.ToUpper(w), off*3600)
				continue
			}
			n, ok := number(w)
			switch {
			case !ok:
				return Date{}, ErrNotParsed
			case year == 0 && n >= 1900 && n <= 2100:
				year = n
			case n >= 1 && n <= 31 && day == 0:
				day = n
			default:
				return Date{}, ErrNotParsed
			}
		}
	}
	if day == 0 || month == 0 || year == 0 {
		return Date{}, ErrNotParsed
	}
	switch {
	case pm && hour < 12:
		hour += 12
	case am && hour == 12:
		hour = 0
	}
	t := time.Date(year, month, day, hour, min, sec, 0, loc)
	if t.Day() != day || hour > 23 {
		return Date{}, ErrNotParsed // 31 April, 25:00
	}
	return Date{Locale: "en", Time: t}, nil
}

// number reads a day or year, with an ordinal suffix (3rd, 21st).
func number(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if len(w) > 2 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-2]
			break
		}
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n >= 0
}

// clock reads h:mm or h:mm:ss, with am/pm glued on (4:05pm).
func clock(w string) (h, m, s int, ok bool) {
	pm := strings.HasSuffix(w, "pm") || strings.HasSuffix(w, "p.m")
	am := strings.HasSuffix(w, "am") || strings.HasSuffix(w, "a.m")
	w = strings.TrimRight(w, "apm.")
	parts := strings.Split(w, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	var v [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 59 || (i > 0 && len(p) != 2) {
			return 0, 0, 0, false
		}
		v[i] = n
	}
	h, m, s = v[0], v[1], v[2]
	if pm && h < 12 {
		h += 12
	}
	if am && h == 12 {
		h = 0
	}
	return h, m, s, h <= 23
}
