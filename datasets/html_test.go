package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/text/encoding/korean"
)

// page is a news page written for these tests: a navigation bar, the
// article in paragraphs, a related-stories teaser and a comment.
func page(title, body string) string {
	var paras strings.Builder
	for _, p := range strings.Split(body, "\n\n") {
		fmt.Fprintf(&paras, "<p>%s</p>\n", p)
	}
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>` + title + ` | Harbour Times</title>
<link rel="canonical" href="https://harbour.example/news/` + strings.ToLower(strings.Fields(title)[0]) + `">
<meta property="article:published_time" content="2024-05-02T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>` + title + `</h1>
` + paras.String() + `</article>
<aside class="related"><h3>You may also like</h3><ul><li><a href="/a">Ferry fares to rise</a></li><li><a href="/b">Lighthouse repainted</a></li></ul></aside>
<section id="comments" class="comments"><div class="comment"><p>First! This is a reader comment that is not part of the story.</p></div></section>
<footer>Copyright Harbour Times. All rights reserved.</footer>
</body></html>`
}

const bridgeBody = "The harbour bridge will close for six months from May, the city council said on Tuesday, after inspectors found corroded cables under the main span.\n\nAnna Berg, who chairs the transport committee, said the closure was regrettable but unavoidable. “Nobody wants a bridge that might fail,” she told reporters at the town hall.\n\nFerry services will run every fifteen minutes while the work goes on, and the council will pay for extra buses between the two shores of the harbour."

func TestExtractHTMLKeepsParagraphsAndDropsFurniture(t *testing.T) {
	p, err := ExtractHTML([]byte(page("Bridge to close for repairs", bridgeBody)), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(p.Text, "\n\n"); got < 2 {
		t.Errorf("text has %d paragraph breaks, want at least 2:\n%s", got, p.Text)
	}
	for _, para := range strings.Split(bridgeBody, "\n\n") {
		if !strings.Contains(p.Text, para) {
			t.Errorf("text lacks the paragraph %q:\n%s", para, p.Text)
		}
	}
	for _, furniture := range []string{"Ferry fares to rise", "reader comment", "All rights reserved", "Weather"} {
		if strings.Contains(p.Text, furniture) {
			t.Errorf("text holds page furniture %q:\n%s", furniture, p.Text)
		}
	}
	if p.URL != "https://harbour.example/news/bridge" {
		t.Errorf("URL = %q, want the canonical link", p.URL)
	}
	if p.Published == nil || p.Published.Format("2006-01-02") != "2024-05-02" {
		t.Errorf("Published = %v, want 2024-05-02", p.Published)
	}
	if !strings.Contains(p.Title, "Bridge to close for repairs") {
		t.Errorf("Title = %q", p.Title)
	}
	if p.Lang != "en" {
		t.Errorf("Lang = %q, want en", p.Lang)
	}
}

func TestExtractHTMLLatin1(t *testing.T) {
	// A page declared and encoded as ISO-8859-1: é is one byte, 0xE9.
	html := strings.Replace(page("Cafe owners protest", "The owners of the café on the quay said the new parking rules would ruin their summer trade, and asked the council to think again before the season starts.\n\nThe council said it would listen to every business on the quay before it decides anything about the rules."), `<meta charset="utf-8">`, `<meta charset="iso-8859-1">`, 1)
	latin1 := bytes.ReplaceAll([]byte(html), []byte("é"), []byte{0xE9})
	p, err := ExtractHTML(latin1, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "café on the quay") {
		t.Errorf("Latin-1 page not converted to UTF-8:\n%q", p.Text)
	}
}

func TestHTMLFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "2024/bridge.html", []byte(page("Bridge to close for repairs", bridgeBody)))
	writeFile(t, dir, "2024/empty.htm.gz", gz(t, []byte("<html><head><title></title></head><body></body></html>")))
	got := readAll(t, open(t, []string{dir}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	if len(got) != 2 {
		t.Fatalf("got %d results, want an article and an error: %+v", len(got), got)
	}
	if got[0].ID != "2024/bridge.html" || !strings.Contains(got[0].Text, "corroded cables") || got[0].URL != "https://harbour.example/news/bridge" {
		t.Errorf("article = %+v", got[0])
	}
	if got[1].ID != "2024/empty.htm.gz" || got[1].Err != "no_text:" {
		t.Errorf("page without text = %+v, want a no_text error", got[1])
	}
}

func TestHTMLTooLarge(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "big.html", []byte(page("Bridge to close for repairs", bridgeBody)))
	got := readAll(t, open(t, []string{p}, Options{MaxDocBytes: 1000}))
	if diff := cmp.Diff([]result{{ID: fallbackID(filepath.Base(p), 1), Record: 1, Err: "too_large:"}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// FuzzExtractHTML: no page, however broken, makes extraction panic, and
// text found is valid UTF-8 with no run of three newlines.
func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte(page("Bridge to close for repairs", bridgeBody)))
	f.Add([]byte("<html><body><p>unclosed <b>bold <i>italic</p></div></td>"))
	f.Add([]byte("<meta charset=\"shift_jis\"><p>\x82\xa0\x82\xa2</p>"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ExtractHTML(b, "")
		if err != nil {
			return
		}
		if strings.Contains(p.Text, "\n\n\n") {
			t.Errorf("text holds a run of three newlines: %q", p.Text)
		}
	})
}

// TestExtractHTMLDateInText reads a page whose only date is in its
// byline. The dates go-htmldate's own patterns read are the same as with
// the real go-dateparser; "Sept. 21, 2016" is the one left to the English
// parser that stands in for go-dateparser (third_party/dateparser), and
// the real one read it as 2016-01-01.
func TestExtractHTMLDateInText(t *testing.T) {
	for _, c := range []struct{ byline, want string }{
		{"Tuesday 3 March 2015 10:04 GMT", "2015-03-03"},
		{"March 3rd, 2015, 4:05 p.m. EST", "2015-03-03"},
		{"Published on Sept. 21, 2016", "2016-09-21"},
		{"Updated 21st of September 2016", "2016-09-21"},
		{"3. März 2015", "2015-03-03"},
		{"le 3 mars 2015", "2015-03-03"},
	} {
		html := strings.Replace(page("Bridge to close for repairs", bridgeBody), `<meta property="article:published_time" content="2024-05-02T09:30:00Z">`, "", 1)
		html = strings.Replace(html, "<article>", `<article><p class="byline"><span class="date">`+c.byline+`</span></p>`, 1)
		p, err := ExtractHTML([]byte(html), "")
		if err != nil {
			t.Fatal(err)
		}
		if p.Published == nil || p.Published.Format("2006-01-02") != c.want {
			t.Errorf("byline %q: Published = %v, want %s", c.byline, p.Published, c.want)
		}
	}
}

// TestExtractFallsBackWhenDecodingFails stands in for a decoder failing as
// go-trafilatura streams a page (an EUC-KR page in a WARC gave "transform:
// short internal buffer" and was lost): the page is decoded whole, and
// read, with a warning.
func TestExtractFallsBackWhenDecodingFails(t *testing.T) {
	body := strings.Repeat("<p>서울시는 새 다리가 안전하다고 밝혔다. The mayor said the bridge was safe.</p>", 20)
	euckr, err := korean.EUCKR.NewEncoder().String(`<html><head><meta charset="euc-kr"><title>서울</title></head><body><article>` + body + `</article></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	flaky := func(r io.Reader, opts trafilatura.Options) (*trafilatura.ExtractResult, error) {
		b, _ := io.ReadAll(r)
		if !bytes.HasPrefix(b, []byte("\ufeff")) {
			return nil, errors.New("transform: short internal buffer")
		}
		return extractSafely(bytes.NewReader(b), opts)
	}
	p, err := extractPage([]byte(euckr), "", flaky)
	if err != nil {
		t.Fatalf("extractPage: %v", err)
	}
	if !strings.Contains(p.Text, "서울시는 새 다리가") || !slices.Contains(p.Warnings, WarnEncoding) {
		t.Errorf("page text %q, warnings %v; want the Korean text decoded and %s", clip(p.Text), p.Warnings, WarnEncoding)
	}
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80]
	}
	return s
}

// A page's author metadata is its byline.
func TestExtractHTMLAuthor(t *testing.T) {
	html := strings.Replace(page("Bridge to close for repairs", bridgeBody), "</head>", `<meta name="author" content="Jane Roe"></head>`, 1)
	p, err := ExtractHTML([]byte(html), "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Author != "Jane Roe" {
		t.Errorf("author %q, want Jane Roe", p.Author)
	}
}
