package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/pipeline/evaluate"
)

// recasers turn a text into a recased copy with the same code points at
// the same offsets: a headline in title case or in capitals.
var recasers = map[string]func(string) string{
	"title": func(s string) string {
		var b strings.Builder
		start := true
		for _, r := range s {
			if start && unicode.IsLower(r) {
				r = unicode.ToUpper(r)
			}
			start = unicode.IsSpace(r)
			b.WriteRune(r)
		}
		return b.String()
	},
	"upper": func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(unicode.ToUpper(r)) // one rune for one: offsets hold (ß stays ß)
		}
		return b.String()
	},
}

// scoreRecasedEntities scores the entity model on title-cased and
// upper-cased copies of the CoNLL gold texts, annotated in-process like
// the originals (entities.title.f1, entities.upper.f1).
func scoreRecasedEntities(cmd *cobra.Command, o *evalOptions, gold []datasets.GoldDoc, report *evaluate.Report) error {
	var conll []datasets.GoldDoc
	for _, g := range gold {
		if g.HasEntities && g.Scheme == "conll" {
			conll = append(conll, g)
		}
	}
	if len(conll) == 0 || report.Entities == nil {
		return nil
	}
	tmp, err := os.MkdirTemp("", "newsnlp-eval-recased-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, name := range evaluate.Recasings {
		copies := make([]datasets.GoldDoc, len(conll))
		ids := map[string]bool{}
		for i, g := range conll {
			copies[i] = datasets.GoldDoc{ID: g.ID, Text: recasers[name](g.Text), Source: g.Source, Line: g.Line,
				Entities: g.Entities, HasEntities: true, Scheme: g.Scheme}
			ids[g.ID] = true
		}
		dir := filepath.Join(tmp, name)
		if err := annotateGold(cmd, o, copies, dir); err != nil {
			return err
		}
		preds, err := evaluate.LoadPredictions(dir, ids)
		if err != nil {
			return fmt.Errorf("eval: read %s-cased predictions: %w", name, err)
		}
		report.AddRecased(name, evaluate.Score(copies, preds).Entities)
	}
	return nil
}
