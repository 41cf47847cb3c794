package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsnlp/newsnlp/output"
)

// sortedRows renders rows as JSON and sorts them, so that the rows of shards
// written in another order compare with a single run's.
func sortedRows(t *testing.T, rows []map[string]any) []string {
	t.Helper()
	out := make([]string, len(rows))
	for i, r := range rows {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	sort.Strings(out)
	return out
}

// TestShardsUnion runs three shards as separate processes, at the same
// time, into one OUT, and checks that the union of their rows is the rows
// of a single unsharded run, table by table and row for row; that every
// record went to exactly one shard; and that the merged manifest counts
// what the single run counts.
func TestShardsUnion(t *testing.T) {
	if testing.Short() {
		t.Skip("runs newsnlp four times")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	lines := writeRepeatedSample(t, corpus, 12)
	single, sharded := filepath.Join(dir, "single"), filepath.Join(dir, "sharded")
	runMain(t, exitSomeFailed, "annotate", corpus, "-o", single, "--progress", "never")

	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 3)
	errs := make([]error, 3)
	for k := 0; k < 3; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			args := []string{"annotate", corpus, "-o", sharded, "--progress", "never", "--log-format", "json", "--shards", "3"}
			cmd := exec.Command(os.Args[0], args...)
			// The index comes from the scheduler's variable, as in a
			// Kubernetes Indexed Job.
			cmd.Env = append(os.Environ(), "NEWSNLP_TEST_MAIN=1", "JOB_COMPLETION_INDEX="+string(rune('0'+k)))
			cmd.Stdout, cmd.Stderr = &outs[k], &outs[k]
			errs[k] = cmd.Run()
		}(k)
	}
	wg.Wait()
	for k, err := range errs {
		// Exit 1: the broken lines are errors rows, in whichever shard owns them.
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != exitSomeFailed) {
			t.Fatalf("shard %d: %v\n%s", k, err, outs[k].String())
		}
	}

	stdout, _ := runMain(t, exitOK, "merge-manifest", sharded)
	if !strings.Contains(stdout, "3 shards complete") {
		t.Errorf("merge-manifest: %s", stdout)
	}
	for _, table := range output.Tables {
		want, _, _ := readTable(t, single, table)
		got, _, _ := readTable(t, sharded, table)
		if diff := cmp.Diff(sortedRows(t, want), sortedRows(t, got)); diff != "" {
			t.Errorf("%s: the shards' rows differ from a single run's (-single +shards):\n%s", table, diff)
		}
		parts, _ := filepath.Glob(filepath.Join(sharded, table, "shard-*-of-00003-*.parquet"))
		if len(parts) != 3 {
			t.Errorf("%s: %d shard part files; want one per shard", table, len(parts))
		}
	}
	ms, err := output.ReadManifest(single)
	if err != nil {
		t.Fatal(err)
	}
	mm, err := output.ReadManifest(sharded)
	if err != nil {
		t.Fatal(err)
	}
	if mm.Shards != 3 || mm.Records != ms.Records || mm.Records.Read != int64(lines) {
		t.Errorf("merged manifest: %d shards, records %+v; the single run: %+v of %d lines", mm.Shards, mm.Records, ms.Records, lines)
	}
	if diff := cmp.Diff(ms.Rows, mm.Rows); diff != "" {
		t.Errorf("row counts (-single +merged):\n%s", diff)
	}
	if diff := cmp.Diff(ms.BySource, mm.BySource); diff != "" {
		t.Errorf("per-source counts (-single +merged):\n%s", diff)
	}
	if _, _, err := reconcile(sharded); err != nil {
		t.Error(err)
	}
	// Each shard took some records, and none took them all.
	for k := 0; k < 3; k++ {
		m, err := output.ReadManifestFile(filepath.Join(sharded, output.Shard{K: k, N: 3}.ManifestName()))
		if err != nil {
			t.Fatal(err)
		}
		if m.Records.Read == 0 || m.Records.Read == int64(lines) || m.RecordsSeen != int64(lines) {
			t.Errorf("shard %d: read %d of %d records (saw %d)", k, m.Records.Read, lines, m.RecordsSeen)
		}
	}

	// A missing shard is named, and no manifest.json is written.
	os.Remove(filepath.Join(sharded, output.ManifestName))
	os.Remove(filepath.Join(sharded, output.Shard{K: 1, N: 3}.ManifestName()))
	if stdout, _ := runMain(t, exitSomeFailed, "merge-manifest", sharded); !strings.Contains(stdout, "shard 1 of 3: missing") {
		t.Errorf("merge-manifest with shard 1 missing: %s", stdout)
	}
	if _, err := os.Stat(filepath.Join(sharded, output.ManifestName)); err == nil {
		t.Error("manifest.json written although shard 1 is missing")
	}
	// A shard refuses to run twice into OUT, and refuses an unsharded OUT.
	if _, stderr := runMain(t, exitFatal, "annotate", corpus, "-o", sharded, "--progress", "never", "--shard", "0/3"); !strings.Contains(stderr, "shard 0 of 3 already ran here") {
		t.Errorf("shard 0 again: %s", stderr)
	}
	if _, stderr := runMain(t, exitFatal, "annotate", corpus, "-o", single, "--progress", "never", "--shard", "0/3"); !strings.Contains(stderr, "unsharded run") {
		t.Errorf("a shard into an unsharded OUT: %s", stderr)
	}
	if _, stderr := runMain(t, exitFatal, "annotate", corpus, "-o", sharded, "--shard", "3/3"); !strings.Contains(stderr, "0 <= K < N") {
		t.Errorf("--shard 3/3: %s", stderr)
	}
}
