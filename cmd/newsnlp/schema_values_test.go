package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/quotes"
	"github.com/newsnlp/newsnlp/output"
)

// columnDoc is one column's documentation in the schema.
func columnDoc(t *testing.T, table, column string) string {
	t.Helper()
	for _, ts := range output.Schema() {
		if ts.Name != table {
			continue
		}
		for _, c := range ts.Columns {
			if c.Name == column {
				return c.Doc
			}
		}
	}
	t.Fatalf("no column %s.%s", table, column)
	return ""
}

// literals finds the string literals a pattern captures in the non-test Go
// files of a source folder.
func literals(t *testing.T, dir string, pattern *regexp.Regexp) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pattern.FindAllStringSubmatch(string(b), -1) {
			found[m[1]] = true
		}
	}
	return found
}

// The schema documents the values the code writes, all of them and only
// them, in its own words: it never sends the reader to a README heading.
func TestSchemaDocumentsTheValuesWritten(t *testing.T) {
	// Error kinds: every literal kind the readers and the pipeline give.
	kinds := literals(t, "../../datasets", regexp.MustCompile(`(?:fail\(|Kind: )"([a-z_]+)"`))
	for dir, fn := range map[string]string{"../../datasets": "kindOf", "../../pipeline": "stageKind"} {
		for body := range literals(t, dir, regexp.MustCompile(`(?s)\nfunc `+fn+`\((.*?)\n}`)) {
			for _, m := range regexp.MustCompile(`return "([a-z_]+)"`).FindAllStringSubmatch(body, -1) {
				kinds[m[1]] = true
			}
		}
	}
	if len(kinds) < 12 {
		t.Fatalf("found only %d error kinds in the source: %v", len(kinds), kinds)
	}
	kindDoc := columnDoc(t, "errors", "kind")
	for k := range kinds {
		if !regexp.MustCompile(`\b` + k + `\b`).MatchString(kindDoc) {
			t.Errorf("errors.kind %q is written but not documented: %s", k, kindDoc)
		}
	}
	// Stages: every stage's name.
	stageDoc := columnDoc(t, "errors", "stage")
	for _, dir := range []string{"../../annotate", "../../annotate/quotes"} {
		for s := range literals(t, dir, regexp.MustCompile(`\) Name\(\) string \{ return "([a-z]+)" \}`)) {
			if !strings.Contains(stageDoc, s) {
				t.Errorf("stage %q can fail but errors.stage does not name it: %s", s, stageDoc)
			}
		}
	}
	// Rules: every one, by name.
	ruleDoc := columnDoc(t, "quotes", "rule")
	for _, r := range append(append([]string(nil), quotes.Rules...), annotate.HeadlineRules...) {
		if !strings.Contains(ruleDoc, r) {
			t.Errorf("rule %q is not in quotes.rule's documentation", r)
		}
	}
	// Origins: the constants, and nothing else.
	origins := literals(t, "../../annotate/doc", regexp.MustCompile(`Origin[A-Z][a-z]+ += "([a-z]+)"`))
	originDoc := columnDoc(t, "entities", "origin")
	for o := range origins {
		if !strings.Contains(originDoc, o) {
			t.Errorf("origin %q is not documented", o)
		}
	}
	if strings.Contains(originDoc, "coref") {
		t.Errorf("entities.origin documents coref, which nothing writes")
	}
	for _, ts := range output.Schema() {
		for _, c := range ts.Columns {
			if strings.Contains(c.Doc, "README") || strings.Contains(c.Doc, "How it runs") {
				t.Errorf("%s.%s refers the reader elsewhere: %s", ts.Name, c.Name, c.Doc)
			}
		}
	}
}
