package main

import (
	"encoding/json"
	stdhtml "html"
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
		"inspect-deps.txt":   {"--doc", "sample-02", "--deps"},
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

// TestInspectNeutralisesEscapes annotates an article whose text, title,
// URL and speaker carry terminal escapes (OSC 52 clipboard write, OSC 0
// window title, CSI 2J, the alternate screen, an OSC 8 link) and a bidi
// override, and checks that inspect prints none of them raw and shows the
// override, and that the report shows it too.
func TestInspectNeutralisesEscapes(t *testing.T) {
	esc := "\x1b]52;c;ZXZpbA==\x07\x1b]0;pwned\x07\x1b[2J\x1b[?1049h\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"
	rec := map[string]string{
		"id":    "e1",
		"title": "Title " + esc,
		"url":   "https://example.org/" + esc,
		"text":  "Anna" + esc + " Berg said the bridge was safe \u202eevil\u202c today.\n\n“It is safe,” said Karl" + esc + " Ek.",
	}
	line, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, append(line, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	runMain(t, 0, "annotate", in, "-o", out, "--progress", "never")
	stdout, _ := runMain(t, 0, "inspect", out, "--doc", "e1", "--color", "never")
	if strings.ContainsAny(stdout, "\x1b\x07") {
		t.Errorf("inspect printed a raw escape:\n%q", stdout)
	}
	for _, want := range []string{`\x1b]52;c;ZXZpbA==\x07`, "⟨U+202E⟩evil⟨U+202C⟩"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("inspect output lacks %q:\n%s", want, stdout)
		}
	}
	page := filepath.Join(dir, "r.html")
	runMain(t, 0, "report", out, "-o", page)
	html, err := os.ReadFile(page) // html/template writes the + of U+202E as &#43;
	if err != nil {
		t.Fatal(err)
	}
	if i := strings.IndexAny(string(html), "\x1b\u202e"); i >= 0 {
		t.Errorf("the report holds a raw escape or override: %q", string(html)[max(0, i-80):min(len(html), i+40)])
	}
	if !strings.Contains(stdhtml.UnescapeString(string(html)), "⟨U+202E⟩evil") {
		t.Errorf("the report does not show the override")
	}
}

// TestStatementsByDefault: inspect and report show statements only,
// saying how many other attributions they leave out; --all shows them.
func TestStatementsByDefault(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	rec := `{"id": "b1", "text": "Anna Berg said that the bridge would open in May. Karl Ek believes that the bridge will close."}` + "\n"
	if err := os.WriteFile(in, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	runMain(t, exitOK, "annotate", in, "-o", out, "--progress", "never")
	shown, _ := runMain(t, exitOK, "inspect", out, "--color", "never")
	if !strings.Contains(shown, "attributions: 1 (1 claim, 0 denials)") || !strings.Contains(shown, "1 more not shown: belief") || strings.Contains(shown, "Karl Ek (name)") {
		t.Errorf("inspect: want Anna Berg's statement only, and a count of the one left out:\n%s", shown)
	}
	all, _ := runMain(t, exitOK, "inspect", out, "--color", "never", "--all")
	if !strings.Contains(all, "attributions: 2") || !strings.Contains(all, "belief") {
		t.Errorf("inspect --all: want both attributions, the belief marked:\n%s", all)
	}
	for _, c := range []struct {
		args []string
		want string
		has  bool
	}{{nil, "1 more attributions of belief", true}, {[]string{"--all"}, "more attributions of belief", false}} {
		page := filepath.Join(dir, "r.html")
		runMain(t, exitOK, append([]string{"report", out, "-o", page}, c.args...)...)
		html, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(html), c.want) != c.has {
			t.Errorf("report %v: %q present = %v; want %v", c.args, c.want, !c.has, c.has)
		}
	}
}
