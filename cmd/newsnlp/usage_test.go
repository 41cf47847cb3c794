package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Usage errors name the argument or flag, say what is wanted, and point at
// the failing command's own help; none is cobra's stock wording.
func TestUsageErrorsNameWhatIsWrong(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"report"}, []string{"report: missing OUT (the output folder", "'newsnlp report --help'"}},
		{[]string{"report", "a", "b"}, []string{`"b" is one argument too many`}},
		{[]string{"diff", "old"}, []string{"diff: missing NEW", "'newsnlp diff --help'"}},
		{[]string{"eval"}, []string{"eval: missing GOLD"}},
		{[]string{"version", "now"}, []string{`version takes no arguments; got "now"`}},
		{[]string{"annotate", "--workers", "x"}, []string{`invalid argument "x" for "--workers" flag: want a whole number`, "'newsnlp annotate --help'"}},
		{[]string{"annotate", "--nope"}, []string{"annotate: unknown flag: --nope"}},
	} {
		_, stderr := runMain(t, 2, tc.args...)
		for _, w := range tc.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("newsnlp %s: stderr %q lacks %q", strings.Join(tc.args, " "), stderr, w)
			}
		}
		for _, stock := range []string{"arg(s)", "required flag(s)", "strconv."} {
			if strings.Contains(stderr, stock) {
				t.Errorf("newsnlp %s: stock wording %q in %q", strings.Join(tc.args, " "), stock, stderr)
			}
		}
	}
}

func TestReportDefaultsIntoOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	runMain(t, 0, "annotate", "-o", out, "--progress", "never")
	stdout, _ := runMain(t, 0, "report", out)
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil || !strings.Contains(stdout, "report.html") {
		t.Errorf("report OUT should write OUT/report.html: %v; %s", err, stdout)
	}
	// The time row says what its figures are: wall time, and worker time.
	if !regexp.MustCompile(`[0-9.]+ s from start to finish. Worker time, summed over the [0-9]+ workers: [0-9.]+ s annotating`).Match(page) {
		t.Errorf("report's time row is not plain:\n%s", page)
	}
	// A grep that finds nothing is exit 1, as grep's is: not a usage error.
	_, stderr := runMain(t, 1, "inspect", out, "--grep", "no such words anywhere")
	if !strings.Contains(stderr, "no article") {
		t.Errorf("inspect --grep: %s", stderr)
	}
	// annotate --overwrite still replaces the run with the report beside it.
	runMain(t, 0, "annotate", "-o", out, "--progress", "never", "--overwrite")
}

func TestVersionSaysTheCommitOnce(t *testing.T) {
	for _, tc := range []struct{ version, commit, want string }{
		{"a70ef57-dirty", "a70ef57", "a70ef57-dirty"},
		{"v0.4.0", "a70ef57", "v0.4.0 (commit a70ef57)"},
		{"v0.4.0-3-ga70ef57", "a70ef57c0ffee", "v0.4.0-3-ga70ef57"},
		{"dev", "unknown", "dev"},
	} {
		if got := (buildInfo{Version: tc.version, Commit: tc.commit}).describe(); got != tc.want {
			t.Errorf("version %q commit %q: %q, want %q", tc.version, tc.commit, got, tc.want)
		}
	}
}
