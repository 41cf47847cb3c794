package output

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"

	"github.com/newsnlp/newsnlp/annotate/doc"
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

// ErrForeignFiles is returned by Create with Overwrite when a table folder
// of OUT holds files newsnlp did not write: they are named, and nothing is
// removed.
var ErrForeignFiles = errors.New("output folder holds files newsnlp did not write")

// Options configures Create.
type Options struct {
	// Overwrite replaces an earlier run's tables and manifest in OUT.
	Overwrite bool
	// Part is the prefix of the part files, by default "part", or the
	// shard's name: segment k of a table is TABLE/PART-0000k.parquet, so
	// shards can share one OUT and name order is shard, then segment, order.
	Part string
	// Shard is the shard this run is (zero: unsharded); it names the part
	// files, the checkpoint and the manifest.
	Shard Shard
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

// Writer writes one run's tables as segments: one part file per table and
// segment. Rows go to temporary files that Checkpoint and Close rename into
// place, so a reader never sees a half-written part file, and a run killed
// at any moment leaves whole segments that Resume continues from. A Writer
// is not safe for concurrent use: the pipeline calls it from one goroutine,
// in input order.
type Writer struct {
	dir       string
	opts      Options
	meta      []parquet.WriterOption
	segment   int // the segment being written
	documents *table[DocumentRow]
	sentences *table[SentenceRow]
	tokens    *table[TokenRow]
	entities  *table[EntityRow]
	quotes    *table[QuoteRow]
	errors    *table[ErrorRow]
	all       []tableFile // the tables above, in Tables order
	rows      Counts      // rows in published segments
	files     map[string][]string
	closed    bool
}

// Counts is the number of rows written to each table.
type Counts map[string]int64

// Create prepares OUT for a run: it checks that it holds no earlier run
// (unless Overwrite) and opens the first segment's temporary files.
func Create(dir string, version string, opts Options) (*Writer, error) {
	if err := prepareDir(dir, opts.Overwrite, opts.Shard); err != nil {
		return nil, err
	}
	w := newWriter(dir, version, opts)
	if err := w.openSegment(); err != nil {
		return nil, err
	}
	return w, nil
}

// CreatePart opens a Writer that adds part files named opts.Part to OUT
// beside other writers' (a Beam worker's bundle, say), without checking or
// clearing OUT: the caller owns the folder and picks a Part no other writer
// uses. It writes no checkpoint; Close(nil) publishes its files.
func CreatePart(dir, version string, opts Options) (*Writer, error) {
	if opts.Part == "" || strings.ContainsAny(opts.Part, `/\`) {
		return nil, fmt.Errorf("output: CreatePart needs a part name without a path separator, got %q", opts.Part)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", dir, err)
	}
	w := newWriter(dir, version, opts)
	if err := w.openSegment(); err != nil {
		return nil, err
	}
	return w, nil
}

func newWriter(dir, version string, opts Options) *Writer {
	if opts.Part == "" {
		opts.Part = opts.Shard.Part()
	}
	if opts.RowGroupBytes <= 0 {
		opts.RowGroupBytes = DefaultRowGroupBytes
	}
	meta := []parquet.WriterOption{
		parquet.Compression(newZstdCodec(zstdLevel, pageBytes)),
		parquet.DataPageVersion(1),
		parquet.PageBufferSize(pageBytes),
		// Bounds of article text and quotations prune nothing; skip them.
		parquet.SkipPageBounds("text"),
		parquet.SkipPageBounds("content"),
		parquet.KeyValueMetadata(MetaSchemaVersion, SchemaVersion),
		parquet.KeyValueMetadata(MetaConfig, opts.Config),
		parquet.KeyValueMetadata(MetaVersion, version),
		parquet.CreatedBy("newsnlp", version, ""),
	}
	return &Writer{dir: dir, opts: opts, meta: meta, rows: Counts{}, files: map[string][]string{}}
}

// partName is segment k's file name.
func (w *Writer) partName(k int) string { return fmt.Sprintf("%s-%05d.parquet", w.opts.Part, k) }

// openSegment opens a temporary part file per table for w.segment.
func (w *Writer) openSegment() error {
	w.all = w.all[:0]
	open := func(name string) string { return filepath.Join(w.dir, name, w.partName(w.segment)) }
	var err error
	if w.documents, err = newTable[DocumentRow](TableDocuments, open(TableDocuments), w.opts.RowGroupBytes, w.meta); err != nil {
		return w.abort(err)
	}
	w.all = append(w.all, w.documents)
	if w.sentences, err = newTable[SentenceRow](TableSentences, open(TableSentences), w.opts.RowGroupBytes, w.meta); err != nil {
		return w.abort(err)
	}
	w.all = append(w.all, w.sentences)
	if w.tokens, err = newTable[TokenRow](TableTokens, open(TableTokens), w.opts.RowGroupBytes, w.meta); err != nil {
		return w.abort(err)
	}
	w.all = append(w.all, w.tokens)
	if w.entities, err = newTable[EntityRow](TableEntities, open(TableEntities), w.opts.RowGroupBytes, w.meta); err != nil {
		return w.abort(err)
	}
	w.all = append(w.all, w.entities)
	if w.quotes, err = newTable[QuoteRow](TableQuotes, open(TableQuotes), w.opts.RowGroupBytes, w.meta); err != nil {
		return w.abort(err)
	}
	w.all = append(w.all, w.quotes)
	if w.errors, err = newTable[ErrorRow](TableErrors, open(TableErrors), w.opts.RowGroupBytes, w.meta); err != nil {
		return w.abort(err)
	}
	w.all = append(w.all, w.errors)
	return nil
}

// publishSegment finishes the segment's files and renames them into
// place. An empty segment after the first is dropped instead: a run whose
// records end on a checkpoint leaves no empty files.
func (w *Writer) publishSegment() error {
	var n int64
	for _, t := range w.all {
		n += t.count()
	}
	if n == 0 && w.segment > 0 {
		for _, t := range w.all {
			t.abort()
		}
		return nil
	}
	for _, t := range w.all {
		if err := t.finish(); err != nil {
			// abort is safe on finished tables too: nothing is published.
			w.Abort()
			return err
		}
	}
	for i, t := range w.all {
		if err := t.publish(); err != nil {
			return err
		}
		w.rows[Tables[i]] += t.count()
		w.files[Tables[i]] = append(w.files[Tables[i]], Tables[i]+"/"+w.partName(w.segment))
	}
	w.segment++
	return nil
}

// Checkpoint publishes the segment written so far, records p (with Parts
// and Rows set here) in OUT/_progress.json, and starts the next segment. A
// run killed after Checkpoint returns can be resumed from p.
func (w *Writer) Checkpoint(p *Progress) error {
	if w.closed {
		return errors.New("writer already closed")
	}
	if err := w.publishSegment(); err != nil {
		return err
	}
	if err := w.writeProgress(p); err != nil {
		return err
	}
	return w.openSegment()
}

func (w *Writer) writeProgress(p *Progress) error {
	p.Part, p.Parts, p.Rows = w.opts.Part, w.segment, maps.Clone(w.rows)
	return writeJSON(w.dir, w.opts.Shard.ProgressName(), p)
}

// prepareDir makes dir, refusing to mix a new run with an old one. A shard
// shares dir with the other shards of its run: it checks and removes only
// its own files, and refuses a folder that holds an unsharded run.
func prepareDir(dir string, overwrite bool, shard Shard) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("output %s: %w", dir, err)
	}
	if shard.Sharded() {
		return prepareShard(dir, overwrite, shard, entries)
	}
	ours := map[string]bool{ManifestName: true, ProgressName: true}
	tables := map[string]bool{}
	for _, t := range Tables {
		tables[t] = true
	}
	var found []string
	for _, e := range entries {
		name := e.Name()
		if ours[name] || tables[name] || strings.HasPrefix(name, "manifest-shard-") || strings.HasPrefix(name, "_progress-shard-") {
			found = append(found, name)
		}
	}
	if len(found) == 0 {
		return nil
	}
	if !overwrite {
		hint := "pass --overwrite to replace it or choose another -o"
		if slices.Contains(found, ProgressName) {
			hint = "pass --resume to continue that run, --overwrite to replace it, or choose another -o"
		}
		return fmt.Errorf("output %s: %w (it has %s); %s", dir, ErrOutputExists, strings.Join(found, ", "), hint)
	}
	return removeOurs(dir, found, tables)
}

// ourFile matches the files newsnlp writes in a table's folder: part files
// (part-00000.parquet, shard-00000-of-00004-00000.parquet) and their
// temporary files.
var ourFile = regexp.MustCompile(`^\.?(part|shard-\d{5}-of-\d{5})-\d{5}\.parquet(\.tmp)?$|^\.(part|shard-\d{5}-of-\d{5})-.*\.tmp$`)

// removeOurs removes, for --overwrite, only what newsnlp wrote: its
// manifests and checkpoints, and the part files in the table folders. A
// table folder that holds anything else is refused, naming what it holds,
// before anything is removed: a user's documents/thesis.docx is never
// deleted.
func removeOurs(dir string, found []string, tables map[string]bool) error {
	var foreign []string
	for _, name := range found {
		if !tables[name] {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(dir, name))
		if err != nil {
			foreign = append(foreign, name+" (not a folder newsnlp wrote)")
			continue
		}
		for _, e := range entries {
			if e.IsDir() || !ourFile.MatchString(e.Name()) {
				foreign = append(foreign, filepath.Join(name, e.Name()))
			}
		}
	}
	if len(foreign) > 0 {
		if len(foreign) > 5 {
			foreign = append(foreign[:5], fmt.Sprintf("and %d more", len(foreign)-5))
		}
		return fmt.Errorf("output %s: %w: --overwrite removes only what newsnlp wrote, and these are not its files: %s; move them, or choose another -o", dir, ErrForeignFiles, strings.Join(foreign, ", "))
	}
	for _, name := range found {
		path := filepath.Join(dir, name)
		if !tables[name] {
			if err := os.Remove(path); err != nil {
				return fmt.Errorf("output %s: remove old %s: %w", dir, name, err)
			}
			continue
		}
		entries, _ := os.ReadDir(path)
		for _, e := range entries {
			if err := os.Remove(filepath.Join(path, e.Name())); err != nil {
				return fmt.Errorf("output %s: remove old %s: %w", dir, filepath.Join(name, e.Name()), err)
			}
		}
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("output %s: remove old %s: %w", dir, name, err)
		}
	}
	return nil
}

// prepareShard is prepareDir for one shard.
func prepareShard(dir string, overwrite bool, shard Shard, entries []os.DirEntry) error {
	var found []string // the shard's own files, relative to dir
	for _, e := range entries {
		switch name := e.Name(); {
		case name == ProgressName:
			return fmt.Errorf("output %s: %w: it holds an unsharded run (%s); shards need a folder of their own", dir, ErrOutputExists, name)
		case name == ManifestName:
			m, err := ReadManifest(dir)
			if err != nil || m.Shards == 0 {
				return fmt.Errorf("output %s: %w: it holds an unsharded run (%s); shards need a folder of their own", dir, ErrOutputExists, name)
			}
			// The merged manifest of an earlier run of these shards: it
			// will not describe the new one.
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return fmt.Errorf("output %s: %w", dir, err)
			}
		case name == shard.ManifestName() || name == shard.ProgressName():
			found = append(found, name)
		}
	}
	for _, t := range Tables {
		files, err := os.ReadDir(filepath.Join(dir, t))
		if err != nil {
			continue
		}
		for _, f := range files {
			name := f.Name()
			if strings.HasPrefix(name, "part-") {
				return fmt.Errorf("output %s: %w: it holds an unsharded run (%s/%s); shards need a folder of their own", dir, ErrOutputExists, t, name)
			}
			if strings.HasPrefix(name, shard.Part()+"-") || strings.HasPrefix(name, "."+shard.Part()+"-") {
				found = append(found, filepath.Join(t, name))
			}
		}
	}
	if len(found) == 0 {
		return nil
	}
	if !overwrite {
		hint := "pass --overwrite to replace it or choose another -o"
		if slices.Contains(found, shard.ProgressName()) {
			hint = "pass --resume to continue it, --overwrite to replace it, or choose another -o"
		}
		return fmt.Errorf("output %s: %w: shard %d of %d already ran here (it has %s); %s", dir, ErrOutputExists, shard.K, shard.N, found[0], hint)
	}
	for _, name := range found {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
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

// Abort closes and removes every temporary file of the current segment
// without publishing it. It is for fatal errors after which no more rows
// should appear; segments already published stay.
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
	Author      string
	Lang        string
	Published   *time.Time
	Meta        string
	Warnings    []string
	DuplicateOf string
	Annotated   *doc.Document
}

// WriteDoc writes one article's rows to every table.
func (w *Writer) WriteDoc(d *Doc) error {
	a := d.Annotated
	id := d.DocID
	nClaims, nDenials := int32(0), int32(0)
	for _, q := range a.Quotes {
		switch q.Label {
		case doc.LabelClaim:
			nClaims++
		case doc.LabelDenial:
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
		Author:      optString(d.Author),
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
		r := TokenRow{DocID: id, TokIdx: int32(i), SentIdx: int32(t.Sent), Start: int32(t.Start), End: int32(t.End), Text: t.Text, POS: t.POS,
			Lemma: t.Lemma, UPOS: t.UPOS, Dep: t.Dep}
		if t.Head >= 0 {
			h := int32(t.Head)
			r.Head = &h
		}
		if err := w.tokens.write(r, len(id)+len(t.Text)+len(t.Lemma)+40); err != nil {
			return err
		}
	}
	for i, m := range a.Mentions {
		r := EntityRow{DocID: id, MentionIdx: int32(i), Start: int32(m.Start), End: int32(m.End), Text: m.Text, Label: m.Label, EntityID: m.EntityID, Canonical: m.Canonical, EntityKey: m.Key, Title: optString(m.Title), SentIdx: int32(m.Sent), Origin: m.Origin}
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

func quoteRow(id string, i int, q doc.Quote) QuoteRow {
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
		Rule:              q.Rule,
		ReportType:        q.ReportType,
		Score:             q.Score,
		SpeakerEntityID:   optString(q.SpeakerEntityID),
		SpeakerCanonical:  optString(q.SpeakerCanonical),
		SpeakerKey:        optString(q.SpeakerKey),
		SpeakerLabel:      optString(q.SpeakerLabel),
	}
	r.Evidence = q.Evidence
	r.ContentParts = []SpanRow{{Start: r.ContentStart, End: r.ContentEnd}}
	if len(q.Parts) > 1 {
		r.ContentParts = make([]SpanRow, len(q.Parts))
		for k, p := range q.Parts {
			r.ContentParts[k] = SpanRow{Start: int32(p[0]), End: int32(p[1])}
		}
	}
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

// Close publishes the last segment and returns the row counts of every
// table. With a non-nil p it also records p in OUT/_progress.json, for a
// run that stopped early (interrupted) and may be resumed; a complete run
// passes nil and, once its manifest is written, calls RemoveProgress.
// After a failed Close the last segment is not published.
func (w *Writer) Close(p *Progress) (Counts, error) {
	if w.closed {
		return nil, errors.New("writer already closed")
	}
	w.closed = true
	if err := w.publishSegment(); err != nil {
		return nil, err
	}
	if p != nil {
		if err := w.writeProgress(p); err != nil {
			return nil, err
		}
	}
	return w.Counts(), nil
}

// Files returns each table's part files, relative to OUT.
func (w *Writer) Files() map[string][]string { return w.files }

// Counts returns the rows written so far to each table.
func (w *Writer) Counts() Counts {
	c := maps.Clone(w.rows)
	if !w.closed {
		for i, t := range w.all {
			c[Tables[i]] += t.count()
		}
	}
	for _, t := range Tables {
		c[t] += 0 // every table has a count, even when it has no rows
	}
	return c
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
