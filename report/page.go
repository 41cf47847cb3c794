package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/output"
)

//go:embed assets
var assets embed.FS

// page is the template, parsed once.
var page = template.Must(template.New("page.html.tmpl").Funcs(template.FuncMap{
	"counts":      output.FormatCounts,
	"clip":        func(s string, n int) string { return output.Visible(Clip(s, n)) },
	"visible":     output.Visible,
	"color":       labelColor,
	"height":      barsHeight,
	"quote":       quoteContent,
	"entityChart": EntityChartID,
	"add":         func(a, b int) int { return a + b },
	"css":         func(s string) template.CSS { return template.CSS(s) },
	"js":          func(s string) template.JS { return template.JS(s) },
	"asset":       asset,
	"rate":        rate,
	"lower":       strings.ToLower,
	"join":        strings.Join,
	"date":        func(t interface{ Format(string) string }) string { return t.Format("2006-01-02") },
	"slice3":      func(a, b, c any) []any { return []any{a, fmt.Sprint(b), c} },
}).ParseFS(assets, "assets/page.html.tmpl"))

// asset is an embedded file's text, for the page's inline style and
// script.
func asset(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic(err) // embedded: present in every build
	}
	return string(b)
}

// Write renders the page.
func Write(w io.Writer, d *Data) error {
	return page.Execute(w, view{Data: d})
}

// view is Data with what the template derives from it.
type view struct{ *Data }

// Sampled reports whether the articles shown are a sample.
func (v view) Sampled() bool { return int64(v.NSampled) < v.NDocs }

// Linked is how many articles are shown only because a speaker's page
// links to them.
func (v view) Linked() int { return len(v.Docs) - v.NSampled }

// Articles are the shown articles, ready to render.
func (v view) Articles() []article {
	out := make([]article, len(v.Docs))
	for i, d := range v.Docs {
		out[i] = newArticle(d)
	}
	return out
}

// quoteContent shows what was said in quotation marks, unless it already
// opens with one (a direct quotation carries its own), clipped to n code
// points.
func quoteContent(s string, n int) string {
	s = output.Visible(Clip(s, n))
	if strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "‘") || strings.HasPrefix(s, "'") {
		return s
	}
	return "“" + s + "”"
}

func rate(n, of int64) string {
	if of == 0 {
		return "0.0"
	}
	return fmt.Sprintf("%.1f", 100*float64(n)/float64(of))
}

// labelCSS is each entity label's highlight colour.
var labelCSS = map[string]string{
	"PERSON": "#d6ecff", "ORG": "#ffeab0", "GPE": "#d4f5d0", "LOC": "#e2f5c8", "NORP": "#f3dcf7", "MISC": "#e6e6e6",
}

func labelColor(l string) template.CSS {
	if c := labelCSS[l]; c != "" {
		return template.CSS(c)
	}
	return template.CSS(labelCSS["MISC"])
}

// Clip folds white space and cuts s to n code points, marking the cut.
func Clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// article is one article as the page shows it, like inspect: zones with
// entities highlighted, and its attributions.
type article struct {
	*output.DocView
	Heading  string
	Anchor   string // the view's id, for links from speakers' pages
	Speakers string // every speaker's mention and canonical name, lower case, for the filter
	Zones    []zoneView
}

type zoneView struct {
	Kind     string
	Segments []segment
}

// segment is a run of a zone's text, an entity mention when Label is set.
type segment struct {
	Text, Label, Canonical string
}

// blankRuns matches three or more line breaks, shown as one blank line.
var blankRuns = regexp.MustCompile(`\n\s*\n(\s*\n)+`)

func newArticle(d *output.DocView) article {
	a := article{DocView: d, Heading: d.Title, Anchor: ArticleAnchor(d.ID)}
	if a.Heading == "" {
		a.Heading = d.ID
	}
	var speakers []string
	for _, q := range d.Quotes {
		speakers = append(speakers, strings.ToLower(deref(q.Speaker)+" "+deref(q.SpeakerCanonical)))
	}
	a.Speakers = output.Visible(strings.Join(speakers, " | "))
	zones := d.Zones
	if len(zones) == 0 {
		zones = []output.ZoneRow{{Kind: "text", End: int32(len(d.Text))}}
	}
	ents := append([]output.EntityRow(nil), d.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Start < ents[j].Start })
	for _, z := range zones {
		zv := zoneView{Kind: z.Kind}
		pos := z.Start
		plain := func(end int32) {
			zv.Segments = append(zv.Segments, segment{Text: output.Visible(blankRuns.ReplaceAllString(d.Span(pos, end), "\n\n"))})
		}
		for _, m := range ents {
			if m.Start < pos || m.Start < z.Start || m.End > z.End || m.Start >= m.End {
				continue
			}
			plain(m.Start)
			zv.Segments = append(zv.Segments, segment{Text: output.Visible(d.Span(m.Start, m.End)), Label: m.Label, Canonical: output.Visible(m.Canonical)})
			pos = m.End
		}
		plain(z.End)
		a.Zones = append(a.Zones, zv)
	}
	return a
}

// Speaker describes an attribution's speaker.
func (a article) Speaker(q output.QuoteRow) string { return output.SpeakerText(&q) }
