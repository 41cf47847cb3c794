package report

import "strconv"

// chartSpec is one chart, drawn by assets/charts.js with Chart.js from the
// JSON the page carries: bars (horizontal or vertical, stacked or not) or
// lines, one value per label and series.
type chartSpec struct {
	ID         string       `json:"id"` // the canvas's id
	Horizontal bool         `json:"horizontal,omitempty"`
	Line       bool         `json:"line,omitempty"`
	Stacked    bool         `json:"stacked,omitempty"`
	Labels     []string     `json:"labels"`
	Series     []seriesSpec `json:"series"`
	// Links holds, per label, the anchor a click on its bar goes to.
	Links []string `json:"links,omitempty"`
}

type seriesSpec struct {
	Name   string  `json:"name"`
	Color  string  `json:"color"`
	Values []int64 `json:"values"`
}

const (
	claimColor  = "#2e8b57"
	denialColor = "#c0392b"
)

// lineColors are the timeline's entity lines.
var lineColors = []string{"#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"}

// Charts lists every chart of the page.
func (v view) Charts() []chartSpec {
	var out []chartSpec
	if len(v.Speakers) > 0 {
		c := chartSpec{ID: "chart-speakers", Horizontal: true, Stacked: true}
		claims, denials := seriesSpec{Name: "claims", Color: claimColor}, seriesSpec{Name: "denials", Color: denialColor}
		for _, s := range v.Speakers {
			c.Labels = append(c.Labels, s.Name)
			c.Links = append(c.Links, "#"+s.Anchor)
			claims.Values = append(claims.Values, int64(s.Claims))
			denials.Values = append(denials.Values, int64(s.Denials))
		}
		c.Series = []seriesSpec{claims, denials}
		out = append(out, c)
	}
	for _, l := range v.Labels {
		c := chartSpec{ID: EntityChartID(l), Horizontal: true}
		s := seriesSpec{Name: "mentions", Color: string(labelBar(l))}
		for _, n := range v.Entities[l] {
			c.Labels = append(c.Labels, n.Name)
			s.Values = append(s.Values, int64(n.Count))
		}
		c.Series = []seriesSpec{s}
		out = append(out, c)
	}
	if t := v.Timeline; t != nil {
		out = append(out, chartSpec{ID: "chart-time", Stacked: true, Labels: t.Labels, Series: []seriesSpec{
			{Name: "claims", Color: claimColor, Values: t.Claims}, {Name: "denials", Color: denialColor, Values: t.Denials}}})
		if len(t.Entities) > 0 {
			c := chartSpec{ID: "chart-time-entities", Line: true, Labels: t.Labels}
			for i, e := range t.Entities {
				c.Series = append(c.Series, seriesSpec{Name: e.Name, Color: lineColors[i%len(lineColors)], Values: e.Values})
			}
			out = append(out, c)
		}
		for _, s := range v.Speakers {
			out = append(out, chartSpec{ID: "chart-" + s.Anchor, Labels: t.Labels, Series: []seriesSpec{{Name: "statements", Color: "#4a6fa5", Values: s.Periods}}})
		}
	}
	if b := v.ByField; b != nil && len(b.Rows) > 0 {
		c := chartSpec{ID: "chart-by", Horizontal: true, Stacked: true}
		claims, denials := seriesSpec{Name: "claims", Color: claimColor}, seriesSpec{Name: "denials", Color: denialColor}
		for _, r := range b.Rows {
			c.Labels = append(c.Labels, r.Value)
			claims.Values = append(claims.Values, r.Claims)
			denials.Values = append(denials.Values, r.Denials)
		}
		c.Series = []seriesSpec{claims, denials}
		out = append(out, c)
	}
	return out
}

// EntityChartID is the canvas id of one label's top-names chart.
func EntityChartID(label string) string { return "chart-entities-" + label }

// barsHeight is the height in pixels of a horizontal bar chart of n bars.
func barsHeight(n int) string { return strconv.Itoa(40+26*max(n, 1)) + "px" }

// labelBar is each entity label's bar colour: the highlight colour,
// darker.
func labelBar(l string) string {
	switch l {
	case "PERSON":
		return "#5b9bd5"
	case "ORG":
		return "#e0a800"
	case "GPE":
		return "#5cb85c"
	case "LOC":
		return "#8bc34a"
	case "NORP":
		return "#ba68c8"
	}
	return "#9e9e9e"
}
