package datasets

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// ErrNoMainText is wrapped by the record error for a page in which no main
// text was found.
var ErrNoMainText = errors.New("no main text found in the page")

// Page is what ExtractHTML finds in a web page.
type Page struct {
	// Text is the main text, one paragraph per block of the page, blocks
	// separated by a blank line.
	Text      string
	Title     string
	URL       string // the page's canonical URL when it names one
	Lang      string
	Author    string // the page's author metadata (byline), "" when none
	Published *time.Time
	// Warnings name what reading the page had to repair (WarnEncoding).
	Warnings []string
}

// ExtractHTML finds the main text of a news page and its title, canonical
// URL, date and language, with go-trafilatura; comments and teasers are
// left out. pageURL, when known, helps resolve relative links and is the
// URL kept when the page names no canonical one. The page's encoding is
// taken from its bytes and meta tags and converted to UTF-8.
func ExtractHTML(page []byte, pageURL string) (*Page, error) {
	return extractPage(page, pageURL, extractSafely)
}

// extractFunc is go-trafilatura's extraction, behind a type so that a test
// can stand in for a failure that real pages bring only rarely.
type extractFunc func(io.Reader, trafilatura.Options) (*trafilatura.ExtractResult, error)

func extractPage(page []byte, pageURL string, extract extractFunc) (*Page, error) {
	// go-trafilatura's parser finds the encoding (byte order mark, meta
	// tags, content sniffing) and converts to UTF-8 itself, as it streams.
	opts := trafilatura.Options{ExcludeComments: true, EnableFallback: true}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	res, err := extract(bytes.NewReader(page), opts)
	var warnings []string
	if err != nil && strings.Contains(err.Error(), "transform:") {
		// A decoder that failed as it streamed (an EUC-KR page gave
		// "transform: short internal buffer"): decode the page whole, which
		// cannot run short, or replace what is not UTF-8 with U+FFFD, and
		// mark it with a byte order mark, which outranks a meta charset.
		res, err = extract(bytes.NewReader(utf8Page(page)), opts)
		warnings = append(warnings, WarnEncoding)
	}
	if err != nil {
		return nil, err
	}
	p := &Page{
		Text:     blockText(res.ContentNode),
		Title:    strings.TrimSpace(res.Metadata.Title),
		URL:      res.Metadata.URL,
		Lang:     res.Metadata.Language,
		Author:   strings.TrimSpace(res.Metadata.Author),
		Warnings: warnings,
	}
	if p.URL == "" {
		p.URL = pageURL
	}
	if !res.Metadata.Date.IsZero() {
		d := res.Metadata.Date.UTC()
		p.Published = &d
	}
	if strings.TrimSpace(p.Text) == "" {
		return nil, ErrNoMainText
	}
	return p, nil
}

// extractSafely runs go-trafilatura, turning a panic inside it into an
// error: one malformed page must not end a batch.
func extractSafely(r io.Reader, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("html extraction failed: %v", v)
		}
	}()
	res, err = trafilatura.Extract(r, opts)
	if err != nil && strings.Contains(err.Error(), "not long enough") {
		// go-trafilatura's way of saying it found no main text.
		err = fmt.Errorf("%w (%v)", ErrNoMainText, err)
	}
	if err == nil && (res == nil || res.ContentNode == nil) {
		err = ErrNoMainText
	}
	return res, err
}

// blockTags end a paragraph of the extracted text.
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "header": true, "footer": true, "aside": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "figure": true, "figcaption": true, "hr": true,
	"head": true, "title": true, "body": true, "html": true,
}

// blockText is the text of an extracted content tree with its paragraph
// breaks kept (go-trafilatura's ContentText runs paragraphs together):
// each block element is a paragraph, paragraphs are separated by a blank
// line, a <br> is a line break, and runs of white space inside a
// paragraph become one space.
func blockText(n *html.Node) string {
	var out, para strings.Builder
	space := false
	flush := func() {
		s := strings.TrimSpace(para.String())
		para.Reset()
		space = false
		if s == "" {
			return
		}
		if out.Len() > 0 {
			out.WriteString("\n\n")
		}
		out.WriteString(s)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if unicode.IsSpace(r) && r != '\u00a0' {
					space = true
					continue
				}
				if space && para.Len() > 0 {
					last := para.String()[para.Len()-1]
					if last != '\n' {
						para.WriteByte(' ')
					}
				}
				space = false
				para.WriteRune(r)
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br":
				if para.Len() > 0 {
					para.WriteByte('\n')
				}
				space = false
				return
			case "td", "th":
				space = true
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	if n != nil {
		walk(n)
	}
	flush()
	return out.String()
}

// htmlReader reads one web page file as one article.
type htmlReader struct {
	r    *bufio.Reader
	src  *source
	opts Options
	done bool
}

func newHTMLReader(r *bufio.Reader, s *source, opts Options) *htmlReader {
	return &htmlReader{r: r, src: s, opts: opts}
}

func (h *htmlReader) next() (*Article, error) {
	if h.done {
		return nil, io.EOF
	}
	h.done = true
	id := h.src.idBase
	if !h.src.inFolder {
		id = h.src.fallbackID(1)
	}
	b, err := readLimited(h.r, h.opts.MaxDocBytes)
	if err != nil {
		return nil, &RecordError{Source: h.src.name, Record: 1, ID: id, Kind: kindOf(err), Err: err}
	}
	return pageArticle(b, "", id, h.src.name, 1, h.opts)
}

// readLimited reads r to its end, failing with ErrTooLarge past max bytes
// (0: no limit) without reading further.
func readLimited(r io.Reader, max int) ([]byte, error) {
	if max <= 0 {
		return io.ReadAll(r)
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, fmt.Errorf("%w: the page is over --max-doc-bytes %d", ErrTooLarge, max)
	}
	return b, nil
}

// pageArticle turns a web page into an article, or a record error naming
// the source and record.
func pageArticle(page []byte, pageURL, id, source string, record int64, opts Options) (*Article, error) {
	fail := func(kind string, err error) error {
		return &RecordError{Source: source, Record: record, ID: id, Kind: kind, Excerpt: excerpt(string(page), 200), Err: err}
	}
	p, err := ExtractHTML(page, pageURL)
	if errors.Is(err, ErrNoMainText) {
		return nil, fail("no_text", err)
	}
	if err != nil {
		return nil, fail("html", err)
	}
	if opts.MaxDocBytes > 0 && len(p.Text) > opts.MaxDocBytes {
		return nil, fail("too_large", fmt.Errorf("%w: the extracted text is over --max-doc-bytes %d", ErrTooLarge, opts.MaxDocBytes))
	}
	a := &Article{ID: id, Source: source, Record: record, Title: p.Title, URL: p.URL, Lang: p.Lang, Published: p.Published, Warnings: p.Warnings}
	a.Text = a.repairUTF8(p.Text)
	a.Author = a.repairUTF8(p.Author)
	return a, nil
}

// utf8Page is page in UTF-8 behind a byte order mark: decoded whole from
// the encoding its bytes, headers or meta tags declare, or, when that
// fails, with every byte that is not UTF-8 replaced by U+FFFD.
func utf8Page(page []byte) []byte {
	bom := []byte("\ufeff")
	enc, _, _ := charset.DetermineEncoding(page, "")
	if dec, err := enc.NewDecoder().Bytes(page); err == nil {
		return append(bom, dec...)
	}
	return append(bom, bytes.ToValidUTF8(page, []byte("\ufffd"))...)
}
