package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// writeRepeatedSample writes the embedded sample's articles n times over as
// JSONL, each copy with its own id, with a broken line every 97 lines so
// that the errors table has rows too. It returns the number of lines.
func writeRepeatedSample(t *testing.T, path string, copies int) int {
	t.Helper()
	c := datasets.OpenSample(datasets.Options{})
	var arts []*datasets.Article
	for {
		a, err := c.Next()
		if err != nil {
			break
		}
		arts = append(arts, a)
	}
	c.Close()
	if len(arts) == 0 {
		t.Fatal("the embedded sample is empty")
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	lines := 0
	for k := 0; k < copies; k++ {
		for _, a := range arts {
			lines++
			if lines%97 == 0 {
				fmt.Fprintf(w, "{\"id\": \"broken-%d\", \"text\": \n", lines)
				continue
			}
			b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("%s-%d", a.ID, k), "title": a.Title, "text": a.Text})
			w.Write(append(b, '\n'))
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestKillAndResume starts newsnlp annotate as a child process, kills it
// with SIGKILL once it has checkpointed a few segments, and checks that
// every part file left behind is whole, that --resume finishes the run, and
// that the resumed output has the same rows, table by table and in the same
// order, as an uninterrupted run.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs newsnlp three times over a generated corpus")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	lines := writeRepeatedSample(t, corpus, 60)
	args := func(out string, extra ...string) []string {
		return append([]string{"annotate", corpus, "-o", out, "--workers", "2", "--checkpoint-every", "40", "--progress", "never", "--log-format", "json"}, extra...)
	}
	full, killed := filepath.Join(dir, "full"), filepath.Join(dir, "killed")
	runMain(t, exitSomeFailed, args(full)...)

	cmd := exec.Command(os.Args[0], args(killed)...)
	cmd.Env = append(os.Environ(), "NEWSNLP_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if p, err := output.ReadProgress(killed, output.Shard{}); err == nil && p.Parts >= 3 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the run ended (%v) before it could be killed midway: make the corpus larger", err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no checkpoint with 3 segments within 2 minutes")
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	p, err := output.ReadProgress(killed, output.Shard{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Records.Read >= int64(lines) {
		t.Fatalf("killed after all %d records: not midway", lines)
	}
	if _, err := os.Stat(filepath.Join(killed, output.ManifestName)); err == nil {
		t.Error("a killed run has a manifest")
	}
	// Every part file a reader can see is whole: the one being written at
	// the kill has a temporary name.
	for _, table := range output.Tables {
		parts, _ := filepath.Glob(filepath.Join(killed, table, "*.parquet"))
		if len(parts) < p.Parts {
			t.Errorf("%s: %d part files after a checkpoint of %d segments", table, len(parts), p.Parts)
		}
		for _, part := range parts {
			if _, _, _, err := readPart(part); err != nil {
				t.Errorf("after SIGKILL, %s is not whole: %v", part, err)
			}
		}
	}
	t.Logf("killed after checkpoint %d (%d of %d records written)", p.Parts, p.Records.Read, lines)

	// Resuming with other settings is refused, and says why.
	if _, stderr := runMain(t, exitFatal, args(killed, "--resume", "--max-doc-bytes", "5000")...); !strings.Contains(stderr, "other settings") {
		t.Errorf("resume with other flags: %s", stderr)
	}
	runMain(t, exitFatal, args(killed)...) // without --resume: refused, not overwritten
	// Resuming over an input rewritten since is refused, naming the file.
	orig, err := os.ReadFile(corpus)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(corpus)
	if err != nil {
		t.Fatal(err)
	}
	rewritten := append([]byte(`{"id":"new","text":"A record the killed run never saw."}`+"\n"), orig...)
	if err := os.WriteFile(corpus, rewritten, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr := runMain(t, exitFatal, args(killed, "--resume")...); !strings.Contains(stderr, "an input changed") || !strings.Contains(stderr, "corpus.jsonl") {
		t.Errorf("resume over a rewritten input: %s", stderr)
	}
	if err := os.WriteFile(corpus, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(corpus, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	runMain(t, exitSomeFailed, args(killed, "--resume")...)

	for _, table := range output.Tables {
		want, _, _ := readTable(t, full, table)
		got, _, _ := readTable(t, killed, table)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: resumed rows differ from an uninterrupted run's (-want +got):\n%s", table, diff)
		}
		tmps, _ := filepath.Glob(filepath.Join(killed, table, ".*"))
		if len(tmps) > 0 {
			t.Errorf("%s: temporary files left after the resumed run: %v", table, tmps)
		}
	}
	mFull, err := output.ReadManifest(full)
	if err != nil {
		t.Fatal(err)
	}
	mRes, err := output.ReadManifest(killed)
	if err != nil {
		t.Fatal(err)
	}
	if mRes.Status != output.StatusComplete || mRes.Resumed != 1 {
		t.Errorf("resumed manifest: status %s, resumed %d", mRes.Status, mRes.Resumed)
	}
	if mRes.Records != mFull.Records || mRes.Records.Read != int64(lines) {
		t.Errorf("records: resumed %+v, uninterrupted %+v, lines %d", mRes.Records, mFull.Records, lines)
	}
	if diff := cmp.Diff(mFull.Rows, mRes.Rows); diff != "" {
		t.Errorf("row counts (-uninterrupted +resumed):\n%s", diff)
	}
	if diff := cmp.Diff(mFull.BySource, mRes.BySource); diff != "" {
		t.Errorf("per-source counts (-uninterrupted +resumed):\n%s", diff)
	}
	if _, err := os.Stat(filepath.Join(killed, output.ProgressName)); err == nil {
		t.Error("the checkpoint file outlived the completed run")
	}
	// Resuming a complete run does nothing and says so.
	if stdout, _ := runMain(t, exitOK, args(killed, "--resume")...); !strings.Contains(stdout, "nothing to resume") {
		t.Errorf("resume of a complete run: %s", stdout)
	}
}

// TestResumeWithNothingToResumeStarts: the first attempt of a scheduled
// task runs with --resume like its retries, and starts the run.
func TestResumeWithNothingToResumeStarts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runMain(t, exitOK, "annotate", "-o", out, "--progress", "never", "--resume", "--limit", "3")
	if _, _, err := reconcile(out); err != nil {
		t.Fatal(err)
	}
	if stdout, _ := runMain(t, exitOK, "annotate", "-o", out, "--progress", "never", "--resume", "--limit", "3"); !strings.Contains(stdout, "nothing to resume") {
		t.Errorf("second --resume of a complete run: %s", stdout)
	}
}
