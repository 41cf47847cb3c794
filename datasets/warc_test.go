package datasets

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// warcRecord renders one WARC/1.0 record, gzipped on its own as in CC-NEWS.
func warcRecord(t *testing.T, typ, id, uri string, block string) []byte {
	t.Helper()
	h := fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2024-05-03T10:00:00Z\r\n", typ, id)
	if uri != "" {
		h += "WARC-Target-URI: " + uri + "\r\n"
	}
	ct := "application/http; msgtype=response"
	switch typ {
	case "warcinfo":
		ct = "application/warc-fields"
	case "request":
		ct = "application/http; msgtype=request"
	}
	h += fmt.Sprintf("Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ct, len(block))
	return gz(t, []byte(h+block+"\r\n\r\n"))
}

func httpResponse(status, contentType, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body)
}

const cafeBody = "The owners of the cafe on the quay said the new parking rules would ruin their summer trade, and asked the council to think again before the season starts.\n\nThe council said it would listen to every business on the quay before it decides anything about the rules."

func testWARC(t *testing.T) []byte {
	var b bytes.Buffer
	b.Write(warcRecord(t, "warcinfo", "00000000-0000-0000-0000-000000000000", "", "format: WARC File Format 1.0\r\n"))
	b.Write(warcRecord(t, "request", "10000000-0000-0000-0000-000000000001", "https://harbour.example/news/bridge", "GET /news/bridge HTTP/1.1\r\nHost: harbour.example\r\n\r\n"))
	b.Write(warcRecord(t, "response", "20000000-0000-0000-0000-000000000002", "https://harbour.example/news/bridge", httpResponse("200 OK", "text/html; charset=utf-8", page("Bridge to close for repairs", bridgeBody))))
	b.Write(warcRecord(t, "response", "30000000-0000-0000-0000-000000000003", "https://harbour.example/gone", httpResponse("404 Not Found", "text/html", "<html><body>Not found</body></html>")))
	b.Write(warcRecord(t, "response", "40000000-0000-0000-0000-000000000004", "https://harbour.example/logo.png", httpResponse("200 OK", "image/png", "\x89PNG\r\n")))
	b.Write(warcRecord(t, "response", "50000000-0000-0000-0000-000000000005", "https://harbour.example/news/cafe", httpResponse("200 OK", "text/html", page("Cafe owners protest", cafeBody))))
	return b.Bytes()
}

func TestWARCMatchesThePages(t *testing.T) {
	dir := t.TempDir()
	w := writeFile(t, dir, "crawl.warc.gz", testWARC(t))
	writeFile(t, dir, "pages/bridge.html", []byte(page("Bridge to close for repairs", bridgeBody)))
	writeFile(t, dir, "pages/cafe.html", []byte(page("Cafe owners protest", cafeBody)))
	c := open(t, []string{w}, Options{MaxDocBytes: DefaultMaxDocBytes})
	fromWARC := readAll(t, c)
	fromPages := readAll(t, open(t, []string{dir + "/pages"}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	if len(fromWARC) != 2 || len(fromPages) != 2 {
		t.Fatalf("WARC gave %d results, pages %d; want 2 each:\n%+v", len(fromWARC), len(fromPages), fromWARC)
	}
	for i, a := range fromWARC {
		p := fromPages[i]
		if a.Err != "" || a.Text != p.Text || a.Title != p.Title {
			t.Errorf("WARC article %d differs from its page:\nWARC  %+v\npage  %+v", i, a, p)
		}
	}
	if a := fromWARC[0]; a.ID != "urn:uuid:20000000-0000-0000-0000-000000000002" || a.URL != "https://harbour.example/news/bridge" || a.Record != 3 ||
		!strings.Contains(a.Meta, `"warc_date":"2024-05-03T10:00:00Z"`) {
		t.Errorf("WARC article = %+v; want id from WARC-Record-ID, URL from WARC-Target-URI, the record number and WARC-Date in meta", a)
	}
	want := map[string]int64{SkipWARCType: 2, SkipWARCStatus: 1, SkipWARCNotHTML: 1}
	if got := c.Skipped(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Skipped() = %v, want %v", got, want)
	}
}

func TestTruncatedWARCKeepsEarlierRecords(t *testing.T) {
	dir := t.TempDir()
	full := testWARC(t)
	// Cut the last record's gzip member in half.
	last := warcRecord(t, "response", "50000000-0000-0000-0000-000000000005", "https://harbour.example/news/cafe", httpResponse("200 OK", "text/html", page("Cafe owners protest", cafeBody)))
	cut := full[:len(full)-len(last)/2]
	w := writeFile(t, dir, "cut.warc.gz", cut)
	next := writeFile(t, dir, "next.jsonl", []byte(`{"id": "next", "text": "Still read."}`+"\n"))
	got := readAll(t, open(t, []string{w, next}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	if len(got) != 3 {
		t.Fatalf("got %d results, want the first article, one error for the cut and the next file: %+v", len(got), got)
	}
	if !strings.Contains(got[0].Text, "corroded cables") || got[1].Err == "" || got[2].ID != "next" {
		t.Errorf("results = %+v", got)
	}
}

func FuzzWARC(f *testing.F) {
	var b bytes.Buffer
	b.WriteString("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hello there.</p>\r\n\r\n")
	f.Add(b.Bytes())
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999\r\n\r\nshort"))
	f.Fuzz(func(t *testing.T, data []byte) {
		drainFile(t, "f.warc", data, Options{MaxDocBytes: 1 << 20})
	})
}

func isRecordError(err error) bool {
	_, ok := err.(*RecordError)
	return ok
}

// TestSharedWARCMatchesPages reads ../shared/data/html's pages folder and
// the same pages as one CC-NEWS-style WARC file: the same articles, with
// the same text and title.
func TestSharedWARCMatchesPages(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "html")
	if _, err := os.Stat(filepath.Join(dir, "news.warc.gz")); err != nil {
		t.Skip("no ../shared/data/html: TestWARCMatchesThePages covers the same on generated pages")
	}
	render := func(rs []result) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Err+"|"+r.Title+"|"+r.Text)
		}
		sort.Strings(out)
		return out
	}
	warc := render(readAll(t, open(t, []string{filepath.Join(dir, "news.warc.gz")}, Options{MaxDocBytes: DefaultMaxDocBytes})))
	pages := render(readAll(t, open(t, []string{filepath.Join(dir, "pages")}, Options{MaxDocBytes: DefaultMaxDocBytes})))
	if len(warc) != 91 || len(pages) != 91 {
		t.Fatalf("%d articles from the WARC, %d from the pages; want 91 each", len(warc), len(pages))
	}
	for i := range warc {
		if warc[i] != pages[i] {
			t.Errorf("article %d differs:\nWARC  %.200q\npages %.200q", i, warc[i], pages[i])
		}
	}
}

// TestWARCThatCrashedGowarc is the input fuzzing found to panic inside
// gowarc: it ends its file with a corrupt error, and the next file is read.
func TestWARCThatCrashedGowarc(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.warc", []byte("WARC/\n"))
	next := writeFile(t, dir, "next.jsonl", []byte(`{"id": "next", "text": "Still read."}`+"\n"))
	got := readAll(t, open(t, []string{bad, next}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	if len(got) != 2 || got[0].Err != "corrupt:" || got[1].ID != "next" {
		t.Errorf("got %+v; want a corrupt error, then the next file's record", got)
	}
}

// TestTruncatedPlainWARC cuts an uncompressed WARC inside its last
// record's payload: that record is a corrupt errors row, not an article
// made of half a page, and the records before it are read.
func TestTruncatedPlainWARC(t *testing.T) {
	var b bytes.Buffer
	for _, rec := range []struct{ id, uri, title, body string }{
		{"20000000-0000-0000-0000-000000000002", "https://harbour.example/news/bridge", "Bridge to close for repairs", bridgeBody},
		{"50000000-0000-0000-0000-000000000005", "https://harbour.example/news/cafe", "Cafe owners protest", cafeBody},
	} {
		block := httpResponse("200 OK", "text/html", page(rec.title, rec.body))
		fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", rec.id, rec.uri, len(block), block)
	}
	full := b.Bytes()
	cut := full[:len(full)-len(cafeBody)/2]
	dir := t.TempDir()
	got := readAll(t, open(t, []string{writeFile(t, dir, "cut.warc", cut)}, Options{MaxDocBytes: DefaultMaxDocBytes}))
	if len(got) != 2 || !strings.Contains(got[0].Text, "corroded cables") || got[1].Err != "corrupt:" {
		t.Fatalf("results = %+v; want the bridge article, then a truncated-record error", got)
	}
	if whole := readAll(t, open(t, []string{writeFile(t, dir, "whole.warc", full)}, Options{MaxDocBytes: DefaultMaxDocBytes})); len(whole) != 2 || whole[1].Err != "" {
		t.Fatalf("the whole file: %+v; want two articles", whole)
	}
}
