package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInspectGolden renders articles of the embedded sample in plain mode
// and compares them with testdata/golden/inspect-*.txt. Rewrite them with
// `go test ./cmd/newsnlp -run TestInspectGolden -update` after an intended
// change, and read the diff.
func TestInspectGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runMain(t, exitOK, "annotate", "-o", out, "--progress", "never")
	for name, args := range map[string][]string{
		"inspect-doc.txt":    {"--doc", "sample-01"},
		"inspect-grep.txt":   {"--grep", "denied", "--max", "2"},
		"inspect-sample.txt": {"--sample", "2", "--width", "60"},
	} {
		t.Run(name, func(t *testing.T) {
			got, _ := runMain(t, exitOK, append([]string{"inspect", out, "--color", "never"}, args...)...)
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("inspect %s differs from %s:\n%s", strings.Join(args, " "), golden, got)
			}
			if strings.Contains(got, "\x1b[") {
				t.Error("plain mode printed ANSI codes")
			}
			for _, line := range strings.Split(got, "\n") {
				if w := visibleWidth(line); w > 80 {
					t.Errorf("line of %d columns: %q", w, line)
				}
			}
		})
	}
}

func TestInspectSubsetOfTablesAndErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runMain(t, exitOK, "annotate", "-o", out, "--progress", "never", "--limit", "2")
	for _, table := range []string{"entities", "quotes", "tokens", "sentences"} {
		if err := os.RemoveAll(filepath.Join(out, table)); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := runMain(t, exitOK, "inspect", out, "--color", "never")
	if !strings.Contains(got, "doc_id  sample-01") || strings.Contains(got, "attributions") || strings.Contains(got, "]PERSON") {
		t.Errorf("documents only: want the article without entities or attributions:\n%s", got)
	}
	colored, _ := runMain(t, exitOK, "inspect", out, "--color", "always")
	if !strings.Contains(colored, "\x1b[") {
		t.Error("--color always printed no ANSI code")
	}
	if _, stderr := runMain(t, exitFatal, "inspect", out, "--doc", "nope"); !strings.Contains(stderr, `no article with doc_id "nope"`) {
		t.Errorf("unknown doc: %s", stderr)
	}
	if _, stderr := runMain(t, exitFatal, "inspect", out, "--doc", "a", "--grep", "b"); !strings.Contains(stderr, "one of --doc, --grep and --sample") {
		t.Errorf("two selectors: %s", stderr)
	}
	if _, stderr := runMain(t, exitFatal, "inspect", filepath.Join(out, "missing")); !strings.Contains(stderr, "no such file") {
		t.Errorf("missing output: %s", stderr)
	}
}
