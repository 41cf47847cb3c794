package datasets

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Gold formats detected by ReadGold.
const (
	GoldNative = "native" // newsnlp's gold JSONL (DESIGN.md)
	GoldCoNLL  = "conll"  // CoNLL-2003 NER, IOB1 or IOB2
	GoldBrat   = "brat"   // brat standoff attributions, as in PolNeAR
)

// GoldSpan is a span of gold text in code points; a discontinuous span has
// several fragments, in text order.
type GoldSpan struct {
	Fragments [][2]int
	Text      string
}

// Len is the number of code points the span covers.
func (s GoldSpan) Len() int {
	n := 0
	for _, f := range s.Fragments {
		n += f[1] - f[0]
	}
	return n
}

// Empty reports whether the span is absent.
func (s GoldSpan) Empty() bool { return len(s.Fragments) == 0 }

// GoldZone is a gold zone.
type GoldZone struct {
	Kind       string
	Start, End int
}

// GoldEntity is a gold entity mention.
type GoldEntity struct {
	Start, End int
	Text       string
	Label      string
	Canonical  string
}

// GoldQuote is a gold attribution. Speaker is empty when the gold has no
// source for it.
type GoldQuote struct {
	Content           GoldSpan
	Cue               GoldSpan
	Speaker           GoldSpan
	SpeakerCanonical  string
	SpeakerResolution string
	Kind              string // direct, indirect, mixed; "" when the gold does not say
	Label             string // claim, denial; "" when the gold does not say
}

// GoldDoc is one gold-annotated document. The Has fields say which tasks
// the gold covers, so that a document without, say, entity annotations is
// not scored as if it had none.
type GoldDoc struct {
	ID     string
	Text   string
	Source string // file the document came from
	Line   int    // line it starts on, for error messages (0 when not line-based)

	Zones    []GoldZone
	Entities []GoldEntity
	Quotes   []GoldQuote

	// Headline is a headline's category in a headline set (attributed,
	// outlet, claim, question, negative), "" for other gold.
	Headline string

	// Coref is a treebank's coreference layer (TreebankDocuments).
	Coref []GoldCoref

	HasZones, HasEntities, HasQuotes, HasCoref bool
	// SpeechOnly is set when the gold's quotes are statements only (native
	// gold, like the seed's): attributions of belief, perception or
	// attitude are not scored against it. PolNeAR annotates them all.
	SpeechOnly bool
	// Scheme is the entity label set: "conll" (PER, ORG, LOC, MISC) or
	// "" for newsnlp's own labels.
	Scheme string
}

// HeadlineCategories are a headline set's categories: a denial by a
// source (attributed), a denial in the outlet's own voice (outlet), a
// claim, a question, or a hard negative (denial words that deny nothing).
var HeadlineCategories = map[string]bool{"attributed": true, "outlet": true, "claim": true, "question": true, "negative": true}

// GoldError is a problem in a gold file, naming the file and line.
type GoldError struct {
	Path string
	Line int
	Err  error
}

func (e *GoldError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *GoldError) Unwrap() error { return e.Err }

// ErrGoldFormat is wrapped when a gold path's format cannot be told.
var ErrGoldFormat = errors.New("unknown gold format")

// ReadGold reads gold documents from path: a native gold JSONL file, a
// CoNLL-2003 file, or a brat folder (PolNeAR's text/ and attributions/, or
// .txt and .ann files side by side). It returns the documents and the
// format. Gold is small (thousands of documents), so it is read whole.
func ReadGold(path string) ([]GoldDoc, string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, "", &GoldError{Path: path, Err: err}
	}
	if info.IsDir() {
		docs, err := readBrat(path)
		return docs, GoldBrat, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", &GoldError{Path: path, Err: err}
	}
	trimmed := bytes.TrimSpace(b)
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		docs, err := readNativeGold(path, b)
		return docs, GoldNative, err
	case bytes.HasPrefix(trimmed, []byte("-DOCSTART-")) || looksCoNLL(trimmed):
		docs, err := readCoNLL(path, b)
		return docs, GoldCoNLL, err
	}
	return nil, "", &GoldError{Path: path, Err: fmt.Errorf("%w: not gold JSONL (lines of {...}), CoNLL (-DOCSTART- and token lines) or a brat folder", ErrGoldFormat)}
}

// looksCoNLL reports whether the first line has the four columns of CoNLL
// with an IOB tag last.
func looksCoNLL(b []byte) bool {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 2 {
		return false
	}
	last := f[len(f)-1]
	return last == "O" || strings.HasPrefix(last, "B-") || strings.HasPrefix(last, "I-")
}

// nativeGold is the JSON shape of a native gold line.
type nativeGold struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Headline string `json:"headline"`
	Zones    []struct {
		Zone  string `json:"zone"`
		Start *int   `json:"start"`
		End   *int   `json:"end"`
	} `json:"zones"`
	Entities []struct {
		Start     *int   `json:"start"`
		End       *int   `json:"end"`
		Text      string `json:"text"`
		Label     string `json:"label"`
		Canonical string `json:"canonical"`
	} `json:"entities"`
	Quotes []struct {
		Speaker           *nativeSpan `json:"speaker"`
		SpeakerCanonical  string      `json:"speaker_canonical"`
		SpeakerResolution string      `json:"speaker_resolution"`
		Cue               *nativeSpan `json:"cue"`
		Content           *nativeSpan `json:"content"`
		Kind              string      `json:"kind"`
		Label             string      `json:"label"`
	} `json:"quotes"`
}

type nativeSpan struct {
	Start *int   `json:"start"`
	End   *int   `json:"end"`
	Text  string `json:"text"`
}

func readNativeGold(path string, b []byte) ([]GoldDoc, error) {
	var docs []GoldDoc
	seen := map[string]int{}
	for i, line := range bytes.Split(b, []byte("\n")) {
		lineNo := i + 1
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return &GoldError{Path: path, Line: lineNo, Err: fmt.Errorf(format, args...)}
		}
		var g nativeGold
		if err := json.Unmarshal(line, &g); err != nil {
			return nil, fail("invalid gold JSON: %v", err)
		}
		if g.ID == "" {
			return nil, fail("gold document has no id")
		}
		if prev, dup := seen[g.ID]; dup {
			return nil, fail("id %q already used on line %d", g.ID, prev)
		}
		seen[g.ID] = lineNo
		runes := []rune(g.Text)
		span := func(what string, start, end *int, text string) ([2]int, error) {
			if start == nil || end == nil {
				return [2]int{}, fail("%s: start and end are required", what)
			}
			s, e := *start, *end
			if s < 0 || e > len(runes) || s > e {
				return [2]int{}, fail("%s: span [%d,%d) is outside the text (%d code points)", what, s, e, len(runes))
			}
			if text != "" && string(runes[s:e]) != text {
				return [2]int{}, fail("%s: span [%d,%d) is %q, not %q: offsets must be code points into text", what, s, e, string(runes[s:e]), text)
			}
			return [2]int{s, e}, nil
		}
		if g.Headline != "" && !HeadlineCategories[g.Headline] {
			return nil, fail("headline %q: want attributed, outlet, claim, question or negative", g.Headline)
		}
		d := GoldDoc{ID: g.ID, Text: g.Text, Source: path, Line: lineNo, Headline: g.Headline,
			HasZones: g.Zones != nil, HasEntities: g.Entities != nil, HasQuotes: g.Quotes != nil, SpeechOnly: true}
		for k, z := range g.Zones {
			sp, err := span(fmt.Sprintf("zones[%d]", k), z.Start, z.End, "")
			if err != nil {
				return nil, err
			}
			d.Zones = append(d.Zones, GoldZone{Kind: z.Zone, Start: sp[0], End: sp[1]})
		}
		for k, e := range g.Entities {
			sp, err := span(fmt.Sprintf("entities[%d]", k), e.Start, e.End, e.Text)
			if err != nil {
				return nil, err
			}
			if e.Label == "" {
				return nil, fail("entities[%d]: label is required", k)
			}
			d.Entities = append(d.Entities, GoldEntity{Start: sp[0], End: sp[1], Text: string(runes[sp[0]:sp[1]]), Label: e.Label, Canonical: e.Canonical})
		}
		for k, q := range g.Quotes {
			gq := GoldQuote{SpeakerCanonical: q.SpeakerCanonical, SpeakerResolution: q.SpeakerResolution, Kind: q.Kind, Label: q.Label}
			for _, part := range []struct {
				name string
				in   *nativeSpan
				out  *GoldSpan
			}{{"content", q.Content, &gq.Content}, {"cue", q.Cue, &gq.Cue}, {"speaker", q.Speaker, &gq.Speaker}} {
				if part.in == nil {
					if part.name == "content" {
						return nil, fail("quotes[%d]: content is required", k)
					}
					continue
				}
				sp, err := span(fmt.Sprintf("quotes[%d].%s", k, part.name), part.in.Start, part.in.End, part.in.Text)
				if err != nil {
					return nil, err
				}
				*part.out = GoldSpan{Fragments: [][2]int{sp}, Text: string(runes[sp[0]:sp[1]])}
			}
			d.Quotes = append(d.Quotes, gq)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, &GoldError{Path: path, Err: errors.New("no gold documents")}
	}
	return docs, nil
}

// CoNLL detokenisation: which tokens attach to the previous or next one,
// the way news is written.
var (
	noSpaceBefore = map[string]bool{",": true, ".": true, ";": true, ":": true, "?": true, "!": true, ")": true, "]": true, "}": true, "%": true,
		"'s": true, "'S": true, "n't": true, "N'T": true, "'re": true, "'ve": true, "'ll": true, "'d": true, "'m": true}
	noSpaceAfter = map[string]bool{"(": true, "[": true, "{": true, "$": true}
)

// readCoNLL reads CoNLL-2003: one token per line (token POS chunk NER),
// blank lines between sentences, -DOCSTART- between documents. Tags may be
// IOB1 (I- starts a mention unless it continues one of the same type) or
// IOB2 (B- starts every mention). The text handed to the pipeline is the
// tokens detokenised as news is written (no space before , . ; : ? ! ) %
// 's n't, none after ( $), one sentence per line; gold offsets are computed
// on that text.
func readCoNLL(path string, b []byte) ([]GoldDoc, error) {
	var docs []GoldDoc
	var text strings.Builder
	var ents []GoldEntity
	pos := 0 // code points written to text
	docLine := 0
	sentStart := true
	var open *GoldEntity
	closeOpen := func() {
		if open != nil {
			ents = append(ents, *open)
			open = nil
		}
	}
	flush := func() {
		closeOpen()
		t := strings.TrimRight(text.String(), "\n")
		if strings.TrimSpace(t) != "" {
			runes := []rune(t)
			for i := range ents {
				ents[i].Text = string(runes[ents[i].Start:ents[i].End])
			}
			docs = append(docs, GoldDoc{
				ID: fmt.Sprintf("%s#%d", filepath.Base(path), len(docs)+1), Text: t, Source: path, Line: docLine,
				Entities: ents, HasEntities: true, Scheme: "conll",
			})
		}
		text.Reset()
		ents = nil
		pos = 0
		sentStart = true
	}
	prevTok := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.HasPrefix(line, "-DOCSTART-") {
			flush()
			docLine = lineNo + 1
			continue
		}
		if strings.TrimSpace(line) == "" {
			closeOpen()
			if !sentStart {
				text.WriteByte('\n')
				pos++
				sentStart = true
			}
			continue
		}
		if docLine == 0 {
			docLine = lineNo
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil, &GoldError{Path: path, Line: lineNo, Err: fmt.Errorf("want at least a token and an NER tag, got %q", line)}
		}
		tok, tag := f[0], f[len(f)-1]
		if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
			return nil, &GoldError{Path: path, Line: lineNo, Err: fmt.Errorf("NER tag %q is not O, B-TYPE or I-TYPE", tag)}
		}
		if !sentStart && !noSpaceBefore[tok] && !noSpaceAfter[prevTok] {
			text.WriteByte(' ')
			pos++
		}
		start := pos
		text.WriteString(tok)
		pos += utf8.RuneCountInString(tok)
		sentStart = false
		prevTok = tok
		switch {
		case tag == "O":
			closeOpen()
		case strings.HasPrefix(tag, "B-"), open == nil, open.Label != tag[2:]:
			// IOB2 B- always starts a mention; in IOB1 an I- starts one
			// unless it continues a mention of the same type.
			closeOpen()
			open = &GoldEntity{Start: start, End: pos, Label: tag[2:]}
		default:
			open.End = pos
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &GoldError{Path: path, Line: lineNo, Err: err}
	}
	flush()
	if len(docs) == 0 {
		return nil, &GoldError{Path: path, Err: errors.New("no CoNLL documents")}
	}
	return docs, nil
}

// bratSuffix is the annotator suffix PolNeAR adds to .ann names
// (article_ef2d.ann for article.txt).
var bratSuffix = regexp.MustCompile(`_[0-9a-f]{4}$`)

// bratLine matches the start of an annotation line: T1, E1, R1, A1, N1,
// #1 and so on, then a tab.
var bratLine = regexp.MustCompile(`^([A-Z]|#)\d*\t`)

// readBrat reads attributions in brat standoff. It accepts PolNeAR's layout
// (text/NAME.txt, attributions/NAME_xxxx.ann, several .ann per article when
// it was annotated more than once: the first, in name order, is used) and
// plain brat (NAME.txt beside NAME.ann). Source, Cue and Content (and
// Content2) text-bound annotations are tied into quotes by E lines;
// discontinuous spans ("10 20;25 40") keep their fragments.
func readBrat(dir string) ([]GoldDoc, error) {
	textDir, annDir := filepath.Join(dir, "text"), filepath.Join(dir, "attributions")
	if _, err := os.Stat(annDir); err != nil {
		textDir, annDir = dir, dir
	}
	anns, err := filepath.Glob(filepath.Join(annDir, "*.ann"))
	if err != nil {
		return nil, &GoldError{Path: dir, Err: err}
	}
	sort.Strings(anns)
	if len(anns) == 0 {
		return nil, &GoldError{Path: dir, Err: fmt.Errorf("%w: no .ann files (want a brat folder, or text/ and attributions/)", ErrGoldFormat)}
	}
	var docs []GoldDoc
	used := map[string]bool{}
	for _, ann := range anns {
		name := strings.TrimSuffix(filepath.Base(ann), ".ann")
		txt := filepath.Join(textDir, name+".txt")
		if _, err := os.Stat(txt); err != nil {
			name = bratSuffix.ReplaceAllString(name, "")
			txt = filepath.Join(textDir, name+".txt")
		}
		if used[name] {
			continue // annotated again by another annotator: keep the first
		}
		tb, err := os.ReadFile(txt)
		if err != nil {
			return nil, &GoldError{Path: ann, Err: fmt.Errorf("its text: %w", err)}
		}
		ab, err := os.ReadFile(ann)
		if err != nil {
			return nil, &GoldError{Path: ann, Err: err}
		}
		d, err := parseBrat(ann, name, string(tb), string(ab))
		if err != nil {
			return nil, err
		}
		d.Source = txt
		used[name] = true
		docs = append(docs, d)
	}
	return docs, nil
}

// bratEvent is one E line of a brat file: its roles' annotation ids.
type bratEvent struct {
	line  int
	roles map[string][]string
}

func parseBrat(path, id, text, ann string) (GoldDoc, error) {
	runes := []rune(text)
	spans := map[string]GoldSpan{}
	var events []bratEvent
	lines, lineNos := bratLines(ann)
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		var err error
		switch line[0] {
		case 'T':
			var sp GoldSpan
			if sp, err = bratSpan(fields, runes); err == nil {
				spans[fields[0]] = sp
			}
		case 'E':
			var ev bratEvent
			if ev, err = bratEventOf(fields, lineNos[i]); err == nil {
				events = append(events, ev)
			}
		}
		if err != nil {
			return GoldDoc{}, &GoldError{Path: path, Line: lineNos[i], Err: err}
		}
	}
	d := GoldDoc{ID: id, Text: text, HasQuotes: true}
	for _, ev := range events {
		if len(ev.roles["Content"]) == 0 {
			continue // an attribution without content scores nothing
		}
		q, err := bratQuote(ev, spans)
		if err != nil {
			return GoldDoc{}, &GoldError{Path: path, Line: ev.line, Err: err}
		}
		d.Quotes = append(d.Quotes, q)
	}
	return d, nil
}

// bratLines splits a .ann file into its annotations and their line
// numbers. A span whose text holds a line break continues on the next line
// of the file: such lines are joined to the annotation they belong to.
func bratLines(ann string) (lines []string, lineNos []int) {
	for i, line := range strings.Split(strings.TrimRight(ann, "\r\n"), "\n") {
		line = strings.TrimRight(line, "\r")
		if len(lines) > 0 && !bratLine.MatchString(line) {
			lines[len(lines)-1] += "\n" + line
			continue
		}
		lines = append(lines, line)
		lineNos = append(lineNos, i+1)
	}
	return lines, lineNos
}

// bratSpan reads a text-bound annotation (T line) over runes.
func bratSpan(fields []string, runes []rune) (GoldSpan, error) {
	if len(fields) < 2 {
		return GoldSpan{}, fmt.Errorf("text-bound annotation without a type and span")
	}
	_, locs, ok := strings.Cut(fields[1], " ")
	if !ok {
		return GoldSpan{}, fmt.Errorf("text-bound annotation %q without a span", fields[1])
	}
	var sp GoldSpan
	var parts []string
	for _, frag := range strings.Split(locs, ";") {
		ab := strings.Fields(frag)
		if len(ab) != 2 {
			return GoldSpan{}, fmt.Errorf("bad span %q", frag)
		}
		s, err1 := strconv.Atoi(ab[0])
		e, err2 := strconv.Atoi(ab[1])
		if err1 != nil || err2 != nil || s < 0 || e > len(runes) || s > e {
			return GoldSpan{}, fmt.Errorf("span %q is outside the text (%d code points)", frag, len(runes))
		}
		sp.Fragments = append(sp.Fragments, [2]int{s, e})
		parts = append(parts, string(runes[s:e]))
	}
	sp.Text = strings.Join(parts, " ")
	if len(fields) > 2 && fields[2] != sp.Text {
		return GoldSpan{}, fmt.Errorf("span text %q does not match the file's text %q", fields[2], sp.Text)
	}
	return sp, nil
}

// bratEventOf reads an event (E line) on line lineNo.
func bratEventOf(fields []string, lineNo int) (bratEvent, error) {
	if len(fields) < 2 {
		return bratEvent{}, fmt.Errorf("event without arguments")
	}
	ev := bratEvent{line: lineNo, roles: map[string][]string{}}
	for _, arg := range strings.Fields(fields[1]) {
		role, ref, ok := strings.Cut(arg, ":")
		if !ok {
			return bratEvent{}, fmt.Errorf("event argument %q is not ROLE:ID", arg)
		}
		role = strings.TrimRight(role, "0123456789") // Content2 is more content
		ev.roles[role] = append(ev.roles[role], ref)
	}
	return ev, nil
}

// bratQuote is the attribution an event describes, its roles' spans
// joined.
func bratQuote(ev bratEvent, spans map[string]GoldSpan) (GoldQuote, error) {
	var q GoldQuote
	for _, role := range []struct {
		name string
		out  *GoldSpan
	}{{"Content", &q.Content}, {"Cue", &q.Cue}, {"Source", &q.Speaker}} {
		var texts []string
		for _, ref := range ev.roles[role.name] {
			sp, ok := spans[ref]
			if !ok {
				return GoldQuote{}, fmt.Errorf("event refers to %s, which is not defined", ref)
			}
			role.out.Fragments = append(role.out.Fragments, sp.Fragments...)
			texts = append(texts, sp.Text)
		}
		sort.Slice(role.out.Fragments, func(i, j int) bool { return role.out.Fragments[i][0] < role.out.Fragments[j][0] })
		role.out.Text = strings.Join(texts, " ")
	}
	return q, nil
}

// ReadGoldFiles reads several gold paths in order.
func ReadGoldFiles(paths []string) ([]GoldDoc, []string, error) {
	var docs []GoldDoc
	var formats []string
	for _, p := range paths {
		d, f, err := ReadGold(p)
		if err != nil {
			return nil, nil, err
		}
		docs = append(docs, d...)
		formats = append(formats, f)
	}
	return docs, formats, nil
}

// GoldCorpus returns a Corpus whose articles are the gold documents' texts,
// so that gold is annotated by exactly the pipeline `annotate` runs.
func GoldCorpus(docs []GoldDoc) *GoldSource {
	return &GoldSource{docs: docs}
}

// GoldSource yields gold documents as articles. It satisfies the same
// Next/Progress contract as Corpus.
type GoldSource struct {
	docs []GoldDoc
	i    int
}

// Next returns the next gold document as an article, or io.EOF.
func (g *GoldSource) Next() (*Article, error) {
	if g.i >= len(g.docs) {
		return nil, io.EOF
	}
	d := g.docs[g.i]
	g.i++
	return &Article{ID: d.ID, Text: d.Text, Source: d.Source, Record: int64(g.i), Line: int64(d.Line)}, nil
}

// Progress reports documents read and the total.
func (g *GoldSource) Progress() (int64, int64) { return int64(g.i), int64(len(g.docs)) }
