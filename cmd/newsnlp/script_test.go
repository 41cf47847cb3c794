package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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
			"rows":     cmdRows,
			"mkbad":    cmdMkbad,
			"mkcorpus": cmdMkcorpus,
			"gzipped":  cmdGzipped,
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

// cmdMkbad writes a file txtar cannot hold: mkbad FILE binary|latin1.
func cmdMkbad(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mkbad FILE binary|latin1")
	}
	var data string
	switch args[1] {
	case "binary":
		data = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"
	case "latin1":
		data = `{"id": "latin1", "text": "Caf` + "\xe9" + ` owner said the caf` + "\xe9" + ` stays open."}` + "\n"
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
