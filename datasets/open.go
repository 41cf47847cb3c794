package datasets

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/klauspost/compress/zstd"
)

// Formats accepted by Options.Format.
const (
	FormatAuto    = ""
	FormatJSONL   = "jsonl"
	FormatCSV     = "csv"
	FormatTSV     = "tsv"
	FormatTXT     = "txt"
	FormatHTML    = "html"
	FormatWARC    = "warc"
	FormatParquet = "parquet"
)

// Formats lists the formats a user may name.
var Formats = []string{FormatJSONL, FormatCSV, FormatTSV, FormatTXT, FormatHTML, FormatWARC, FormatParquet}

// DefaultMaxDocBytes is the default limit on one article's text: 4 MiB.
// A news article costs about 60 bytes of memory a byte of text at its
// peak (tokens, tags, the stages' tables), so one of 4 MiB peaks near 260
// MB with one worker, and 4 MiB of text denser in words (a page of links)
// near 470 MB; news articles run to tens of KB, and a text of megabytes is
// a page of links or a dump.
const DefaultMaxDocBytes = 4 << 20

// Options configures Open.
type Options struct {
	// Format forces one format for every input; "" detects it from each
	// file's extension (.jsonl .ndjson .json .csv .tsv .txt .html .htm
	// .warc, each optionally .gz or .zst; .parquet). Standard input defaults
	// to JSONL.
	Format string
	Fields FieldMap
	// TitleLine takes the first line of each .txt file as its title.
	TitleLine bool
	// MaxDocBytes rejects an article whose text is longer (0: no limit).
	MaxDocBytes int
	// Stdin is read for the input "-".
	Stdin io.Reader
	// Exclude lists glob patterns (path.Match syntax) for files and folders
	// that walking a folder or expanding a glob passes over; a pattern is
	// matched against the base name and against the path relative to the
	// folder argument. Files named on the command line are always read.
	Exclude []string
	// OpenTable reads Parquet input (output.OpenTable); nil: .parquet
	// inputs fail with an errors row saying so.
	OpenTable func(r io.ReaderAt, size int64) (TableRows, error) `json:"-"`
}

// ErrNoInput is returned by Open when an input names nothing that exists.
var ErrNoInput = errors.New("no such input")

// source is one file (or stdin) to read.
type source struct {
	name   string // as reported in Article.Source
	path   string // "" for stdin
	format string
	// idBase is what a generated doc_id is made from, so that it does not
	// change with how the input was typed: a file's base name, or for a
	// file in a folder its path relative to the folder. A .txt or web page
	// in a folder takes it as its doc_id outright.
	idBase   string
	inFolder bool // found by walking a folder argument
	size     int64
	// embedded holds the content of a source compiled into the binary.
	embedded []byte
}

// key is what the source's generated doc_ids are made from.
func (s *source) key() string {
	if s.idBase != "" {
		return s.idBase
	}
	return s.name
}

// fallbackID is the generated doc_id of the source's record'th record.
func (s *source) fallbackID(record int64) string { return fallbackID(s.key(), record) }

// Corpus reads every record of a list of inputs, in order. It is not safe
// for concurrent use.
type Corpus struct {
	opts    Options
	sources []source
	next    int
	cur     recordReader
	curSrc  *source
	closer  io.Closer
	read    atomic.Int64 // bytes read from the files so far (compressed)
	total   int64
	skipped map[string]int64
}

func (c *Corpus) skip(reason string) {
	if c.skipped == nil {
		c.skipped = map[string]int64{}
	}
	c.skipped[reason]++
}

// Skipped counts, by reason, the input records that are not articles by
// design and were passed over (a WARC request record, a redirect, an
// image): neither documents nor errors. Call it after the last Next.
func (c *Corpus) Skipped() map[string]int64 {
	out := make(map[string]int64, len(c.skipped))
	for k, v := range c.skipped {
		out[k] = v
	}
	return out
}

// recordReader reads the records of one source.
type recordReader interface {
	// next returns the next article, io.EOF at the end, a *RecordError for
	// a bad record (the reader can go on), or another error when the
	// source cannot be read any further.
	next() (*Article, error)
}

// Open resolves inputs (files, directories, globs, "-" for standard input)
// into the ordered list of sources to read. Directories are walked in
// lexical order and contribute the files whose format is known; hidden files
// are skipped. An input that matches nothing is an error wrapping
// ErrNoInput: it is a usage mistake, not a bad record.
func Open(inputs []string, opts Options) (*Corpus, error) {
	if opts.Format != FormatAuto && !knownFormat(opts.Format) {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", opts.Format, strings.Join(Formats, ", "))
	}
	c := &Corpus{opts: opts}
	stdinUsed := false
	for _, in := range inputs {
		if in == "-" {
			if stdinUsed {
				return nil, fmt.Errorf("standard input (-) given twice")
			}
			stdinUsed = true
			f := opts.Format
			if f == FormatAuto {
				f = FormatJSONL
			}
			c.sources = append(c.sources, source{name: "-", format: f})
			continue
		}
		matches := []string{in}
		if strings.ContainsAny(in, "*?[") {
			m, err := filepath.Glob(in)
			if err != nil {
				return nil, fmt.Errorf("input %q: bad glob: %w", in, err)
			}
			if len(m) == 0 {
				return nil, fmt.Errorf("input %q: %w (the glob matches no file)", in, ErrNoInput)
			}
			matches = m
		}
		for _, path := range matches {
			if in != path && c.excluded(filepath.Base(path), path) {
				continue
			}
			srcs, err := c.expand(path, in != path)
			if err != nil {
				return nil, err
			}
			c.sources = append(c.sources, srcs...)
		}
	}
	for _, s := range c.sources {
		c.total += s.size
	}
	disambiguate(c.sources)
	return c, nil
}

// expand turns one path into its sources. fromGlob relaxes format detection:
// a glob that matches a file of unknown format skips it rather than failing.
func (c *Corpus) expand(path string, fromGlob bool) ([]source, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("input %q: %w", path, ErrNoInput)
	}
	if err != nil {
		// Unreadable for another reason: let reading report it as a record
		// error so the rest of the batch goes on.
		return []source{{name: path, path: path, format: c.formatOf(path)}}, nil
	}
	if !info.IsDir() {
		f := c.formatOf(path)
		if f == "" {
			if fromGlob {
				return nil, nil
			}
			return nil, fmt.Errorf("input %q: unknown format (name ends in %q); set --format", path, filepath.Ext(path))
		}
		return []source{{name: path, path: path, format: f, size: info.Size(), idBase: filepath.Base(path)}}, nil
	}
	return c.walk(path)
}

func knownFormat(f string) bool {
	for _, k := range Formats {
		if f == k {
			return true
		}
	}
	return false
}

// formatOf detects a file's format from its name, or returns the forced one.
func (c *Corpus) formatOf(path string) string {
	if c.opts.Format != FormatAuto {
		return c.opts.Format
	}
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".zst")
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	case ".txt", ".text":
		return FormatTXT
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".warc":
		return FormatWARC
	case ".parquet", ".parq":
		return FormatParquet
	}
	return ""
}

// Sources returns the names of the sources the corpus will read, in order.
func (c *Corpus) Sources() []string {
	out := make([]string, len(c.sources))
	for i, s := range c.sources {
		out[i] = s.name
	}
	return out
}

// Progress reports how many input bytes have been read and the total, for
// an ETA; total is 0 when unknown (standard input). Safe to call from
// another goroutine while Next runs.
func (c *Corpus) Progress() (read, total int64) {
	return c.read.Load(), c.total
}

// Next returns the next article, io.EOF after the last one, or a
// *RecordError for a record or source that could not be read; after a
// *RecordError the caller calls Next again. Any other error is fatal.
func (c *Corpus) Next() (*Article, error) {
	for {
		if c.cur == nil {
			if c.next >= len(c.sources) {
				return nil, io.EOF
			}
			c.curSrc = &c.sources[c.next]
			c.next++
			rr, closer, err := c.open(c.curSrc)
			if err != nil {
				return nil, &RecordError{Source: c.curSrc.name, Kind: kindOf(err), ID: c.curSrc.fallbackID(0), Err: err}
			}
			c.cur, c.closer = rr, closer
		}
		a, err := c.safeNext()
		if err == nil {
			return a, nil
		}
		var re *RecordError
		if errors.As(err, &re) {
			return nil, re
		}
		c.closeCurrent()
		if err == io.EOF {
			continue
		}
		// The source broke part-way: report it once and go on.
		return nil, &RecordError{Source: c.curSrc.name, Kind: kindOf(err), ID: c.curSrc.fallbackID(0), Err: err}
	}
}

// errReaderPanic marks a source whose reader (or a library under it)
// panicked: the source ends with a corrupt error and the batch goes on.
var errReaderPanic = errors.New("the file broke its reader")

// safeNext reads the current source's next record, turning a panic in a
// reader or the library under it (a malformed WARC header has crashed
// gowarc) into an error that ends the source.
func (c *Corpus) safeNext() (a *Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("%w (%v)", errReaderPanic, r)
		}
	}()
	return c.cur.next()
}

// Close releases the source being read, if any.
func (c *Corpus) Close() error {
	c.closeCurrent()
	return nil
}

func (c *Corpus) closeCurrent() {
	if c.closer != nil {
		c.closer.Close()
	}
	c.cur, c.closer = nil, nil
}

// kindOf names the kind of a source-level failure for the errors table.
func kindOf(err error) string {
	switch {
	case errors.Is(err, ErrBinary):
		return "binary"
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist):
		return "unreadable"
	case errors.Is(err, errReaderPanic), errors.Is(err, errCorruptParquet), errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, zstd.ErrMagicMismatch):
		return "corrupt"
	}
	return "read"
}

// open opens one source, decompressing it when it is gzip or zstd (detected
// from the content, not the name), and checks that it is text.
func (c *Corpus) open(s *source) (recordReader, io.Closer, error) {
	if s.format == FormatParquet {
		// Parquet is read at offsets (its footer first), not streamed.
		if s.path == "" {
			return nil, nil, fmt.Errorf("parquet: cannot be read from standard input or the embedded sample; name the file")
		}
		return openParquet(s.path, s, c.opts, &c.read)
	}
	var raw io.ReadCloser
	switch {
	case s.embedded != nil:
		raw = io.NopCloser(bytes.NewReader(s.embedded))
	case s.path == "":
		if c.opts.Stdin == nil {
			return nil, nil, fmt.Errorf("no standard input")
		}
		raw = io.NopCloser(c.opts.Stdin)
	default:
		f, err := os.Open(s.path)
		if err != nil {
			return nil, nil, err
		}
		raw = f
	}
	counted := &countingReader{r: raw, n: &c.read}
	r, closeDecoder, err := decompress(bufio.NewReaderSize(counted, 64<<10))
	if err != nil {
		raw.Close()
		return nil, nil, err
	}
	closer := closerFunc(func() error {
		closeDecoder()
		return raw.Close()
	})
	br := bufio.NewReaderSize(r, 64<<10)
	// A NUL near the start marks a binary file, except in JSONL, which is
	// judged line by line: a line with a raw NUL is no JSON and becomes an
	// errors row of its own, and the good lines around it are read.
	if head, _ := br.Peek(8000); s.format != FormatJSONL && bytes.IndexByte(head, 0) >= 0 {
		closer.Close()
		return nil, nil, fmt.Errorf("%w: the first 8000 bytes hold a NUL byte", ErrBinary)
	}
	switch s.format {
	case FormatJSONL:
		if isJSONStream(br) {
			return newJSONStreamReader(br, s, c.opts), closer, nil
		}
		return newJSONLReader(br, s, c.opts), closer, nil
	case FormatCSV, FormatTSV:
		return newCSVReader(br, s, c.opts, c.skip), closer, nil
	case FormatTXT:
		return newTextReader(br, s, c.opts), closer, nil
	case FormatHTML:
		return newHTMLReader(br, s, c.opts), closer, nil
	case FormatWARC:
		wr, err := newWARCReader(br, s, c.opts, c.skip)
		if err != nil {
			closer.Close()
			return nil, nil, err
		}
		return wr, closer, nil
	}
	closer.Close()
	return nil, nil, fmt.Errorf("unknown format %q", s.format)
}

type closerFunc func() error

func (f closerFunc) Close() error { return f() }

// countingReader counts bytes read into a shared counter.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// decompress wraps r in a gzip or zstd decoder when its first bytes say so.
func decompress(r *bufio.Reader) (io.Reader, func(), error) {
	head, _ := r.Peek(4)
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		return zr, func() { zr.Close() }, nil
	case bytes.HasPrefix(head, zstdMagic):
		// A frame may ask for a window of up to 128 MiB (zstd --long=27);
		// a bomb asking for more is refused before anything is allocated.
		zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(1<<30), zstd.WithDecoderMaxWindow(128<<20))
		if err != nil {
			return nil, nil, fmt.Errorf("zstd: %w", err)
		}
		return zr, zr.Close, nil
	}
	return r, func() {}, nil
}
