package pipeline

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
)

// docOf joins an article's input metadata with its annotations.
// lang is the article's language (its own field, else detected) and dupOf
// the doc_id whose text it repeats ("" for none).
func docOf(a *datasets.Article, d *doc.Document, lang, dupOf string) *output.Doc {
	return &output.Doc{
		DocID:       a.ID,
		Source:      a.Source,
		Record:      a.Record,
		Line:        a.Line,
		URL:         a.URL,
		Title:       a.Title,
		Author:      a.Author,
		Lang:        lang,
		Published:   a.Published,
		Meta:        a.Meta,
		Warnings:    a.Warnings,
		DuplicateOf: dupOf,
		Annotated:   d,
	}
}

// failedDocOf is the documents row of an article a stage failed on: its
// text alone, marked with WarningAnnotateFailed.
func failedDocOf(a *datasets.Article, lang string) *output.Doc {
	d := docOf(a, doc.Unannotated(a.Text), lang, "")
	d.Warnings = append(slices.Clip(a.Warnings), WarningAnnotateFailed)
	return d
}

// readErrorRow is the errors row of a record that could not be read.
func readErrorRow(e *datasets.RecordError) output.ErrorRow {
	msg := e.Err.Error()
	if e.Field != "" {
		msg = "field " + quote(e.Field) + ": " + msg
	}
	return output.ErrorRow{
		Source:  e.Source,
		Record:  e.Record,
		Line:    e.Line,
		DocID:   optString(e.ID),
		Stage:   "read",
		Kind:    e.Kind,
		Error:   msg,
		Excerpt: e.Excerpt,
	}
}

// stageErrorRow is the errors row of an article a stage failed on.
func stageErrorRow(a *datasets.Article, err error) output.ErrorRow {
	stage := "annotate"
	var se *annotate.StageError
	if errors.As(err, &se) {
		stage = se.Stage
	}
	ex := a.Text
	if len(ex) > 200 {
		ex = strings.ToValidUTF8(ex[:200], "") + "…"
	}
	return output.ErrorRow{
		Source:  a.Source,
		Record:  a.Record,
		Line:    a.Line,
		DocID:   optString(a.ID),
		Stage:   stage,
		Kind:    stageKind(err),
		Error:   err.Error(),
		Excerpt: ex,
	}
}

func stageKind(err error) string {
	var se *annotate.StageError
	if errors.As(err, &se) && se.Panic {
		return "panic"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return "annotate"
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func quote(s string) string { return `"` + s + `"` }

// OpenTable reads Parquet input for datasets (datasets.Options.OpenTable)
// with output's Parquet library.
func OpenTable(r io.ReaderAt, size int64) (datasets.TableRows, error) {
	t, err := output.OpenTable(r, size)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// OpenCorpus opens the inputs for Run (none: the embedded sample), Parquet
// input read with output's Parquet library.
func OpenCorpus(inputs []string, opts datasets.Options) (*datasets.Corpus, error) {
	opts.OpenTable = OpenTable
	if len(inputs) == 0 {
		return datasets.OpenSample(opts), nil
	}
	return datasets.Open(inputs, opts)
}
