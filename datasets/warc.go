package datasets

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v2"
)

// Reasons a WARC record is skipped, counted in Corpus.Skipped and the
// manifest: they are not articles, and not errors either.
const (
	SkipWARCType    = "warc_not_response" // warcinfo, request, metadata, …
	SkipWARCStatus  = "warc_not_200"      // a redirect, a 404, …
	SkipWARCNotHTML = "warc_not_html"     // an image, a PDF, JSON, …
)

// warcReader reads the response records of a WARC file (one gzip member per
// record, as Common Crawl's CC-NEWS, is decompressed before it) and turns
// each HTML page into an article: URL from WARC-Target-URI, date from
// WARC-Date, id from WARC-Record-ID.
type warcReader struct {
	src    *source
	opts   Options
	wr     *gowarc.WarcFileReader
	record int64
	skip   func(reason string)
}

func newWARCReader(r *bufio.Reader, s *source, opts Options, skip func(string)) (*warcReader, error) {
	// Spec violations keep their default policy (warn): ignoring them makes
	// gowarc v2.2.4 cut a response payload short.
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore), gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore))
	if err != nil {
		return nil, err
	}
	return &warcReader{src: s, opts: opts, wr: wr, skip: skip}, nil
}

func (w *warcReader) next() (*Article, error) {
	for {
		rec, _, validation, err := w.wr.Next()
		if err == io.EOF {
			return nil, io.EOF
		}
		w.record++
		if err != nil {
			// The framing is lost (a truncated or corrupt record): the
			// rest of the file cannot be read.
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return nil, fmt.Errorf("warc record %d: truncated: %w", w.record, err)
			}
			return nil, fmt.Errorf("warc record %d: %w", w.record, err)
		}
		a, reason, err := w.article(rec)
		rec.Close()
		if cut := truncation(validation); cut != nil && reason == "" {
			// A file cut inside its last record (an uncompressed WARC
			// truncated in transfer): gowarc reads the bytes there are, and
			// they must not pass for the whole page.
			return nil, &RecordError{Source: w.src.name, Record: w.record, ID: strings.Trim(rec.RecordId(), "<>"), Kind: "corrupt", Excerpt: rec.WarcHeader().Get(gowarc.WarcTargetURI), Err: cut}
		}
		if reason != "" {
			w.skip(reason)
			continue
		}
		return a, err
	}
}

// article reads one record: an article, a reason to skip it, or a record
// error.
func (w *warcReader) article(rec gowarc.WarcRecord) (*Article, string, error) {
	if rec.Type() != gowarc.Response {
		return nil, SkipWARCType, nil
	}
	id := strings.Trim(rec.RecordId(), "<>")
	if id == "" {
		id = w.src.fallbackID(w.record)
	}
	target := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	fail := func(kind string, err error) error {
		return &RecordError{Source: w.src.name, Record: w.record, ID: id, Field: "", Kind: kind, Excerpt: target, Err: err}
	}
	hb, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil, SkipWARCType, nil
	}
	if hb.HttpStatusCode() != 200 {
		return nil, SkipWARCStatus, nil
	}
	h := hb.HttpHeader()
	if ct := h.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != "text/html" && mt != "application/xhtml+xml" {
			return nil, SkipWARCNotHTML, nil
		}
	}
	payload, err := hb.PayloadBytes()
	if err != nil {
		return nil, "", fail("warc", err)
	}
	if strings.EqualFold(h.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(payload)
		if err != nil {
			return nil, "", fail("corrupt", fmt.Errorf("gzip payload: %w", err))
		}
		defer zr.Close()
		payload = zr
	}
	page, err := readLimited(payload, w.opts.MaxDocBytes)
	if err != nil {
		return nil, "", fail(kindOf(err), err)
	}

	a, err := pageArticle(page, target, id, w.src.name, w.record, w.opts)
	if err != nil {
		return nil, "", err
	}
	a.URL = target
	meta := map[string]string{"warc_record_id": rec.RecordId(), "warc_date": rec.WarcHeader().Get(gowarc.WarcDate)}
	if b, err := json.Marshal(meta); err == nil {
		a.Meta = string(b)
	}
	if a.Published == nil {
		if d, err := rec.Date(); err == nil && !d.IsZero() {
			d = d.UTC().Truncate(time.Microsecond)
			a.Published = &d
		}
	}
	return a, "", nil
}

// truncation is the error of a record whose block is shorter than its
// Content-Length says, from gowarc's validation, or nil. gowarc reports it
// only as text ("content length mismatch. header: N, actual: M").
func truncation(v *gowarc.Validation) error {
	if v == nil {
		return nil
	}
	for _, err := range *v {
		if strings.HasPrefix(err.Error(), "content length mismatch") {
			return fmt.Errorf("truncated: %w", err)
		}
	}
	return nil
}
