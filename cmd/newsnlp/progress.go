package main

import (
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"sync"
	"time"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"

	"github.com/newsnlp/newsnlp/pipeline"
)

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newReporter picks how progress is shown: an mpb bar on a terminal, a log
// line every 10 seconds otherwise, or nothing.
func newReporter(mode string, tty bool, stderr io.Writer, logger *slog.Logger) pipeline.Reporter {
	switch {
	case mode == "never":
		return nil
	case mode == "always" || tty:
		return newBarReporter(stderr)
	}
	return &logReporter{logger: logger, every: 10 * time.Second, last: time.Now()}
}

// logReporter writes a progress log line at most every `every`.
type logReporter struct {
	logger *slog.Logger
	every  time.Duration
	last   time.Time
}

func (r *logReporter) Update(s pipeline.Stats) {
	if time.Since(r.last) < r.every {
		return
	}
	r.last = time.Now()
	args := []any{"articles", s.Documents, "errors", s.Errors, "words_per_s", math.Round(rate(s.Words, s.Elapsed)), "articles_per_s", math.Round(10*rate(s.Documents, s.Elapsed)) / 10}
	if s.BytesTotal > 0 {
		args = append(args, "percent", fmt.Sprintf("%.1f", 100*float64(s.BytesRead)/float64(s.BytesTotal)), "eta", eta(s).String())
	}
	r.logger.Info("progress", args...)
}

func (r *logReporter) Done(pipeline.Stats) {}

// barReporter draws an mpb progress bar over input bytes (or a spinner when
// the size is unknown), with articles/s, words/s and the ETA.
type barReporter struct {
	p    *mpb.Progress
	bar  *mpb.Bar
	mu   sync.Mutex
	last pipeline.Stats
}

func newBarReporter(w io.Writer) *barReporter {
	r := &barReporter{p: mpb.New(mpb.WithOutput(w), mpb.WithWidth(32), mpb.WithRefreshRate(150*time.Millisecond))}
	info := decor.Any(func(decor.Statistics) string {
		r.mu.Lock()
		s := r.last
		r.mu.Unlock()
		line := fmt.Sprintf("%d articles  %.0f art/s  %.0f words/s", s.Documents, rate(s.Documents, s.Elapsed), rate(s.Words, s.Elapsed))
		if s.Errors > 0 {
			line += fmt.Sprintf("  %d errors", s.Errors)
		}
		if s.BytesTotal > 0 && s.BytesRead > 0 {
			line += "  ETA " + eta(s).String()
		}
		return line
	})
	r.bar = r.p.New(0, mpb.BarStyle(), mpb.PrependDecorators(decor.Name("annotating ")), mpb.AppendDecorators(info))
	return r
}

func (r *barReporter) Update(s pipeline.Stats) {
	r.mu.Lock()
	r.last = s
	r.mu.Unlock()
	if s.BytesTotal > 0 {
		r.bar.SetTotal(s.BytesTotal, false)
		r.bar.SetCurrent(s.BytesRead)
	}
}

func (r *barReporter) Done(s pipeline.Stats) {
	r.Update(s)
	r.bar.SetTotal(-1, true) // mark complete at whatever was reached
	r.p.Wait()
}

func rate(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

func eta(s pipeline.Stats) time.Duration {
	if s.BytesRead <= 0 || s.BytesTotal <= s.BytesRead {
		return 0
	}
	left := float64(s.BytesTotal-s.BytesRead) / float64(s.BytesRead)
	return time.Duration(float64(s.Elapsed) * left).Round(time.Second)
}
