package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"

	"github.com/newsnlp/newsnlp/annotate"
)

// Table names, which are also the names of their folders under OUT.
const (
	TableDocuments = "documents"
	TableSentences = "sentences"
	TableTokens    = "tokens"
	TableEntities  = "entities"
	TableQuotes    = "quotes"
	TableErrors    = "errors"
)

// Tables lists every table in the order they are documented.
var Tables = []string{TableDocuments, TableSentences, TableTokens, TableEntities, TableQuotes, TableErrors}

// ManifestName is the run manifest's file name in OUT.
const ManifestName = "manifest.json"

// ErrOutputExists is returned by Create when OUT already holds a run.
var ErrOutputExists = errors.New("output folder already holds a newsnlp run")

// Options configures Create.
type Options struct {
	// Overwrite replaces an earlier run's tables and manifest in OUT.
	Overwrite bool
	// Part names the part files, e.g. "part-00000". Shards use distinct
	// parts so that they can share one OUT.
	Part string
	// Config is the effective configuration as JSON, written into every
	// file's footer key-value metadata.
	Config string
	// RowGroupBytes flushes a row group once roughly this many bytes of
	// rows are buffered in a table, which bounds memory whatever the corpus
	// size. 0 means DefaultRowGroupBytes.
	RowGroupBytes int
}

// DefaultRowGroupBytes is the default row group size, in rough bytes of
// values: about 100,000 tokens, close to DuckDB's own 122,880 rows.
const DefaultRowGroupBytes = 4 << 20

// Footer metadata keys.
const (
	MetaSchemaVersion = "newsnlp.schema_version"
	MetaConfig        = "newsnlp.config"
	MetaTable         = "newsnlp.table"
	MetaVersion       = "newsnlp.version"
)

// Writer writes one run's tables. Rows go to temporary files that Close
// renames into place, so a reader never sees a half-written part file. A
// Writer is not safe for concurrent use: the pipeline calls it from one
// goroutine, in input order.
type Writer struct {
	dir       string
	documents *table[DocumentRow]
	sentences *table[SentenceRow]
	tokens    *table[TokenRow]
	entities  *table[EntityRow]
	quotes    *table[QuoteRow]
	errors    *table[ErrorRow]
	all       []tableFile // the tables above, in Tables order
	files     map[string][]string
	closed    bool
}

// Counts is the number of rows written to each table.
type Counts map[string]int64

// Create prepares OUT for a run: it checks that it holds no earlier run
// (unless Overwrite) and opens one temporary part file per table.
func Create(dir string, version string, opts Options) (*Writer, error) {
	if opts.Part == "" {
		opts.Part = "part-00000"
	}
	if opts.RowGroupBytes <= 0 {
		opts.RowGroupBytes = DefaultRowGroupBytes
	}
	if err := prepareDir(dir, opts.Overwrite); err != nil {
		return nil, err
	}
	meta := []parquet.WriterOption{
		parquet.Compression(newZstdCodec(zstdLevel, pageBytes)),
		parquet.DataPageVersion(1),
		parquet.PageBufferSize(pageBytes),
		parquet.KeyValueMetadata(MetaSchemaVersion, SchemaVersion),
		parquet.KeyValueMetadata(MetaConfig, opts.Config),
		parquet.KeyValueMetadata(MetaVersion, version),
		parquet.CreatedBy("newsnlp", version, ""),
	}
	w := &Writer{dir: dir, files: map[string][]string{}}
	for _, t := range Tables {
		w.files[t] = []string{t + "/" + opts.Part + ".parquet"}
	}
	var err error
	open := func(name string) string { return filepath.Join(dir, name, opts.Part+".parquet") }
	if w.documents, err = newTable[DocumentRow](TableDocuments, open(TableDocuments), opts.RowGroupBytes, meta); err != nil {
		return nil, w.abort(err)
	}
	w.all = append(w.all, w.documents)
	if w.sentences, err = newTable[SentenceRow](TableSentences, open(TableSentences), opts.RowGroupBytes, meta); err != nil {
		return nil, w.abort(err)
	}
	w.all = append(w.all, w.sentences)
	if w.tokens, err = newTable[TokenRow](TableTokens, open(TableTokens), opts.RowGroupBytes, meta); err != nil {
		return nil, w.abort(err)
	}
	w.all = append(w.all, w.tokens)
	if w.entities, err = newTable[EntityRow](TableEntities, open(TableEntities), opts.RowGroupBytes, meta); err != nil {
		return nil, w.abort(err)
	}
	w.all = append(w.all, w.entities)
	if w.quotes, err = newTable[QuoteRow](TableQuotes, open(TableQuotes), opts.RowGroupBytes, meta); err != nil {
		return nil, w.abort(err)
	}
	w.all = append(w.all, w.quotes)
	if w.errors, err = newTable[ErrorRow](TableErrors, open(TableErrors), opts.RowGroupBytes, meta); err != nil {
		return nil, w.abort(err)
	}
	w.all = append(w.all, w.errors)
	return w, nil
}

// prepareDir makes dir, refusing to mix a new run with an old one.
func prepareDir(dir string, overwrite bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("output %s: %w", dir, err)
	}
	ours := map[string]bool{ManifestName: true}
	for _, t := range Tables {
		ours[t] = true
	}
	var found []string
	for _, e := range entries {
		if ours[e.Name()] {
			found = append(found, e.Name())
		}
	}
	if len(found) == 0 {
		return nil
	}
	if !overwrite {
		return fmt.Errorf("output %s: %w (it has %s); pass --overwrite to replace it or choose another -o", dir, ErrOutputExists, strings.Join(found, ", "))
	}
	// Remove only what newsnlp writes, never other files the user keeps
	// there.
	for _, name := range found {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("output %s: remove old %s: %w", dir, name, err)
		}
	}
	return nil
}

// abort removes the temporary files of a Writer that could not be set up.
func (w *Writer) abort(err error) error {
	w.Abort()
	return err
}

// Abort closes and removes every temporary file without publishing any. It
// is for fatal errors after which no table should appear.
func (w *Writer) Abort() {
	for _, t := range w.all {
		t.abort()
	}
	w.closed = true
}

// Doc is one annotated article with the metadata its documents row needs.
type Doc struct {
	DocID       string
	Source      string
	Record      int64
	Line        int64
	URL         string
	Title       string
	Lang        string
	Published   *time.Time
	Meta        string
	Warnings    []string
	DuplicateOf string
	Annotated   *annotate.Document
}

// WriteDoc writes one article's rows to every table.
func (w *Writer) WriteDoc(d *Doc) error {
	a := d.Annotated
	id := d.DocID
	nClaims, nDenials := int32(0), int32(0)
	for _, q := range a.Quotes {
		switch q.Label {
		case "claim":
			nClaims++
		case "denial":
			nDenials++
		}
	}
	zones := make([]ZoneRow, len(a.Zones))
	for i, z := range a.Zones {
		zones[i] = ZoneRow{Kind: z.Kind, Start: int32(z.Start), End: int32(z.End)}
	}
	row := DocumentRow{
		DocID:       id,
		Source:      d.Source,
		Record:      d.Record,
		Line:        d.Line,
		URL:         optString(d.URL),
		Title:       optString(d.Title),
		Published:   d.Published,
		Lang:        optString(d.Lang),
		Text:        a.Text,
		Zones:       zones,
		DuplicateOf: optString(d.DuplicateOf),
		NChars:      int32(utf8.RuneCountInString(a.Text)),
		NTokens:     int32(len(a.Tokens)),
		NWords:      int32(a.Words),
		NSentences:  int32(len(a.Sentences)),
		NEntities:   int32(len(a.Mentions)),
		NQuotes:     int32(len(a.Quotes)),
		NClaims:     nClaims,
		NDenials:    nDenials,
		Warnings:    d.Warnings,
		Meta:        optString(d.Meta),
	}
	if err := w.documents.write(row, len(a.Text)+64); err != nil {
		return err
	}
	tokCount := make([]int32, len(a.Sentences))
	for _, t := range a.Tokens {
		tokCount[t.Sent]++
	}
	for i, s := range a.Sentences {
		if err := w.sentences.write(SentenceRow{DocID: id, SentIdx: int32(i), Start: int32(s.Start), End: int32(s.End), Zone: s.Zone, NTokens: tokCount[i]}, len(id)+24); err != nil {
			return err
		}
	}
	for i, t := range a.Tokens {
		if err := w.tokens.write(TokenRow{DocID: id, TokIdx: int32(i), SentIdx: int32(t.Sent), Start: int32(t.Start), End: int32(t.End), Text: t.Text, POS: t.POS}, len(id)+len(t.Text)+24); err != nil {
			return err
		}
	}
	for i, m := range a.Mentions {
		r := EntityRow{DocID: id, MentionIdx: int32(i), Start: int32(m.Start), End: int32(m.End), Text: m.Text, Label: m.Label, EntityID: m.EntityID, Canonical: m.Canonical, SentIdx: int32(m.Sent), Origin: m.Origin}
		if err := w.entities.write(r, len(id)+len(m.Text)+len(m.Canonical)+40); err != nil {
			return err
		}
	}
	for i, q := range a.Quotes {
		if err := w.quotes.write(quoteRow(id, i, q), len(id)+len(q.Content.Text)+128); err != nil {
			return err
		}
	}
	return nil
}

func quoteRow(id string, i int, q annotate.Quote) QuoteRow {
	r := QuoteRow{
		DocID:             id,
		QuoteIdx:          int32(i),
		Kind:              q.Kind,
		ContentStart:      int32(q.Content.Start),
		ContentEnd:        int32(q.Content.End),
		Content:           q.Content.Text,
		SpeakerResolution: q.SpeakerResolution,
		SentIdx:           int32(q.Sent),
		Label:             q.Label,
		Confidence:        float32(q.Confidence),
		Negated:           q.Negated,
		Hedged:            q.Hedged,
		Conditional:       q.Conditional,
		CueLemma:          optString(q.CueLemma),
		CueClass:          optString(q.CueClass),
		SpeakerEntityID:   optString(q.SpeakerEntityID),
		SpeakerCanonical:  optString(q.SpeakerCanonical),
		SpeakerLabel:      optString(q.SpeakerLabel),
	}
	r.Evidence = q.Evidence
	if q.Cue.Text != "" {
		r.CueStart, r.CueEnd, r.Cue = optInt(q.Cue.Start), optInt(q.Cue.End), optString(q.Cue.Text)
	}
	if q.Speaker.Text != "" {
		r.SpeakerStart, r.SpeakerEnd, r.Speaker = optInt(q.Speaker.Start), optInt(q.Speaker.End), optString(q.Speaker.Text)
	}
	return r
}

// WriteError writes one errors row.
func (w *Writer) WriteError(e ErrorRow) error {
	return w.errors.write(e, len(e.Error)+len(e.Excerpt)+len(e.Source)+64)
}

// Close flushes every table, writes the Parquet footers and renames the
// part files into place. It returns the row counts. After a failed Close
// nothing is renamed.
func (w *Writer) Close() (Counts, error) {
	if w.closed {
		return nil, errors.New("writer already closed")
	}
	w.closed = true
	for _, t := range w.all {
		if err := t.finish(); err != nil {
			// abort is safe on finished tables too: nothing is published.
			w.Abort()
			return nil, err
		}
	}
	for _, t := range w.all {
		if err := t.publish(); err != nil {
			return nil, err
		}
	}
	return w.Counts(), nil
}

// Files returns each table's part files, relative to OUT.
func (w *Writer) Files() map[string][]string { return w.files }

// Counts returns the rows written so far to each table.
func (w *Writer) Counts() Counts {
	return Counts{
		TableDocuments: w.documents.rows,
		TableSentences: w.sentences.rows,
		TableTokens:    w.tokens.rows,
		TableEntities:  w.entities.rows,
		TableQuotes:    w.quotes.rows,
		TableErrors:    w.errors.rows,
	}
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt(i int) *int32 {
	v := int32(i)
	return &v
}
