package main

import (
	"bufio"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/output"
)

type reportOptions struct {
	out       string
	maxDocs   int
	maxErrors int
	top       int
}

func newReportCmd(stdout io.Writer) *cobra.Command {
	o := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report OUT -o report.html",
		Short: "Write a self-contained HTML page: run summary, top speakers, claims and denials, articles",
		Long: `Write one self-contained HTML file about an annotate output: the run
summary from manifest.json; the top speakers with their claims and denials
as a bar chart; the top entities by label; denials and claims per source;
the first errors; and a sample of articles, each with its entities
highlighted and its attributions listed, with a box that filters them by
speaker name.

The page needs no network: CSS and charts (SVG) are inline, and a few lines
of plain JavaScript run the filter. It is built from aggregates and the
sampled articles only, never by loading every row, so it stays small and
quick for large runs.`,
		Example: `  newsnlp report newsnlp-out -o report.html
  newsnlp report out -o report.html --max-docs 200 --top 25`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runReport(stdout, args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "out", "o", "", "the HTML file to write (required)")
	f.IntVar(&o.maxDocs, "max-docs", 50, "articles shown in full: a stable sample when the run has more")
	f.IntVar(&o.maxErrors, "max-errors", 50, "errors rows listed")
	f.IntVar(&o.top, "top", 15, "speakers and entities per chart")
	cmd.MarkFlagRequired("out")
	return cmd
}

// reportData is everything the page shows.
type reportData struct {
	Dir       string
	Manifest  *output.Manifest
	Speakers  []speakerCount
	Entities  map[string][]nameCount // label → top names
	Labels    []string
	Sources   []sourceCount
	Errors    []output.ErrorRow
	NErrors   int64
	Docs      []*docView
	NDocs     int64
	NQuotes   int64
	NClaims   int64
	NDenials  int64
	BuiltIn   time.Duration
	HasTables map[string]bool
}

type speakerCount struct {
	Name            string
	Claims, Denials int
}

type nameCount struct {
	Name  string
	Count int
}

type sourceCount struct {
	Source                string
	Docs, Claims, Denials int64
}

func runReport(stdout io.Writer, dir string, o *reportOptions) error {
	if o.out == "" {
		return usageError{fmt.Errorf("report: -o FILE is required")}
	}
	if o.maxDocs < 0 || o.maxErrors < 0 || o.top < 1 {
		return usageError{fmt.Errorf("report: --max-docs and --max-errors must be 0 or more, --top 1 or more")}
	}
	if _, err := os.Stat(filepath.Join(dir, output.TableDocuments)); err != nil {
		return usageError{fmt.Errorf("report: %s is not an annotate output (%v)", dir, err)}
	}
	start := time.Now()
	d, err := buildReport(dir, o)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	d.BuiltIn = time.Since(start)
	tmp := o.out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	w := bufio.NewWriter(f)
	writeReport(w, d)
	if err := w.Flush(); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("report: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(tmp, o.out); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	info, _ := os.Stat(o.out)
	fmt.Fprintf(stdout, "newsnlp: wrote %s (%d KB; %d articles shown of %d) in %.2fs\n", o.out, (info.Size()+1023)/1024, len(d.Docs), d.NDocs, time.Since(start).Seconds())
	return nil
}

// buildReport streams the tables once each, keeping aggregates and the
// sampled articles.
func buildReport(dir string, o *reportOptions) (*reportData, error) {
	d := &reportData{Dir: dir, Entities: map[string][]nameCount{}, HasTables: map[string]bool{}}
	if m, err := output.ReadManifest(dir); err == nil {
		d.Manifest = m
	}
	bySource := map[string]*sourceCount{}
	err := output.ReadRows(dir, output.TableDocuments, func(r *output.DocumentRow) error {
		d.NDocs++
		s := bySource[r.Source]
		if s == nil {
			s = &sourceCount{Source: r.Source}
			bySource[r.Source] = s
		}
		s.Docs++
		s.Claims += int64(r.NClaims)
		s.Denials += int64(r.NDenials)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, s := range bySource {
		d.Sources = append(d.Sources, *s)
	}
	sort.Slice(d.Sources, func(i, j int) bool {
		a, b := d.Sources[i], d.Sources[j]
		if a.Denials != b.Denials {
			return a.Denials > b.Denials
		}
		return a.Source < b.Source
	})

	speakers := map[string]*speakerCount{}
	err = output.ReadRows(dir, output.TableQuotes, func(q *output.QuoteRow) error {
		d.NQuotes++
		if q.Label == "denial" {
			d.NDenials++
		} else {
			d.NClaims++
		}
		name := deref(q.SpeakerCanonical)
		if name == "" {
			return nil
		}
		s := speakers[name]
		if s == nil {
			s = &speakerCount{Name: name}
			speakers[name] = s
		}
		if q.Label == "denial" {
			s.Denials++
		} else {
			s.Claims++
		}
		return nil
	})
	d.HasTables[output.TableQuotes] = err == nil
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return nil, err
	}
	for _, s := range speakers {
		d.Speakers = append(d.Speakers, *s)
	}
	sort.Slice(d.Speakers, func(i, j int) bool {
		a, b := d.Speakers[i], d.Speakers[j]
		if a.Claims+a.Denials != b.Claims+b.Denials {
			return a.Claims+a.Denials > b.Claims+b.Denials
		}
		return a.Name < b.Name
	})
	if len(d.Speakers) > o.top {
		d.Speakers = d.Speakers[:o.top]
	}

	names := map[string]map[string]int{}
	err = output.ReadRows(dir, output.TableEntities, func(e *output.EntityRow) error {
		byName := names[e.Label]
		if byName == nil {
			byName = map[string]int{}
			names[e.Label] = byName
		}
		byName[e.Canonical]++
		return nil
	})
	d.HasTables[output.TableEntities] = err == nil
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return nil, err
	}
	for label, byName := range names {
		d.Labels = append(d.Labels, label)
		var list []nameCount
		for n, c := range byName {
			list = append(list, nameCount{n, c})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Count != list[j].Count {
				return list[i].Count > list[j].Count
			}
			return list[i].Name < list[j].Name
		})
		if len(list) > o.top {
			list = list[:o.top]
		}
		d.Entities[label] = list
	}
	sort.Slice(d.Labels, func(i, j int) bool { return labelOrder(d.Labels[i]) < labelOrder(d.Labels[j]) })

	err = output.ReadRows(dir, output.TableErrors, func(e *output.ErrorRow) error {
		d.NErrors++
		if len(d.Errors) < o.maxErrors {
			d.Errors = append(d.Errors, *e)
		}
		return nil
	})
	d.HasTables[output.TableErrors] = err == nil
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return nil, err
	}

	if o.maxDocs > 0 {
		sel := docSelector{Sample: o.maxDocs}
		if d.NDocs <= int64(o.maxDocs) {
			sel = docSelector{All: true}
		}
		docs, _, err := loadDocs(dir, sel)
		if err != nil {
			return nil, err
		}
		d.Docs = docs
	}
	return d, nil
}

func labelOrder(l string) int {
	for i, x := range []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"} {
		if l == x {
			return i
		}
	}
	return 99
}

// labelCSS is each entity label's highlight colour.
var labelCSS = map[string]string{
	"PERSON": "#d6ecff", "ORG": "#ffeab0", "GPE": "#d4f5d0", "LOC": "#e2f5c8", "NORP": "#f3dcf7", "MISC": "#e6e6e6",
}

const reportCSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d1d1f;margin:0;background:#f6f6f4}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #ddd;padding-bottom:4px}
.sub{color:#666;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:22px}.card span{color:#666;font-size:13px}
table{border-collapse:collapse;background:#fff;width:100%;font-size:14px}
th,td{border:1px solid #e2e2e2;padding:4px 8px;text-align:left;vertical-align:top}th{background:#fafafa}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:16px}
.panel{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:12px}
.panel h3{margin:0 0 8px;font-size:15px}
svg text{font:12px system-ui,sans-serif}
mark{border-radius:4px;padding:0 2px;color:inherit}
mark small{font-size:10px;font-weight:600;color:#555;margin-left:3px;text-transform:uppercase}
article{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:14px 18px;margin:14px 0}
article h3{margin:0 0 2px;font-size:17px}.meta{color:#666;font-size:13px;margin-bottom:8px}
.zone{margin:6px 0;white-space:pre-wrap}.zone.boilerplate{color:#999}.zone .k{font-size:11px;color:#999;text-transform:uppercase;display:block}
ol.att{padding-left:22px;margin:8px 0 0}ol.att li{margin:6px 0}
.lab{font-size:12px;font-weight:600;border-radius:4px;padding:0 5px;color:#fff}.lab.claim{background:#2e8b57}.lab.denial{background:#c0392b}
.q{color:#333}.sp{font-weight:600}.ev{color:#888;font-size:12px}
#filter{font-size:15px;padding:6px 10px;width:320px;border:1px solid #ccc;border-radius:6px}
.err td:last-child{font-family:ui-monospace,monospace;font-size:12px;color:#555}
.legend span{margin-right:10px}
`

const reportJS = `
var box=document.getElementById('filter');
box.addEventListener('input',function(){
  var q=box.value.toLowerCase(),n=0,arts=document.querySelectorAll('article');
  for(var i=0;i<arts.length;i++){
    var ok=q===''||(arts[i].getAttribute('data-speakers')||'').indexOf(q)>=0;
    arts[i].style.display=ok?'':'none';if(ok)n++;
  }
  document.getElementById('shown').textContent=n;
});
`

func writeReport(w io.Writer, d *reportData) {
	e := html.EscapeString
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	p("<title>newsnlp report: %s</title>\n<style>%s</style></head>\n<body><main>\n", e(d.Dir), reportCSS)
	p("<h1>newsnlp report</h1>\n<p class=\"sub\">%s", e(d.Dir))
	if m := d.Manifest; m != nil {
		p(" · %s · newsnlp %s · finished %s", e(m.Status), e(m.Version), m.FinishedAt.UTC().Format("2006-01-02 15:04 MST"))
	}
	p("</p>\n")

	// Summary.
	p("<section id=\"summary\"><h2>Run</h2>\n<div class=\"cards\">\n")
	card := func(id, value, label string) {
		p("<div class=\"card\" id=\"%s\"><b>%s</b><span>%s</span></div>\n", id, value, e(label))
	}
	card("n-docs", fmt.Sprint(d.NDocs), "articles")
	if m := d.Manifest; m != nil {
		card("n-read", fmt.Sprint(m.Records.Read), "records read")
		card("n-words", fmt.Sprint(m.Words), "words")
		card("n-errors", fmt.Sprint(m.Records.Errors), "errors")
		card("speed", fmt.Sprintf("%.0f", m.Throughput.WordsPerSecond), fmt.Sprintf("words/s (%.0f articles/s, %d workers)", m.Throughput.ArticlesPerSecond, m.Workers))
	} else {
		card("n-errors", fmt.Sprint(d.NErrors), "errors")
	}
	if d.HasTables[output.TableQuotes] {
		card("n-quotes", fmt.Sprint(d.NQuotes), "attributions")
		card("n-claims", fmt.Sprint(d.NClaims), "claims")
		card("n-denials", fmt.Sprint(d.NDenials), "denials")
	}
	p("</div>\n")
	if m := d.Manifest; m != nil {
		p("<table><tr><th>inputs</th><td>%s</td></tr>\n", e(strings.Join(m.Inputs, " ")))
		for _, kv := range []struct {
			name string
			m    map[string]int64
		}{{"errors by kind", m.ErrorsByKind}, {"warnings", m.Warnings}, {"skipped", m.Skipped}, {"not annotated", m.NotAnnotated}, {"languages", m.Languages}} {
			if len(kv.m) > 0 {
				p("<tr><th>%s</th><td>%s</td></tr>\n", kv.name, e(formatCounts(kv.m)))
			}
		}
		p("<tr><th>time</th><td>%.1f s wall (read %.1f s, annotate %.1f s, write %.1f s)</td></tr></table>\n", m.Timings.Wall, m.Timings.Read, m.Timings.Annotate, m.Timings.Write)
	}
	p("</section>\n")

	// Speakers.
	if d.HasTables[output.TableQuotes] {
		p("<section id=\"speakers\"><h2>Top speakers</h2>\n")
		p("<p class=\"legend\"><span><svg width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"#2e8b57\"/></svg> claims</span><span><svg width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"#c0392b\"/></svg> denials</span> by speaker (canonical name)</p>\n")
		var bars []bar
		for _, s := range d.Speakers {
			bars = append(bars, bar{s.Name, []int64{int64(s.Claims), int64(s.Denials)}})
		}
		writeBars(w, "speakers-chart", bars, []string{"#2e8b57", "#c0392b"}, false)
		p("</section>\n")
	}

	// Entities.
	if d.HasTables[output.TableEntities] {
		p("<section id=\"entities\"><h2>Top entities by label</h2>\n<div class=\"grid\">\n")
		for _, l := range d.Labels {
			p("<div class=\"panel\" data-label=\"%s\"><h3><mark style=\"background:%s\">%s</mark></h3>\n", e(l), labelColor(l), e(l))
			var bars []bar
			for _, n := range d.Entities[l] {
				bars = append(bars, bar{n.Name, []int64{int64(n.Count)}})
			}
			writeBars(w, "", bars, []string{"#7a8fa6"}, true)
			p("</div>\n")
		}
		p("</div></section>\n")
	}

	// Sources.
	p("<section id=\"sources\"><h2>Denials and claims per source</h2>\n<table><tr><th>source</th><th>articles</th><th>claims</th><th>denials</th><th>denials per 100 articles</th></tr>\n")
	for _, s := range d.Sources {
		rate := 0.0
		if s.Docs > 0 {
			rate = 100 * float64(s.Denials) / float64(s.Docs)
		}
		p("<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%.1f</td></tr>\n", e(s.Source), s.Docs, s.Claims, s.Denials, rate)
	}
	p("</table></section>\n")

	// Errors.
	p("<section id=\"errors\"><h2>Errors (%d)</h2>\n", d.NErrors)
	if len(d.Errors) == 0 {
		p("<p>No record failed.</p>\n")
	} else {
		if int64(len(d.Errors)) < d.NErrors {
			p("<p>The first %d of %d.</p>\n", len(d.Errors), d.NErrors)
		}
		p("<table class=\"err\"><tr><th>source</th><th>record</th><th>line</th><th>stage</th><th>kind</th><th>error</th><th>excerpt</th></tr>\n")
		for _, r := range d.Errors {
			p("<tr><td>%s</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(r.Source), r.Record, r.Line, e(r.Stage), e(r.Kind), e(r.Error), e(clipText(r.Excerpt, 160)))
		}
		p("</table>\n")
	}
	p("</section>\n")

	// Articles.
	p("<section id=\"articles\"><h2>Articles</h2>\n")
	shown := "all %d"
	if int64(len(d.Docs)) < d.NDocs {
		shown = "a sample of %d (--max-docs)"
	}
	p("<p>"+shown+" of %d. Filter by speaker: <input id=\"filter\" type=\"search\" placeholder=\"speaker name\" aria-label=\"filter by speaker\"> <span id=\"shown\">%d</span> shown.</p>\n", len(d.Docs), d.NDocs, len(d.Docs))
	for _, doc := range d.Docs {
		writeArticle(w, doc)
	}
	p("</section>\n")
	p("<p class=\"sub\">Built by newsnlp report in %.2f s from the tables' aggregates and the sampled articles.</p>\n", d.BuiltIn.Seconds())
	p("</main><script>%s</script></body></html>\n", reportJS)
}

func labelColor(l string) string {
	if c := labelCSS[l]; c != "" {
		return c
	}
	return labelCSS["MISC"]
}

func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// bar is one row of a horizontal bar chart: a name and its stacked values.
type bar struct {
	name   string
	values []int64
}

// writeBars draws a horizontal stacked bar chart as inline SVG.
// compact charts fit a panel of a grid.
func writeBars(w io.Writer, id string, bars []bar, colors []string, compact bool) {
	if len(bars) == 0 {
		fmt.Fprint(w, "<p>None.</p>\n")
		return
	}
	rowH, labelW, barW, numW := 22, 190, 300, 70
	if compact {
		labelW, barW, numW = 150, 110, 40
	}
	var maxTotal int64 = 1
	for _, b := range bars {
		var t int64
		for _, v := range b.values {
			t += v
		}
		maxTotal = max(maxTotal, t)
	}
	h := rowH * len(bars)
	idAttr := ""
	if id != "" {
		idAttr = fmt.Sprintf(" id=\"%s\"", id)
	}
	fmt.Fprintf(w, "<svg%s role=\"img\" viewBox=\"0 0 %d %d\" style=\"width:100%%;max-width:%dpx\">\n", idAttr, labelW+barW+numW, h, labelW+barW+numW)
	for i, b := range bars {
		y := i * rowH
		fmt.Fprintf(w, "<g class=\"bar\" data-name=\"%s\"><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", html.EscapeString(b.name), labelW-6, y+15, html.EscapeString(clipText(b.name, labelW/7)))
		x := float64(labelW)
		var total int64
		var parts []string
		for k, v := range b.values {
			width := float64(barW) * float64(v) / float64(maxTotal)
			if v > 0 {
				fmt.Fprintf(w, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%d</title></rect>", x, y+4, width, rowH-8, colors[k%len(colors)], v)
			}
			x += width
			total += v
			parts = append(parts, fmt.Sprint(v))
		}
		fmt.Fprintf(w, "<text x=\"%.1f\" y=\"%d\" data-values=\"%s\">%d</text></g>\n", x+6, y+15, strings.Join(parts, ","), total)
	}
	fmt.Fprint(w, "</svg>\n")
}

// blankRuns matches three or more line breaks, shown as one blank line.
var blankRuns = regexp.MustCompile(`\n\s*\n(\s*\n)+`)

// writeArticle renders one article like inspect: zones, entities
// highlighted, and its attributions.
func writeArticle(w io.Writer, d *docView) {
	e := html.EscapeString
	var speakers []string
	for _, q := range d.Quotes {
		speakers = append(speakers, strings.ToLower(deref(q.Speaker)+" "+deref(q.SpeakerCanonical)))
	}
	fmt.Fprintf(w, "<article data-doc=\"%s\" data-speakers=\"%s\">\n", e(d.ID), e(strings.Join(speakers, " | ")))
	title := d.Title
	if title == "" {
		title = d.ID
	}
	fmt.Fprintf(w, "<h3>%s</h3>\n<div class=\"meta\">%s · %s", e(title), e(d.ID), e(d.Source))
	if d.Published != nil {
		fmt.Fprintf(w, " · %s", d.Published.UTC().Format("2006-01-02"))
	}
	if d.URL != "" {
		fmt.Fprintf(w, " · %s", e(d.URL))
	}
	fmt.Fprint(w, "</div>\n")
	zones := d.Zones
	if len(zones) == 0 {
		zones = []output.ZoneRow{{Kind: "text", End: int32(len(d.Text))}}
	}
	ents := append([]output.EntityRow(nil), d.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Start < ents[j].Start })
	for _, z := range zones {
		fmt.Fprintf(w, "<div class=\"zone %s\"><span class=\"k\">%s</span>", e(z.Kind), e(z.Kind))
		pos := z.Start
		for _, m := range ents {
			if m.Start < pos || m.Start < z.Start || m.End > z.End || m.Start >= m.End {
				continue
			}
			fmt.Fprint(w, e(blankRuns.ReplaceAllString(d.span(pos, m.Start), "\n\n")))
			fmt.Fprintf(w, "<mark style=\"background:%s\" title=\"%s\">%s<small>%s</small></mark>", labelColor(m.Label), e(m.Canonical), e(d.span(m.Start, m.End)), e(m.Label))
			pos = m.End
		}
		fmt.Fprint(w, e(blankRuns.ReplaceAllString(d.span(pos, z.End), "\n\n")))
		fmt.Fprint(w, "</div>\n")
	}
	if len(d.Quotes) > 0 {
		fmt.Fprint(w, "<ol class=\"att\">\n")
		for _, q := range d.Quotes {
			fmt.Fprintf(w, "<li><span class=\"lab %s\">%s</span> %.2f · <span class=\"sp\">%s</span>", e(q.Label), e(q.Label), q.Confidence, e(speakerText(&q)))
			if q.Cue != nil {
				fmt.Fprintf(w, " · <i>%s</i>", e(*q.Cue))
			}
			fmt.Fprintf(w, " · %s<br><span class=\"q\">“%s”</span>", e(q.Kind), e(clipText(q.Content, 600)))
			if len(q.Evidence) > 0 {
				fmt.Fprintf(w, " <span class=\"ev\">%s</span>", e(strings.Join(q.Evidence, ", ")))
			}
			fmt.Fprint(w, "</li>\n")
		}
		fmt.Fprint(w, "</ol>\n")
	}
	fmt.Fprint(w, "</article>\n")
}
