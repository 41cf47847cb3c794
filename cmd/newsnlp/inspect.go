package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/output"
)

type inspectOptions struct {
	doc, grep, color string
	sample, max      int
	deps, all        bool
	width            int
}

func newInspectCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &inspectOptions{}
	cmd := &cobra.Command{
		Use:   "inspect OUT [--doc ID | --grep TEXT | --sample N]",
		Short: "Show annotated articles in the terminal: zones, entities, speakers, claims and denials",
		Long: `Show articles of an annotate output in the terminal: the zones (title,
dateline, body; boilerplate dimmed), entity mentions coloured by label, and
each attribution with its speaker (mention → canonical), cue, content,
label (claim or denial) and confidence, kind and score. Attributions are
statements only (report_type speech, score 0.5 or more) unless --all is
given.

Without a selector, the first article is shown. Colours are used on a
terminal only (--color auto); plain text marks entities as [text]LABEL.
Any subset of tables will do: only documents is required.`,
		Example: `  newsnlp inspect newsnlp-out
  newsnlp inspect out --doc business/001.txt
  newsnlp inspect out --grep Lavrov --max 3
  newsnlp inspect out --sample 5 --color never | less
  newsnlp inspect out --doc business/001.txt --deps
  newsnlp inspect out --doc business/001.txt --all   # beliefs and attitudes too`,
		Args: needArgs(false, argOut),
		RunE: func(cmd *cobra.Command, args []string) error {
			warnIncomplete(stderr, args[0])
			return runInspect(stdout, args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.doc, "doc", "", "show the article with this doc_id")
	f.StringVar(&o.grep, "grep", "", "show articles whose text or title contains this (case-insensitive)")
	f.IntVar(&o.max, "max", 5, "with --grep, show at most this many articles (0: all)")
	f.IntVar(&o.sample, "sample", 0, "show this many articles, a stable sample spread over the output")
	f.StringVar(&o.color, "color", "auto", "colours: auto (on a terminal, unless NO_COLOR is set), always or never")
	f.BoolVar(&o.all, "all", false, "show every attribution: by default only statements (report_type speech, score 0.5 or more)")
	f.BoolVar(&o.deps, "deps", false, "also show each sentence's tokens: lemma, tags and dependency parse (head and relation)")
	f.IntVar(&o.width, "width", 0, "wrap at this many columns (default: the terminal's width, else 80)")
	return cmd
}

func runInspect(stdout io.Writer, out string, o *inspectOptions) error {
	n := 0
	for _, set := range []bool{o.doc != "", o.grep != "", o.sample > 0} {
		if set {
			n++
		}
	}
	if n > 1 {
		return usageError{fmt.Errorf("inspect: give one of --doc, --grep and --sample")}
	}
	if o.sample < 0 || o.max < 0 {
		return usageError{fmt.Errorf("inspect: --sample and --max must be 0 or more")}
	}
	var color bool
	switch o.color {
	case "auto":
		color = isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	case "always":
		color = true
	case "never":
	default:
		return usageError{fmt.Errorf("inspect: --color %q: want auto, always or never", o.color)}
	}
	width := o.width
	if width <= 0 {
		width = 80
		if f, ok := stdout.(*os.File); ok && isTerminal(stdout) {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 20 {
				width = w
			}
		}
	}
	if _, err := os.Stat(out); err != nil {
		return usageError{fmt.Errorf("inspect: %w", err)}
	}
	docs, tables, err := output.LoadDocs(out, output.DocSelector{ID: o.doc, Grep: o.grep, Sample: o.sample, Max: o.max, Tokens: o.deps})
	if err != nil {
		return fmt.Errorf("inspect: %w", err)
	}
	if len(docs) == 0 {
		switch {
		case o.doc != "":
			return fmt.Errorf("inspect: %s has no article with doc_id %q", out, o.doc)
		case o.grep != "":
			return noMatchError{fmt.Sprintf("inspect: no article in %s contains %q", out, o.grep)}
		}
		return fmt.Errorf("inspect: %s has no articles", out)
	}
	r := &renderer{w: stdout, color: color, width: max(width, 40)}
	for i, d := range docs {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		r.hidden = 0
		if !o.all {
			r.hidden = d.KeepStatements()
		}
		r.doc(d, i+1, len(docs), tables)
	}
	return nil
}

// ANSI styles. Entity colours by label; the others are attributes that
// nest with a colour (bold, dim, underline), each with its own reset.
var labelColors = map[string]string{
	"PERSON": "\x1b[36m", // cyan
	"ORG":    "\x1b[33m", // yellow
	"GPE":    "\x1b[32m", // green
	"LOC":    "\x1b[32m",
	"NORP":   "\x1b[35m", // magenta
	"MISC":   "\x1b[34m", // blue
}

const (
	ansiFgOff    = "\x1b[39m"
	ansiBold     = "\x1b[1m"
	ansiDim      = "\x1b[2m"
	ansiIntenOff = "\x1b[22m"
	ansiUnder    = "\x1b[4m"
	ansiUnderOff = "\x1b[24m"
	ansiRed      = "\x1b[31m"
	ansiGreen    = "\x1b[32m"
)

type renderer struct {
	w     io.Writer
	color bool
	width int
	// hidden is how many of the article's attributions are not shown:
	// not statements (inspect --all shows them).
	hidden int
}

func (r *renderer) style(s, on, off string) string {
	if !r.color || s == "" {
		return s
	}
	return on + s + off
}

// doc writes one article: its header, its zones' text with entities
// marked, and its attributions. Every string from the article goes through
// output.Visible: an article never writes to the terminal itself.
func (r *renderer) doc(d *output.DocView, i, n int, tables map[string]bool) {
	visibleView(d)
	r.header(d, i, n, tables)
	r.zones(d)
	if tables[output.TableQuotes] {
		r.attributions(d)
	}
	if tables[output.TableTokens] {
		r.deps(d)
	}
}

// deps writes the article's tokens sentence by sentence, one a line: the
// token number, text, lemma, Penn Treebank and universal tags, the head's
// token number (- for the sentence's head) and the relation.
func (r *renderer) deps(d *output.DocView) {
	r.heading("dependencies")
	sent := int32(-1)
	for _, t := range d.Tokens {
		if t.SentIdx != sent {
			sent = t.SentIdx
			fmt.Fprintf(r.w, "  sentence %d\n", sent)
		}
		head := "-"
		if t.Head != nil {
			head = fmt.Sprint(*t.Head)
		}
		fmt.Fprintf(r.w, "    %5d  %-18s %-16s %-5s %-5s %5s  %s\n", t.TokIdx, output.Visible(t.Text), output.Visible(t.Lemma), t.POS, t.UPOS, head, r.style(t.Dep, ansiBold, ansiIntenOff))
	}
}

// header writes the article's id, title, metadata, zones and entity counts.
func (r *renderer) header(d *output.DocView, i, n int, tables map[string]bool) {
	w := r.w
	rule := strings.Repeat("─", r.width)
	fmt.Fprintln(w, r.style(rule, ansiDim, ansiIntenOff))
	fmt.Fprintf(w, "%s  %s", r.style("doc_id", ansiBold, ansiIntenOff), d.ID)
	if n > 1 {
		fmt.Fprintf(w, "   (%d of %d)", i, n)
	}
	fmt.Fprintln(w)
	if d.Title != "" {
		r.field("title", d.Title)
	}
	if d.Author != "" {
		r.field("by", d.Author)
	}
	meta := []string{"source " + d.Source}
	if d.Published != nil {
		meta = append(meta, "published "+d.Published.UTC().Format("2006-01-02 15:04 MST"))
	}
	if d.Lang != "" {
		meta = append(meta, "lang "+d.Lang)
	}
	if d.DuplicateOf != "" {
		meta = append(meta, "duplicate of "+d.DuplicateOf)
	}
	if len(d.Warnings) > 0 {
		meta = append(meta, "warnings "+strings.Join(d.Warnings, ", "))
	}
	r.field("from", strings.Join(meta, " · "))
	if d.URL != "" {
		r.field("url", d.URL)
	}
	var zs []string
	for _, z := range d.Zones {
		zs = append(zs, fmt.Sprintf("%s %d–%d", z.Kind, z.Start, z.End))
	}
	if len(zs) > 0 {
		r.field("zones", strings.Join(zs, " · "))
	}
	if tables[output.TableEntities] {
		counts := map[string]int{}
		for _, e := range d.Entities {
			counts[e.Label]++
		}
		var parts []string
		for _, l := range sortedKeys(counts) {
			parts = append(parts, r.style(l, labelColors[l], ansiFgOff)+fmt.Sprintf(" %d", counts[l]))
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		r.field("entities", strings.Join(parts, " · "))
	}
	fmt.Fprintln(w)
}

// zones writes each zone's text, wrapped, with its entities marked.
func (r *renderer) zones(d *output.DocView) {
	zones := d.Zones
	if len(zones) == 0 {
		zones = []output.ZoneRow{{Kind: "text", Start: 0, End: int32(len(d.Text))}}
	}
	for _, z := range zones {
		r.heading(z.Kind)
		body := r.markup(d, z)
		blank := true // no blank line at a zone's start, nor two in a row
		for _, line := range strings.Split(body, "\n") {
			empty := visibleWidth(strings.TrimSpace(line)) == 0
			if empty && blank {
				continue
			}
			blank = empty
			r.wrap(line, "  ", "  ")
		}
	}

}

// attributions writes the article's attributions with their labels.
func (r *renderer) attributions(d *output.DocView) {
	fmt.Fprintln(r.w)
	claims, denials := 0, 0
	for _, q := range d.Quotes {
		if q.Label == doc.LabelDenial {
			denials++
		} else {
			claims++
		}
	}
	heading := fmt.Sprintf("attributions: %d (%s, %s)", len(d.Quotes), plural(claims, "claim"), plural(denials, "denial"))
	r.heading(heading)
	if r.hidden > 0 {
		// On a line of its own: the heading keeps to the terminal's width.
		fmt.Fprintf(r.w, "  %d more not shown: belief, perception, attitude, or a score under %.1f (--all)\n",
			r.hidden, output.MinStatementScore)
	}
	for k, q := range d.Quotes {
		label := q.Label
		switch label {
		case doc.LabelDenial:
			label = r.style(label, ansiBold+ansiRed, ansiFgOff+ansiIntenOff)
		default:
			label = r.style(label, ansiGreen, ansiFgOff)
		}
		parts := []string{fmt.Sprintf("%s %.2f", label, q.Confidence), r.style(output.SpeakerText(&q), labelColors[deref(q.SpeakerLabel)], ansiFgOff)}
		if q.Cue != nil {
			parts = append(parts, "cue "+r.style(*q.Cue, ansiBold, ansiIntenOff))
		}
		parts = append(parts, q.Kind)
		if q.ReportType != "" && q.ReportType != doc.ReportSpeech {
			parts = append(parts, q.ReportType)
		}
		if q.Score != nil {
			parts = append(parts, fmt.Sprintf("score %.2f", *q.Score))
		}
		var flags []string
		for _, f := range []struct {
			on   bool
			name string
		}{{q.Negated, "negated"}, {q.Hedged, "hedged"}, {q.Conditional, "conditional"}} {
			if f.on {
				flags = append(flags, f.name)
			}
		}
		if len(flags) > 0 {
			parts = append(parts, strings.Join(flags, ", "))
		}
		r.wrap(strings.Join(parts, " · "), fmt.Sprintf("%4d  ", k+1), "      ")
		r.wrap("“"+strings.Join(strings.Fields(q.Content), " ")+"”", "      ", "      ")
		if len(q.Evidence) > 0 {
			r.wrap(r.style("evidence "+strings.Join(q.Evidence, ", "), ansiDim, ansiIntenOff), "      ", "      ")
		}
	}
}

// heading writes "── name ───…" across the width.
func (r *renderer) heading(name string) {
	head := "── " + name + " "
	fmt.Fprintln(r.w, r.style(head+strings.Repeat("─", max(0, r.width-runewidth.StringWidth(head))), ansiDim, ansiIntenOff))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (r *renderer) field(name, value string) {
	r.wrap(value, r.style(fmt.Sprintf("%-8s", name), ansiBold, ansiIntenOff)+"  ", strings.Repeat(" ", 10))
}

// markup renders one zone's text with its entity mentions marked: coloured
// on a terminal, [text]LABEL otherwise; quote content underlined and cues
// bold on a terminal; boilerplate dimmed.
func (r *renderer) markup(d *output.DocView, z output.ZoneRow) string {
	type mark struct {
		at    int32
		order int // closing marks first at one position
		s     string
	}
	var marks []mark
	add := func(start, end int32, on, off string) {
		if start < z.Start || end > z.End || start >= end {
			return
		}
		marks = append(marks, mark{start, 1, on}, mark{end, 0, off})
	}
	for _, e := range d.Entities {
		if r.color {
			c := labelColors[e.Label]
			if c == "" {
				c = labelColors["MISC"]
			}
			add(e.Start, e.End, c, ansiFgOff)
		} else {
			add(e.Start, e.End, "[", "]"+e.Label)
		}
	}
	if r.color {
		for _, q := range d.Quotes {
			add(q.ContentStart, q.ContentEnd, ansiUnder, ansiUnderOff)
			if q.CueStart != nil && q.CueEnd != nil {
				add(*q.CueStart, *q.CueEnd, ansiBold, ansiIntenOff)
			}
		}
	}
	sort.SliceStable(marks, func(i, j int) bool {
		if marks[i].at != marks[j].at {
			return marks[i].at < marks[j].at
		}
		return marks[i].order < marks[j].order
	})
	var b strings.Builder
	dim := r.color && z.Kind == "boilerplate"
	if dim {
		b.WriteString(ansiDim)
	}
	pos := z.Start
	for _, m := range marks {
		b.WriteString(output.Visible(d.Span(pos, m.at)))
		pos = max(pos, m.at)
		b.WriteString(m.s)
		if dim && m.s == ansiIntenOff {
			b.WriteString(ansiDim) // a cue's bold ended inside boilerplate
		}
	}
	b.WriteString(output.Visible(d.Span(pos, z.End)))
	if dim {
		b.WriteString(ansiIntenOff)
	}
	if r.color {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// wrap writes s word-wrapped at r.width, the first line after first and the
// others after indent. Widths are measured without ANSI codes and with
// East Asian wide characters counted as two columns.
func (r *renderer) wrap(s, first, indent string) {
	words := strings.Fields(s)
	if len(words) == 0 {
		fmt.Fprintln(r.w)
		return
	}
	line := first
	col := visibleWidth(first)
	start := true
	for _, word := range words {
		ww := visibleWidth(word)
		if !start && col+1+ww > r.width {
			fmt.Fprintln(r.w, line)
			line, col, start = indent, visibleWidth(indent), true
		}
		if !start {
			line += " "
			col++
		}
		line += word
		col += ww
		start = false
	}
	fmt.Fprintln(r.w, line)
}

func visibleWidth(s string) int {
	if !strings.Contains(s, "\x1b[") {
		return runewidth.StringWidth(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && s[j] != 'm' {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return runewidth.StringWidth(b.String())
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// visibleView passes the strings of an article's view other than its text
// (shown span by span) through output.Visible.
func visibleView(d *output.DocView) {
	for _, p := range []*string{&d.ID, &d.Source, &d.Title, &d.Author, &d.URL, &d.Lang, &d.DuplicateOf} {
		*p = output.Visible(*p)
	}
	for i := range d.Warnings {
		d.Warnings[i] = output.Visible(d.Warnings[i])
	}
	for i := range d.Entities {
		d.Entities[i].Canonical = output.Visible(d.Entities[i].Canonical)
	}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		q.Content = output.Visible(q.Content)
		for _, p := range []**string{&q.Cue, &q.Speaker, &q.SpeakerCanonical, &q.SpeakerLabel} {
			if *p != nil {
				v := output.Visible(**p)
				*p = &v
			}
		}
		for k := range q.Evidence {
			q.Evidence[k] = output.Visible(q.Evidence[k])
		}
	}
}
