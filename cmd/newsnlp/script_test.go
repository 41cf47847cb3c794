package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/newsnlp/newsnlp/output"
)

// TestMain lets testscript run newsnlp in-process as the command
// "newsnlp".
// With NEWSNLP_TEST_MAIN=1 the test binary is newsnlp itself, for tests
// that need a real child process (TestKillAndResume).
func TestMain(m *testing.M) {
	if os.Getenv("NEWSNLP_TEST_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"newsnlp": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI acceptance tests in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"rows":       cmdRows,
			"mkbad":      cmdMkbad,
			"mkcorpus":   cmdMkcorpus,
			"gzipped":    cmdGzipped,
			"reconciles": cmdReconciles,
		},
	})
}

// cmdRows prints the rows of one output table as JSON lines, read with
// arrow-go: rows OUT TABLE.
func cmdRows(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: rows OUT TABLE")
	}
	rows, _, _, err := readParquet(ts.MkAbs(args[0]), args[1])
	if neg {
		if err == nil {
			ts.Fatalf("rows: %s/%s is readable", args[0], args[1])
		}
		return
	}
	ts.Check(err)
	for _, r := range rows {
		b, err := json.Marshal(r)
		if err != nil {
			ts.Fatalf("%v", err)
		}
		ts.Stdout().Write(append(b, '\n'))
	}
}

// cmdReconciles checks that a run's output accounts for every record it
// read: in manifest.json, read = documents + errors in total and for each
// input source, the sources add up to the total, and the documents and
// errors tables hold exactly those numbers of rows per source (read back
// with arrow-go): reconciles OUT.
func cmdReconciles(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: reconciles OUT")
	}
	r, sources, err := reconcile(ts.MkAbs(args[0]))
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	fmt.Fprintf(ts.Stdout(), "reconciled: %d read = %d documents + %d errors over %d sources\n", r.Read, r.Documents, r.Errors, sources)
}

// reconcile is cmdReconciles' check, for Go tests too. It returns the
// manifest's record counts and the number of sources.
func reconcile(dir string) (output.RecordCounts, int, error) {
	var zero output.RecordCounts
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return zero, 0, err
	}
	var m output.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return zero, 0, fmt.Errorf("manifest.json: %v", err)
	}
	r := m.Records
	if r.Read != r.Documents+r.Errors {
		return r, 0, fmt.Errorf("manifest: read %d != documents %d + errors %d", r.Read, r.Documents, r.Errors)
	}
	var sum output.RecordCounts
	for src, c := range m.BySource {
		if c.Read != c.Documents+c.Errors {
			return r, 0, fmt.Errorf("manifest: source %s: read %d != documents %d + errors %d", src, c.Read, c.Documents, c.Errors)
		}
		sum.Read += c.Read
		sum.Documents += c.Documents
		sum.Errors += c.Errors
	}
	if sum != r {
		return r, 0, fmt.Errorf("manifest: by_source adds up to %+v; records are %+v", sum, r)
	}
	for _, table := range []string{"documents", "errors"} {
		rows, _, _, err := readParquet(dir, table)
		if err != nil {
			return r, 0, err
		}
		got := map[string]int64{}
		for _, row := range rows {
			src, _ := row["source"].(string)
			got[src]++
		}
		for src, c := range m.BySource {
			want := c.Documents
			if table == "errors" {
				want = c.Errors
			}
			if got[src] != want {
				return r, 0, fmt.Errorf("%s: %d rows from source %q; the manifest says %d", table, got[src], src, want)
			}
			delete(got, src)
		}
		for src, n := range got {
			return r, 0, fmt.Errorf("%s: %d rows from source %q, which the manifest does not list", table, n, src)
		}
	}
	return r, len(m.BySource), nil
}

// cmdGzipped checks that a file is non-empty gzip data, as pprof profiles
// are: gzipped FILE.
func cmdGzipped(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: gzipped FILE")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err == nil {
		var n int64
		n, err = io.Copy(io.Discard, zr)
		if err == nil && n == 0 {
			err = fmt.Errorf("empty")
		}
	}
	if neg != (err != nil) {
		ts.Fatalf("gzipped %s: %v", args[0], err)
	}
}

// cmdMkbad writes a file txtar cannot hold: mkbad FILE binary|latin1|mixed.
func cmdMkbad(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkbad FILE binary|latin1|mixed")
	}
	var data string
	switch args[1] {
	case "binary":
		data = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
	case "latin1":
		// Windows-1252: é, and curly quotes from the 0x80–0x9f range.
		data = `{"id": "latin1", "text": "Caf` + "\xe9" + ` owner said: ` + "\x93" + `the caf` + "\xe9" + ` stays open.` + "\x94" + `"}` + "\n"
	case "mixed":
		// Valid UTF-8 (é) with one stray byte: not a legacy encoding.
		data = `{"id": "mixed", "text": "Caf` + "\xc3\xa9" + ` owner said the caf` + "\xe9" + ` stays open."}` + "\n"
	default:
		ts.Fatalf("mkbad: unknown kind %q", args[1])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(data), 0o644))
}

// cmdMkcorpus writes a JSONL corpus of N generated articles, large enough to
// keep a run busy: mkcorpus FILE N.
func cmdMkcorpus(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkcorpus FILE N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	body := strings.Repeat("The council of Dunmore met on Monday and the mayor said that the budget would be balanced by spring. ", 8)
	for i := 0; i < n; i++ {
		fmt.Fprintf(f, "{\"id\": \"gen-%d\", \"text\": %q}\n", i, body)
	}
	ts.Check(f.Close())
}
