package main

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeSchema keeps the README's column tables identical to
// `newsnlp schema --format markdown`.
func TestReadmeSchema(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "<!-- schema:begin -->\n")
	section, _, ok2 := strings.Cut(rest, "<!-- schema:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md lacks the schema:begin / schema:end markers")
	}
	want, _ := runMain(t, exitOK, "schema", "--format", "markdown")
	if section != want {
		t.Errorf("README.md's schema section differs from `newsnlp schema --format markdown`; paste its output between the markers")
	}
}
