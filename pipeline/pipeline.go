// Package pipeline runs newsnlp's stages over a stream of articles: it reads
// records from a datasets.Corpus, annotates them on a bounded pool of
// workers, and writes the results through an output.Writer in input order.
//
// pipeline is the only package that starts goroutines. Output order never
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
	"fmt"
	"io"
	"maps"
	"runtime/pprof"
	"sync"
	"sync/atomic"
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
}

// Reasons an article is written without annotations, counted in
// Result.NotAnnotated.
const (
	NotAnnotatedLanguage  = "language"  // not English
	NotAnnotatedDuplicate = "duplicate" // --dedupe: the text of an earlier article
)

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

// Run reads every record of src, annotates it with ann and writes it to w,
// in input order. It returns when the input is exhausted, ctx is cancelled
// (Status interrupted), a record fails under OnErrorFail (Status failed,
// error ErrRecordFailed) or a fatal error occurs (error, Status failed).
// Run does not close w: the caller closes or aborts it depending on the
// error.
func Run(ctx context.Context, src Source, ann *annotate.Annotator, w *output.Writer, opts Options) (*Result, error) {
	if opts.Workers < 1 {
		opts.Workers = 1
	}
	if opts.ReportEvery <= 0 {
		opts.ReportEvery = 200 * time.Millisecond
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	start := time.Now()
	ordered := make(chan *job, 2*opts.Workers) // slots, in input order
	work := make(chan *job, opts.Workers)
	var readErr error
	var readTime time.Duration
	var annotateNanos atomic.Int64
	var seenAll atomic.Int64 // every record read, the other shards' too

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // reader
		defer wg.Done()
		pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels(annotate.ProfileLabel, "read")))
		defer close(ordered)
		defer close(work)
		var n int64 // the shard's own records read
		owns := func(a *datasets.Article, err error) bool {
			seenAll.Add(1)
			if a != nil {
				return opts.Shard.Owns(a.ID)
			}
			var re *datasets.RecordError
			return !errors.As(err, &re) || opts.Shard.Owns(re.ID)
		}
		var seen map[textKey]string // --dedupe: first doc_id of each text
		if opts.Dedupe {
			seen = map[textKey]string{}
		}
		if opts.Resume != nil {
			// The records before the checkpoint are written: read past
			// them (reading is cheap next to annotating) in input order.
			for n < opts.Resume.Records.Read {
				if ctx.Err() != nil {
					return
				}
				a, err := src.Next()
				if err != io.EOF && !owns(a, err) {
					continue
				}
				if err == nil && seen != nil {
					if _, dup := seen[keyOf(a.Text)]; !dup {
						seen[keyOf(a.Text)] = a.ID
					}
				}
				if err == io.EOF {
					readErr = fmt.Errorf("the input ended after %d records, before the %d the checkpoint has written: it is not the input of the interrupted run", n, opts.Resume.Records.Read)
					cancel()
					return
				}
				var re *datasets.RecordError
				if err != nil && !errors.As(err, &re) {
					readErr = err
					cancel()
					return
				}
				n++
			}
		}
		for opts.Limit == 0 || n < opts.Limit {
			if ctx.Err() != nil {
				return
			}
			t0 := time.Now()
			a, err := src.Next()
			readTime += time.Since(t0)
			if err == io.EOF {
				return
			}
			if !owns(a, err) {
				continue
			}
			j := &job{article: a, done: make(chan struct{})}
			if err != nil {
				var re *datasets.RecordError
				if !errors.As(err, &re) {
					readErr = err
					cancel()
					return
				}
				j.readErr = re
				close(j.done)
			} else if seen != nil {
				k := keyOf(a.Text)
				if first, dup := seen[k]; dup {
					j.dupOf, j.skip = first, NotAnnotatedDuplicate
					j.lang, _ = languageOf(a)
					j.doc = doc.Unannotated(a.Text)
					close(j.done)
				} else {
					seen[k] = a.ID
				}
			}
			n++
			select {
			case ordered <- j:
			case <-ctx.Done():
				return
			}
			if j.readErr != nil || j.skip != "" {
				continue
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	for i := 0; i < opts.Workers; i++ {
		wg.Add(1)
		go func() { // annotator
			defer wg.Done()
			for j := range work {
				if ctx.Err() != nil {
					j.err = ctx.Err()
					close(j.done)
					continue
				}
				t0 := time.Now()
				j.doc, j.lang, j.skip, j.err = annotateArticle(ctx, ann, j.article)
				j.spent = time.Since(t0)
				annotateNanos.Add(int64(j.spent))
				close(j.done)
			}
		}()
	}

	res := &Result{Status: output.StatusComplete, ErrorsByKind: map[string]int64{}, Warnings: map[string]int64{}, BySource: map[string]*output.RecordCounts{},
		Languages: map[string]int64{}, NotAnnotated: map[string]int64{}}
	st := &res.Stats
	if p := opts.Resume; p != nil {
		st.Records, st.Documents, st.Errors, st.Words = p.Records.Read, p.Records.Documents, p.Records.Errors, p.Words
		st.Sentences, st.Entities, st.Quotes = p.Rows[output.TableSentences], p.Rows[output.TableEntities], p.Rows[output.TableQuotes]
		maps.Copy(res.ErrorsByKind, p.ErrorsByKind)
		maps.Copy(res.Warnings, p.Warnings)
		maps.Copy(res.Languages, p.Languages)
		maps.Copy(res.NotAnnotated, p.NotAnnotated)
		for k, c := range p.BySource {
			cc := *c
			res.BySource[k] = &cc
		}
	}
	var writeTime time.Duration
	var fatal error
	lastReport := time.Time{}
	report := func(force bool) {
		if opts.Reporter == nil {
			return
		}
		now := time.Now()
		if !force && now.Sub(lastReport) < opts.ReportEvery {
			return
		}
		lastReport = now
		st.BytesRead, st.BytesTotal = src.Progress()
		st.Elapsed = now.Sub(start)
		opts.Reporter.Update(*st)
	}

	// Writer: take slots in order, wait for each, write it. Its CPU shows
	// in profiles as stage=write.
	pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels(annotate.ProfileLabel, "write")))
	defer pprof.SetGoroutineLabels(parent)
	for j := range ordered {
		select {
		case <-j.done:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			// Interrupted: stop at a record boundary, so every table holds
			// whole articles only.
			break
		}
		t0 := time.Now()
		var failed bool
		source := ""
		switch {
		case j.readErr != nil:
			source = j.readErr.Source
		default:
			source = j.article.Source
		}
		switch {
		case j.readErr != nil:
			fatal = w.WriteError(readErrorRow(j.readErr))
			res.ErrorsByKind[j.readErr.Kind]++
			failed = true
		case j.err != nil:
			fatal = w.WriteError(stageErrorRow(j.article, j.err))
			res.ErrorsByKind[stageKind(j.err)]++
			failed = true
		default:
			fatal = w.WriteDoc(docOf(j.article, j.doc, j.lang, j.dupOf))
			st.Documents++
			lang := annotate.NormalizeLanguage(j.lang)
			if lang == "" {
				lang = "und"
			}
			res.Languages[lang]++
			if j.skip != "" {
				res.NotAnnotated[j.skip]++
			}
			st.Words += int64(j.doc.Words)
			st.Sentences += int64(len(j.doc.Sentences))
			st.Entities += int64(len(j.doc.Mentions))
			st.Quotes += int64(len(j.doc.Quotes))
			for _, wn := range j.article.Warnings {
				res.Warnings[wn]++
			}
		}
		j.article, j.doc = nil, nil // let the text go as soon as it is written
		st.Records++
		if failed {
			st.Errors++
		}
		res.count(source, failed)
		if fatal == nil && opts.CheckpointEvery > 0 && st.Records%opts.CheckpointEvery == 0 {
			fatal = w.Checkpoint(res.Progress(opts.Checkpoint))
		}
		writeTime += time.Since(t0)
		if fatal != nil {
			cancel()
			break
		}
		if failed && opts.OnError == OnErrorFail {
			res.Status = output.StatusFailed
			res.StatusDetail = "stopped at the first failed record (--on-error fail)"
			cancel()
			break
		}
		report(false)
	}
	// The reader and workers watch ctx, so cancelling lets them finish the
	// record in hand and exit.
	cancel()
	wg.Wait()

	res.Seen = seenAll.Load()
	res.Timings = output.Timings{
		Wall:     time.Since(start).Seconds(),
		Read:     readTime.Seconds(),
		Annotate: time.Duration(annotateNanos.Load()).Seconds(),
		Write:    writeTime.Seconds(),
	}
	st.BytesRead, st.BytesTotal = src.Progress()
	st.Elapsed = time.Since(start)
	if opts.Reporter != nil {
		opts.Reporter.Done(*st)
	}
	switch {
	case fatal != nil:
		res.Status, res.StatusDetail = output.StatusFailed, fatal.Error()
		return res, fatal
	case readErr != nil:
		res.Status, res.StatusDetail = output.StatusFailed, readErr.Error()
		return res, fmt.Errorf("read: %w", readErr)
	case res.Status == output.StatusFailed:
		return res, ErrRecordFailed
	case parent.Err() != nil:
		res.Status = output.StatusInterrupted
		res.StatusDetail = "stopped before the end of the input (interrupted)"
	}
	return res, nil
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
// decided, every stage run, a stage failure turned into its errors row),
// for runners other than Run (the Beam pipeline). It returns the
// documents row's data, or the errors row; err is for a cancelled context.
func AnnotateOne(ctx context.Context, ann *annotate.Annotator, a *datasets.Article) (*output.Doc, *output.ErrorRow, error) {
	doc, lang, _, err := annotateArticle(ctx, ann, a)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		row := stageErrorRow(a, err)
		return nil, &row, nil
	}
	return docOf(a, doc, lang, ""), nil, nil
}
