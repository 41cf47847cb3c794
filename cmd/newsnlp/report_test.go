package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/newsnlp/newsnlp/output"
)

// node helpers over golang.org/x/net/html's tree.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byID(root *html.Node, id string) *html.Node {
	if ns := findAll(root, func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == id }); len(ns) > 0 {
		return ns[0]
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for _, t := range findAll(n, func(n *html.Node) bool { return n.Type == html.TextNode }) {
		b.WriteString(t.Data)
	}
	return b.String()
}

func elements(root *html.Node, tag string) []*html.Node {
	return findAll(root, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == tag })
}

// parseReport writes the report of out and parses it.
func parseReport(t *testing.T, out string, flags ...string) (*html.Node, []byte) {
	t.Helper()
	page := filepath.Join(t.TempDir(), "report.html")
	runMain(t, exitOK, append([]string{"report", out, "-o", page}, flags...)...)
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("the report is not HTML: %v", err)
	}
	return root, b
}

// statementRows keeps the quotes rows the report shows by default:
// speech, with a score of output.MinStatementScore or more.
func statementRows(rows []map[string]any) []map[string]any {
	var out []map[string]any
	for _, q := range rows {
		kind, _ := q["report_type"].(string)
		score, scored := q["score"].(float64)
		if (kind == "" || kind == "speech") && (!scored || score >= output.MinStatementScore) {
			out = append(out, q)
		}
	}
	return out
}

// TestReport checks the report of the sample run against its Parquet,
// read with arrow-go: the sections, the counts, the speaker chart's
// claims and denials, the articles.
func TestReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runMain(t, exitOK, "annotate", "-o", out, "--progress", "never")
	root, raw := parseReport(t, out)

	for _, id := range []string{"summary", "speakers", "entities", "sources", "errors", "articles", "filter", "chart-speakers", "speaker-1"} {
		if byID(root, id) == nil {
			t.Errorf("no element with id %q", id)
		}
	}
	// Nothing is loaded from anywhere: no stylesheet, script or image
	// reference (article URLs appear as text only).
	for _, bad := range []string{"<link", " src=", "@import", "url("} {
		if strings.Contains(string(raw), bad) {
			t.Errorf("the page refers to something outside it (%q)", bad)
		}
	}
	docs, _, _ := readTable(t, out, "documents")
	all, _, _ := readTable(t, out, "quotes")
	quotes := statementRows(all) // the report shows statements unless --all
	card := func(id string) string { return textOf(elements(byID(root, id), "b")[0]) }
	if got := card("n-docs"); got != fmt.Sprint(len(docs)) {
		t.Errorf("articles card %s; the documents table has %d rows", got, len(docs))
	}
	if got := card("n-quotes"); got != fmt.Sprint(len(quotes)) {
		t.Errorf("attributions card %s; the quotes table has %d rows", got, len(quotes))
	}

	// Speaker bars: claims and denials per canonical speaker.
	want := map[string][2]int{}
	for _, q := range quotes {
		name, _ := q["speaker_canonical"].(string)
		if name == "" {
			continue
		}
		c := want[name]
		if q["label"] == "denial" {
			c[1]++
		} else {
			c[0]++
		}
		want[name] = c
	}
	// The speaker chart's data, drawn by Chart.js from the page's JSON.
	var charts []struct {
		ID     string   `json:"id"`
		Labels []string `json:"labels"`
		Links  []string `json:"links"`
		Series []struct {
			Name   string `json:"name"`
			Values []int  `json:"values"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(textOf(byID(root, "chart-data"))), &charts); err != nil {
		t.Fatalf("chart data: %v", err)
	}
	found := false
	for _, c := range charts {
		if c.ID != "chart-speakers" {
			continue
		}
		found = true
		if len(c.Labels) == 0 || len(c.Labels) > 15 || len(c.Series) != 2 || len(c.Links) != len(c.Labels) {
			t.Fatalf("speaker chart %+v", c)
		}
		for i, name := range c.Labels {
			w := want[name]
			if got := [2]int{c.Series[0].Values[i], c.Series[1].Values[i]}; got != w {
				t.Errorf("speaker %q: claims,denials %v; the quotes table has %v", name, got, w)
			}
			if byID(root, strings.TrimPrefix(c.Links[i], "#")) == nil {
				t.Errorf("speaker %q links to %s, which is not on the page", name, c.Links[i])
			}
		}
	}
	if !found {
		t.Error("no speaker chart in the chart data")
	}

	// Every article, each with its attributions.
	arts := elements(byID(root, "articles"), "article")
	if len(arts) != len(docs) {
		t.Errorf("%d articles shown; the run has %d (under --max-docs)", len(arts), len(docs))
	}
	perDoc := map[string]int{}
	for _, q := range quotes {
		perDoc[q["doc_id"].(string)]++
	}
	for _, a := range arts {
		items := findAll(a, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "li" })
		if id := attr(a, "data-doc"); len(items) != perDoc[id] {
			t.Errorf("article %s lists %d attributions; the quotes table has %d", id, len(items), perDoc[id])
		}
	}
	if marks := elements(byID(root, "articles"), "mark"); len(marks) == 0 {
		t.Error("no entity is highlighted")
	}

	// A sample when the run is larger than --max-docs.
	// A sample when the run is larger than --max-docs, and the articles
	// the speakers' pages link to.
	root, _ = parseReport(t, out, "--max-docs", "3")
	intro := textOf(elements(byID(root, "articles"), "p")[0])
	m := regexp.MustCompile(`A stable sample of 3 of 10 \(--max-docs\)(?:, and (\d+) more that speakers' pages link to)?`).FindStringSubmatch(intro)
	if m == nil {
		t.Fatalf("articles intro %q", intro)
	}
	linked, _ := strconv.Atoi(m[1])
	if arts := elements(byID(root, "articles"), "article"); len(arts) != 3+linked {
		t.Errorf("--max-docs 3 shows %d articles; want 3 and %d linked", len(arts), linked)
	}
}

func TestReportErrorsAndSubsets(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	var lines []string
	for i := 0; i < 7; i++ {
		lines = append(lines, fmt.Sprintf(`{"id": "bad%d", "text": ""}`, i))
	}
	lines = append(lines, `{"id": "good", "text": "The mayor said the bridge is safe."}`)
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	runMain(t, exitSomeFailed, "annotate", in, "-o", out, "--progress", "never")
	root, _ := parseReport(t, out, "--max-errors", "5")
	rows := elements(byID(root, "errors"), "tr")
	if len(rows) != 1+5 {
		t.Errorf("errors table has %d rows; want a header and the first 5", len(rows))
	}
	if !strings.Contains(textOf(byID(root, "errors")), "The first 5 of 7") {
		t.Errorf("the errors section does not say how many there are: %q", textOf(byID(root, "errors")))
	}
	// Only documents and errors: the report still builds, without the
	// sections it has no data for.
	for _, table := range []string{"entities", "quotes", "tokens", "sentences"} {
		os.RemoveAll(filepath.Join(out, table))
	}
	root, _ = parseReport(t, out)
	if byID(root, "speakers") != nil || byID(root, "articles") == nil {
		t.Error("without the quotes table: want no speakers section, and the articles")
	}
	var ids []string
	for _, s := range elements(root, "section") {
		ids = append(ids, attr(s, "id"))
	}
	sort.Strings(ids)
	if strings.Join(ids, ",") != "articles,errors,sources,summary" {
		t.Errorf("sections %v", ids)
	}
	if _, stderr := runMain(t, exitFatal, "report", filepath.Join(dir, "nothing"), "-o", filepath.Join(dir, "r.html")); !strings.Contains(stderr, "not an annotate output") {
		t.Errorf("report of a missing output: %s", stderr)
	}
}
