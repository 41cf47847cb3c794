package pipeline

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
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

// runner is one Run: a reader goroutine puts each record in a slot of the
// ordered queue (and, when it needs annotating, on the work queue), the
// workers annotate, and the calling goroutine writes the slots in order
// and keeps the accounts.
type runner struct {
	ctx    context.Context
	cancel context.CancelFunc
	src    Source
	ann    *annotate.Annotator
	w      *output.Writer
	opts   Options
	start  time.Time

	ordered chan *job // slots, in input order
	work    chan *job

	// Set by the reader; read after it exits.
	readErr  error
	readTime time.Duration
	// seenAll counts every record read, the other shards' too.
	seenAll       atomic.Int64
	annotateNanos atomic.Int64

	// ids holds a 64-bit hash of every doc_id read (the other shards'
	// too), to mark a repeated one: about 10 bytes an article. The reader's.
	ids map[uint64]struct{}

	// The writer's.
	res        *Result
	writeTime  time.Duration
	lastReport time.Time
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
	r := &runner{ctx: ctx, cancel: cancel, src: src, ann: ann, w: w, opts: opts, start: time.Now(), ids: map[uint64]struct{}{},
		ordered: make(chan *job, 2*opts.Workers), work: make(chan *job, opts.Workers)}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.read()
	}()
	for i := 0; i < opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.annotateJobs()
		}()
	}
	r.res = newResult(opts.Resume)
	// The writer's CPU shows in profiles as stage=write.
	pprof.SetGoroutineLabels(pprof.WithLabels(ctx, pprof.Labels(annotate.ProfileLabel, "write")))
	defer pprof.SetGoroutineLabels(parent)
	fatal := r.writeAll()
	// The reader and workers watch ctx, so cancelling lets them finish the
	// record in hand and exit.
	cancel()
	wg.Wait()
	return r.finish(parent, fatal)
}

// newResult starts the accounts, from the checkpoint when resuming.
func newResult(p *output.Progress) *Result {
	res := &Result{Status: output.StatusComplete, ErrorsByKind: map[string]int64{}, Warnings: map[string]int64{}, BySource: map[string]*output.RecordCounts{},
		Languages: map[string]int64{}, NotAnnotated: map[string]int64{}}
	if p == nil {
		return res
	}
	st := &res.Stats
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
	return res
}

// owns counts a record read and reports whether this shard owns it. An
// article whose doc_id an earlier record had gets the warning
// WarningDuplicateID: joins on doc_id alone are ambiguous for it.
func (r *runner) owns(a *datasets.Article, err error) bool {
	r.seenAll.Add(1)
	if a != nil {
		h := idHash(a.ID)
		if _, dup := r.ids[h]; dup {
			a.Warnings = append(a.Warnings, WarningDuplicateID)
		} else {
			r.ids[h] = struct{}{}
		}
		return r.opts.Shard.Owns(a.ID)
	}
	var re *datasets.RecordError
	return !errors.As(err, &re) || r.opts.Shard.Owns(re.ID)
}

// fail records a fatal read error and stops the run.
func (r *runner) fail(err error) {
	r.readErr = err
	r.cancel()
}

// read is the reader goroutine.
func (r *runner) read() {
	pprof.SetGoroutineLabels(pprof.WithLabels(r.ctx, pprof.Labels(annotate.ProfileLabel, "read")))
	defer close(r.ordered)
	defer close(r.work)
	var seen map[textKey]string // --dedupe: first doc_id of each text
	if r.opts.Dedupe {
		seen = map[textKey]string{}
	}
	n, ok := r.skipWritten(seen) // the shard's own records read
	if !ok {
		return
	}
	for r.opts.Limit == 0 || n < r.opts.Limit {
		if r.ctx.Err() != nil {
			return
		}
		t0 := time.Now()
		a, err := r.src.Next()
		r.readTime += time.Since(t0)
		if err == io.EOF {
			return
		}
		if !r.owns(a, err) {
			continue
		}
		j, ok := r.newJob(a, err, seen)
		if !ok {
			return
		}
		n++
		if !r.enqueue(j) {
			return
		}
	}
}

// skipWritten reads past the records a resumed run's checkpoint has
// written (reading is cheap next to annotating), in input order, and
// returns how many it read; ok is false when the run must stop.
func (r *runner) skipWritten(seen map[textKey]string) (n int64, ok bool) {
	if r.opts.Resume == nil {
		return 0, true
	}
	for n < r.opts.Resume.Records.Read {
		if r.ctx.Err() != nil {
			return n, false
		}
		a, err := r.src.Next()
		if err != io.EOF && !r.owns(a, err) {
			continue
		}
		if err == nil && seen != nil {
			if _, dup := seen[keyOf(a.Text)]; !dup {
				seen[keyOf(a.Text)] = a.ID
			}
		}
		if err == io.EOF {
			r.fail(fmt.Errorf("the input ended after %d records, before the %d the checkpoint has written: it is not the input of the interrupted run", n, r.opts.Resume.Records.Read))
			return n, false
		}
		var re *datasets.RecordError
		if err != nil && !errors.As(err, &re) {
			r.fail(err)
			return n, false
		}
		n++
	}
	return n, true
}

// newJob makes the slot of one record: a record error, a duplicate written
// without annotations, or an article to annotate. ok is false when the
// error is fatal.
func (r *runner) newJob(a *datasets.Article, err error, seen map[textKey]string) (*job, bool) {
	j := &job{article: a, done: make(chan struct{})}
	if err != nil {
		var re *datasets.RecordError
		if !errors.As(err, &re) {
			r.fail(err)
			return nil, false
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
	return j, true
}

// enqueue puts a job in its slot and, when it needs annotating, on the
// work queue. It reports false when the run is cancelled.
func (r *runner) enqueue(j *job) bool {
	select {
	case r.ordered <- j:
	case <-r.ctx.Done():
		return false
	}
	if j.readErr != nil || j.skip != "" {
		return true
	}
	select {
	case r.work <- j:
		return true
	case <-r.ctx.Done():
		return false
	}
}

// annotateJobs is a worker goroutine.
func (r *runner) annotateJobs() {
	for j := range r.work {
		if r.ctx.Err() != nil {
			j.err = r.ctx.Err()
			close(j.done)
			continue
		}
		t0 := time.Now()
		j.doc, j.lang, j.skip, j.err = r.annotate(j.article)
		j.spent = time.Since(t0)
		r.annotateNanos.Add(int64(j.spent))
		close(j.done)
	}
}

// annotate annotates one article under the run's context and, when set,
// the per-article time limit.
func (r *runner) annotate(a *datasets.Article) (*doc.Document, string, string, error) {
	if r.opts.DocTimeout <= 0 {
		return annotateArticle(r.ctx, r.ann, a)
	}
	ctx, cancel := context.WithTimeout(r.ctx, r.opts.DocTimeout)
	defer cancel()
	d, lang, skip, err := annotateArticle(ctx, r.ann, a)
	var se *annotate.StageError
	if errors.As(err, &se) && errors.Is(err, context.DeadlineExceeded) && r.ctx.Err() == nil {
		se.Err = fmt.Errorf("the article ran past the limit of %v an article (--doc-timeout): %w", r.opts.DocTimeout, se.Err)
	}
	return d, lang, skip, err
}

// writeAll takes the slots in order, waits for each and writes it, until
// the input ends, the run is cancelled or fails. It returns a fatal error.
func (r *runner) writeAll() error {
	for j := range r.ordered {
		select {
		case <-j.done:
		case <-r.ctx.Done():
		}
		if r.ctx.Err() != nil {
			// Interrupted: stop at a record boundary, so every table holds
			// whole articles only.
			return nil
		}
		t0 := time.Now()
		failed, fatal := r.writeJob(j)
		st := &r.res.Stats
		if fatal == nil && r.opts.CheckpointEvery > 0 && st.Records%r.opts.CheckpointEvery == 0 {
			fatal = r.w.Checkpoint(r.res.Progress(r.opts.Checkpoint))
		}
		r.writeTime += time.Since(t0)
		if fatal != nil {
			r.cancel()
			return fatal
		}
		if failed && r.opts.OnError == OnErrorFail {
			r.res.Status = output.StatusFailed
			r.res.StatusDetail = "stopped at the first failed record (--on-error fail)"
			r.cancel()
			return nil
		}
		r.report(false)
	}
	return nil
}

// writeJob writes one record's documents or errors row and counts it.
func (r *runner) writeJob(j *job) (failed bool, fatal error) {
	res, st := r.res, &r.res.Stats
	var source string
	switch {
	case j.readErr != nil:
		source = j.readErr.Source
		fatal = r.w.WriteError(readErrorRow(j.readErr))
		res.ErrorsByKind[j.readErr.Kind]++
		failed = true
	case j.err != nil:
		// The article keeps its documents row, text only, and the errors
		// row says which stage failed.
		source = j.article.Source
		if fatal = r.w.WriteDoc(failedDocOf(j.article, j.lang)); fatal == nil {
			fatal = r.w.WriteError(stageErrorRow(j.article, j.err))
		}
		res.ErrorsByKind[stageKind(j.err)]++
		j.doc, j.skip = doc.Unannotated(j.article.Text), NotAnnotatedFailed
		res.countDocument(j)
		st.Records++
		res.count(source, false)
		j.article, j.doc = nil, nil
		return true, fatal
	default:
		source = j.article.Source
		fatal = r.w.WriteDoc(docOf(j.article, j.doc, j.lang, j.dupOf))
		res.countDocument(j)
	}
	j.article, j.doc = nil, nil // let the text go as soon as it is written
	st.Records++
	if failed {
		st.Errors++
	}
	res.count(source, failed)
	return failed, fatal
}

// countDocument adds a written document to the accounts.
func (res *Result) countDocument(j *job) {
	st := &res.Stats
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

// report tells the Reporter of progress, at most every ReportEvery unless
// forced.
func (r *runner) report(force bool) {
	if r.opts.Reporter == nil {
		return
	}
	now := time.Now()
	if !force && now.Sub(r.lastReport) < r.opts.ReportEvery {
		return
	}
	r.lastReport = now
	st := &r.res.Stats
	st.BytesRead, st.BytesTotal = r.src.Progress()
	st.Elapsed = now.Sub(r.start)
	r.opts.Reporter.Update(*st)
}

// finish closes the accounts once the reader and workers have exited.
func (r *runner) finish(parent context.Context, fatal error) (*Result, error) {
	res, st := r.res, &r.res.Stats
	res.Seen = r.seenAll.Load()
	res.Timings = output.Timings{
		Wall:     time.Since(r.start).Seconds(),
		Read:     r.readTime.Seconds(),
		Annotate: time.Duration(r.annotateNanos.Load()).Seconds(),
		Write:    r.writeTime.Seconds(),
	}
	st.BytesRead, st.BytesTotal = r.src.Progress()
	st.Elapsed = time.Since(r.start)
	if r.opts.Reporter != nil {
		r.opts.Reporter.Done(*st)
	}
	switch {
	case fatal != nil:
		res.Status, res.StatusDetail = output.StatusFailed, fatal.Error()
		return res, fatal
	case r.readErr != nil:
		res.Status, res.StatusDetail = output.StatusFailed, r.readErr.Error()
		return res, fmt.Errorf("read: %w", r.readErr)
	case res.Status == output.StatusFailed:
		return res, ErrRecordFailed
	case parent.Err() != nil:
		res.Status = output.StatusInterrupted
		res.StatusDetail = "stopped before the end of the input (interrupted)"
	}
	return res, nil
}

// idHash is a doc_id's 64-bit FNV-1a hash: two ids share one by chance
// about once in 2^64 pairs, so a corpus of ten million articles marks a
// false duplicate with odds of a few in a million.
func idHash(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64()
}
