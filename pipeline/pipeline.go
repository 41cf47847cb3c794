// Package pipeline runs newsnlp's stages over a stream of articles: it reads
// records from a datasets.Corpus, annotates them on a bounded pool of
// workers, and writes the results through an output.Writer in input order.
//
// RunDir is the whole life of a run into an output folder (opened fresh
// or resumed from its checkpoint, run, closed, its manifest written, a
// sharded run's manifests merged), for the CLI; TallyTables builds a
// manifest from the part files, for the Beam pipeline.
//
// pipeline is the only package that starts goroutines (Run's workers, and
// Parallel for work that is not a stream of articles). Output order never
// depends on the number of workers: results wait in a bounded queue of slots
// until every earlier record is written, which also bounds memory to
// roughly 2 × workers documents in flight.
//
// pipeline may import datasets, annotate and output; it must not import cmd.
package pipeline

import (
	"context"
	"crypto/sha256"
	"errors"
	"time"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// Error policies for Options.OnError.
const (
	OnErrorSkip = "skip"
	OnErrorFail = "fail"
)

// ErrRecordFailed is returned by Run under OnErrorFail when a record could
// not be annotated.
var ErrRecordFailed = errors.New("a record failed and --on-error is fail")

// Source is what Run reads: datasets.Corpus satisfies it.
type Source interface {
	// Next returns the next article, io.EOF at the end, a
	// *datasets.RecordError for a record that could not be read (call Next
	// again), or another error, which is fatal.
	Next() (*datasets.Article, error)
	// Progress reports input bytes read and the total (0 when unknown). It
	// must be safe to call while Next runs on another goroutine.
	Progress() (read, total int64)
}

// Reporter receives progress. Update is called from the writing goroutine
// at most every Options.ReportEvery; Done once at the end. It must not
// block for long.
type Reporter interface {
	Update(Stats)
	Done(Stats)
}

// Options configures Run.
type Options struct {
	// Workers is the number of annotating goroutines (at least 1).
	Workers int
	// OnError is OnErrorSkip (record bad records in the errors table and
	// go on) or OnErrorFail (stop at the first).
	OnError string
	// Limit stops after this many records (0: no limit).
	Limit int64
	// Reporter, if set, is told of progress.
	Reporter Reporter
	// ReportEvery throttles Reporter.Update; 0 means 200ms.
	ReportEvery time.Duration
	// CheckpointEvery publishes the part files written so far as a segment
	// and records a checkpoint (output.Writer.Checkpoint) after every this
	// many records; 0 checkpoints only at the end.
	CheckpointEvery int64
	// Checkpoint is the template of the checkpoints (its Config and
	// Inputs); Run fills in the counts.
	Checkpoint output.Progress
	// Resume continues a run from its checkpoint: the records it counts
	// are read again and skipped, and every count carries on from it.
	Resume *output.Progress
	// Dedupe annotates the first of the articles with byte-identical text
	// and writes the others with duplicate_of set and no annotations.
	Dedupe bool
	// Shard, when sharded, keeps only the records whose doc_id the shard
	// owns; the others are read and passed over (Result.Seen counts all).
	Shard output.Shard
	// DocTimeout, when positive, limits the time one article may take:
	// past it the article keeps its documents row, text only, and gets an
	// errors row of kind timeout, and the run goes on.
	DocTimeout time.Duration
}

// Reasons an article is written without annotations, counted in
// Result.NotAnnotated.
const (
	NotAnnotatedLanguage  = "language"  // not English
	NotAnnotatedDuplicate = "duplicate" // --dedupe: the text of an earlier article
	// NotAnnotatedFailed: a stage failed (or panicked, or the article ran
	// past --doc-timeout). The article keeps its documents row, text only,
	// with the warning WarningAnnotateFailed, and its errors row says why.
	NotAnnotatedFailed = "failed"
)

// WarningAnnotateFailed marks the documents row of an article a stage
// failed on; its errors row has the same doc_id and record.
const WarningAnnotateFailed = "annotate_failed"

// WarningDuplicateID marks the documents row of an article whose doc_id an
// earlier record of the run already had (the inputs repeat an id): a join
// on doc_id alone is ambiguous there; (source, record) is unique.
const WarningDuplicateID = "duplicate_doc_id"

// Stats counts a run's progress.
type Stats struct {
	Records    int64 // records read: documents + errors
	Documents  int64
	Errors     int64
	Words      int64
	Sentences  int64
	Entities   int64
	Quotes     int64
	BytesRead  int64
	BytesTotal int64 // 0 when unknown
	Elapsed    time.Duration
}

// Result is what Run hands back for the manifest.
type Result struct {
	Stats        Stats
	Status       string // output.StatusComplete, StatusInterrupted or StatusFailed
	StatusDetail string
	ErrorsByKind map[string]int64
	Warnings     map[string]int64
	// BySource counts records per input source.
	BySource map[string]*output.RecordCounts
	// Languages counts documents by language ("und": not determined).
	Languages map[string]int64
	// NotAnnotated counts documents written without annotations, by reason.
	NotAnnotated map[string]int64
	// Seen counts every record read from the input, the other shards' too.
	Seen    int64
	Timings output.Timings
}

// Progress returns the checkpoint of the records written so far, on top of
// template's Config and Inputs.
func (r *Result) Progress(template output.Progress) *output.Progress {
	p := template
	p.Records = output.RecordCounts{Read: r.Stats.Records, Documents: r.Stats.Documents, Errors: r.Stats.Errors}
	p.BySource, p.Words, p.ErrorsByKind, p.Warnings = r.BySource, r.Stats.Words, r.ErrorsByKind, r.Warnings
	p.Languages, p.NotAnnotated = r.Languages, r.NotAnnotated
	return &p
}

// count adds one record of source to the per-source counts.
func (r *Result) count(source string, failed bool) {
	c := r.BySource[source]
	if c == nil {
		c = &output.RecordCounts{}
		r.BySource[source] = c
	}
	c.Read++
	if failed {
		c.Errors++
	} else {
		c.Documents++
	}
}

// job is one record in flight. done is closed when doc or err is set.
type job struct {
	article *datasets.Article
	readErr *datasets.RecordError
	doc     *doc.Document
	err     error
	done    chan struct{}
	spent   time.Duration
	// lang is the documents row's language; skip, when set, the reason the
	// article is not annotated; dupOf the doc_id whose text it repeats.
	lang  string
	skip  string
	dupOf string
}

// textKey identifies an article's text for --dedupe: 128 bits of SHA-256,
// so that a collision in any real corpus is out of the question.
type textKey [16]byte

func keyOf(text string) textKey {
	sum := sha256.Sum256([]byte(text))
	return textKey(sum[:16])
}

// languageOf decides an article's language: the input's own field when it
// has one, else detection. Only English, or text whose language cannot be
// told, is annotated.
func languageOf(a *datasets.Article) (lang string, annotateIt bool) {
	if a.Lang != "" {
		norm := annotate.NormalizeLanguage(a.Lang)
		return a.Lang, norm == "en" || norm == ""
	}
	lang, ok := annotate.DetectLanguage(a.Text)
	if !ok {
		return "", true
	}
	return lang, lang == "en"
}

// annotateArticle decides an article's language and runs every stage on it
// when it is English; otherwise its Document is the text alone and skip
// says why.
func annotateArticle(ctx context.Context, ann *annotate.Annotator, a *datasets.Article) (d *doc.Document, lang, skip string, err error) {
	lang, annotateIt := languageOf(a)
	if !annotateIt {
		return doc.Unannotated(a.Text), lang, NotAnnotatedLanguage, nil
	}
	d, err = ann.Annotate(ctx, a.Text, a.Title)
	return d, lang, "", err
}

// AnnotateOne annotates one article exactly as Run's workers do (language
// decided, every stage run), for runners other than Run (the Beam
// pipeline). It returns the documents row's data and, when a stage failed,
// the errors row too (the documents row then holds the text alone, with
// WarningAnnotateFailed); err is for a cancelled context.
func AnnotateOne(ctx context.Context, ann *annotate.Annotator, a *datasets.Article) (*output.Doc, *output.ErrorRow, error) {
	doc, lang, _, err := annotateArticle(ctx, ann, a)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		row := stageErrorRow(a, err)
		return failedDocOf(a, lang), &row, nil
	}
	return docOf(a, doc, lang, ""), nil, nil
}
