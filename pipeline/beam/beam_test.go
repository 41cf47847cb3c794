package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/google/go-cmp/cmp"

	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// rowsOf reads every row of a table of OUT as JSON, sorted: the Beam
// pipeline writes its rows in bundles, in no set order.
func rowsOf[T output.Row](t *testing.T, dir, table string) []string {
	t.Helper()
	var rows []string
	err := output.ReadRows(dir, table, func(r *T) error {
		b, err := json.Marshal(r)
		rows = append(rows, string(b))
		return err
	})
	if err != nil {
		t.Fatalf("%s/%s: %v", dir, table, err)
	}
	sort.Strings(rows)
	return rows
}

// TestBeamMatchesCLI runs the pipeline on Prism over the embedded sample
// (written as JSONL, with a broken line) and compares every table with
// newsnlp annotate's on the same file, row for row.
func TestBeamMatchesCLI(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "sample.jsonl")
	var b strings.Builder
	c := datasets.OpenSample(datasets.Options{})
	for i := 0; ; i++ {
		a, err := c.Next()
		if err != nil {
			break
		}
		line, _ := json.Marshal(map[string]string{"id": a.ID, "title": a.Title, "text": a.Text})
		b.Write(append(line, '\n'))
		if i == 3 {
			b.WriteString(`{"id": "broken", "text": ` + "\n")
		}
	}
	if err := os.WriteFile(corpus, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	cli := filepath.Join(dir, "newsnlp")
	build := exec.Command("go", "build", "-o", cli, "./cmd/newsnlp")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/newsnlp: %v\n%s", err, out)
	}
	cliOut, beamOut := filepath.Join(dir, "cli"), filepath.Join(dir, "beam")
	run := exec.Command(cli, "annotate", corpus, "-o", cliOut, "--progress", "never")
	if out, err := run.CombinedOutput(); err != nil && run.ProcessState.ExitCode() != 1 {
		t.Fatalf("newsnlp annotate: %v\n%s", err, out)
	}

	if err := runPipeline(context.Background(), []string{corpus}, beamOut, datasets.DefaultMaxDocBytes); err != nil {
		t.Fatalf("the Beam pipeline on Prism: %v", err)
	}

	check := func(table string, cliRows, beamRows []string) {
		if len(cliRows) == 0 && table != output.TableErrors {
			t.Errorf("%s: the CLI wrote no rows", table)
		}
		if diff := cmp.Diff(cliRows, beamRows); diff != "" {
			t.Errorf("%s: Beam's rows differ from the CLI's (-cli +beam):\n%s", table, diff)
		}
	}
	check(output.TableDocuments, rowsOf[output.DocumentRow](t, cliOut, output.TableDocuments), rowsOf[output.DocumentRow](t, beamOut, output.TableDocuments))
	check(output.TableSentences, rowsOf[output.SentenceRow](t, cliOut, output.TableSentences), rowsOf[output.SentenceRow](t, beamOut, output.TableSentences))
	check(output.TableTokens, rowsOf[output.TokenRow](t, cliOut, output.TableTokens), rowsOf[output.TokenRow](t, beamOut, output.TableTokens))
	check(output.TableEntities, rowsOf[output.EntityRow](t, cliOut, output.TableEntities), rowsOf[output.EntityRow](t, beamOut, output.TableEntities))
	check(output.TableQuotes, rowsOf[output.QuoteRow](t, cliOut, output.TableQuotes), rowsOf[output.QuoteRow](t, beamOut, output.TableQuotes))
	errs := rowsOf[output.ErrorRow](t, beamOut, output.TableErrors)
	check(output.TableErrors, rowsOf[output.ErrorRow](t, cliOut, output.TableErrors), errs)
	if len(errs) != 1 {
		t.Errorf("%d errors rows; want the broken line's", len(errs))
	}

	mc, err := output.ReadManifest(cliOut)
	if err != nil {
		t.Fatal(err)
	}
	mb, err := output.ReadManifest(beamOut)
	if err != nil {
		t.Fatal(err)
	}
	if mb.Records != mc.Records || fmt.Sprint(mb.Rows) != fmt.Sprint(mc.Rows) {
		t.Errorf("manifest: Beam %+v %v, CLI %+v %v", mb.Records, mb.Rows, mc.Records, mc.Rows)
	}
}

// TestMain initialises Beam and runs the tests with the Prism runner.
func TestMain(m *testing.M) {
	ptest.MainWithDefault(m, "prism")
}
