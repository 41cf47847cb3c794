package annotate

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// worstCases write hostile articles of about size bytes: what a crawl
// brings (a page of links, a list, a transcript) taken to the extreme.
var worstCases = map[string]func(i int) string{
	"many cues":         func(i int) string { return fmt.Sprintf("Link number %d said the man ", i) },
	"many quote marks":  func(i int) string { return fmt.Sprintf("“quote %d” he said, ", i) },
	"many names":        func(i int) string { return fmt.Sprintf("Anna Berg%d Karl Ek Maria Lind ", i) },
	"endless sentence":  func(i int) string { return fmt.Sprintf("word%d and more words without end ", i) },
	"short sentences":   func(i int) string { return fmt.Sprintf("He said %d. ", i) },
	"clauses by commas": func(i int) string { return fmt.Sprintf("X%d said a, ", i) },
}

func worstText(gen func(int) string, size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(gen(i))
	}
	return b.String()
}

// stageTimes runs every stage over text and returns each one's CPU time,
// the least of runs runs. It counts the CPU time of the test's own thread
// (stages are synchronous), so other processes and tests running at the
// same time do not count, and neither does the collector's background
// work, whose cost follows the heap the test process happens to hold, not
// the stage's algorithm; a collection before each stage starts them all
// from a clean heap.
func stageTimes(t *testing.T, a *Annotator, text string, runs int) map[string]time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	best := map[string]time.Duration{}
	for range runs {
		d := &doc.Document{Text: text}
		for _, s := range a.stages {
			runtime.GC()
			t0 := threadCPU(t)
			if err := s.Run(context.Background(), d); err != nil {
				t.Fatal(err)
			}
			if el, ok := best[s.Name()]; !ok || threadCPU(t)-t0 < el {
				best[s.Name()] = threadCPU(t) - t0
			}
		}
	}
	return best
}

// threadCPU is the CPU time the calling OS thread has used (Linux's
// RUSAGE_THREAD).
func threadCPU(t *testing.T) time.Duration {
	const rusageThread = 1
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		t.Fatalf("no per-thread CPU time (getrusage RUSAGE_THREAD, Linux): %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestStagesGrowLinearly checks, for each worst case, that no stage takes
// more than three times as long on 1 MB as on 512 KB: a ratio, not a
// timing. A stage quadratic in its input takes four times as long (the
// quotes stage once took 24 s over 1 MB of "Link number N said the man").
// Stages under 50 ms on 1 MB are too quick to time and pass. (Since the
// parser, 2 MB against 1 MB took 75 s of every make test.)
func TestStagesGrowLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("about 35 s; -short skips it")
	}
	a := newTestAnnotator(t)
	for name, gen := range worstCases {
		t.Run(name, func(t *testing.T) {
			// Three runs of each size, interleaved, the least of each: a
			// burst of load on the machine spoils one run, not the figure.
			one, two := map[string]time.Duration{}, map[string]time.Duration{}
			small, large := worstText(gen, 1<<19), worstText(gen, 1<<20)
			for range 3 {
				least(one, stageTimes(t, a, small, 1))
				least(two, stageTimes(t, a, large, 1))
			}
			for _, s := range a.Stages() {
				if two[s] < 50*time.Millisecond {
					continue
				}
				if r := float64(two[s]) / float64(max(one[s], time.Millisecond)); r >= 3 {
					t.Errorf("stage %s: 1 MB took %.1f× as long as 512 KB (%v, %v); want under 3×", s, r, one[s], two[s])
				}
			}
		})
	}
}

// least keeps in best the least time of each stage.
func least(best, times map[string]time.Duration) {
	for s, d := range times {
		if b, ok := best[s]; !ok || d < b {
			best[s] = d
		}
	}
}
