package report_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/output"
	"github.com/newsnlp/newsnlp/report"
)

// TestWriteEscapes renders a page whose every text field holds markup and
// checks that none of it survives unescaped: html/template escapes by
// context, attributes and SVG included.
func TestWriteEscapes(t *testing.T) {
	evil := `<script>alert(1)</script>"' onmouseover="x`
	text := []rune("Anna " + evil + " spoke.")
	d := &report.Data{
		Dir:       evil,
		Speakers:  []report.SpeakerCount{{Name: evil, Claims: 2, Denials: 1}},
		Entities:  map[string][]report.NameCount{"PERSON": {{Name: evil, Count: 3}}},
		Labels:    []string{"PERSON"},
		Sources:   []report.SourceCount{{Source: evil, Docs: 1}},
		Errors:    []output.ErrorRow{{Source: evil, Error: evil, Excerpt: evil}},
		NErrors:   1,
		NDocs:     1,
		HasTables: map[string]bool{output.TableQuotes: true, output.TableEntities: true},
		Docs: []*output.DocView{{ID: evil, Title: evil, Text: text,
			Zones:    []output.ZoneRow{{Kind: "body", End: int32(len(text))}},
			Entities: []output.EntityRow{{Start: 0, End: 4, Label: "PERSON", Canonical: evil}},
			Quotes:   []output.QuoteRow{{Content: evil, Label: "claim", Kind: "direct", SpeakerResolution: "name"}},
		}},
	}
	var b bytes.Buffer
	if err := report.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, "<script"); n != 3 {
		t.Errorf("page has %d <script> tags; want its own three (chart data, Chart.js, its script)", n)
	}
	if strings.Contains(page, "<script>alert") || strings.Count(page, "</script>") != 3 {
		t.Errorf("markup escaped into a script")
	}
	if strings.Contains(page, `onmouseover="x`) || strings.Contains(page, "ZgotmplZ") {
		t.Errorf("markup escaped its context:\n%s", page)
	}
	for _, want := range []string{`id="chart-speakers"`, `data-label="PERSON"`, "Errors (1)"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestSpeakersByKey: the top-speaker table counts a speaker by
// speaker_key, under the canonical name the speaker has most often.
func TestSpeakersByKey(t *testing.T) {
	dir := t.TempDir()
	w, err := output.Create(dir, "test", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Gordon Brown said it. Chancellor Gordon Brown said it. Brown said it."
	quote := func(canonical, key string) doc.Quote {
		return doc.Quote{Kind: doc.KindIndirect, Content: doc.Span{Start: 0, End: 2, Text: "Go"}, SpeakerCanonical: canonical,
			SpeakerKey: key, SpeakerResolution: doc.ResolvedName, Label: doc.LabelClaim, ReportType: doc.ReportSpeech}
	}
	d := &doc.Document{Text: text, Quotes: []doc.Quote{
		quote("Gordon Brown", "gordon brown"), quote("Chancellor Gordon Brown", "gordon brown"),
		quote("Gordon Brown", "gordon brown"), quote("Anna Berg", "anna berg"),
	}}
	if err := w.WriteDoc(&output.Doc{DocID: "d1", Source: "test", Record: 1, Annotated: d}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	data, err := report.Build(dir, report.Options{Top: 5})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range data.Speakers {
		got = append(got, fmt.Sprintf("%s %d", s.Name, s.Claims))
	}
	if want := "Gordon Brown 3; Anna Berg 1"; strings.Join(got, "; ") != want {
		t.Errorf("speakers %q; want %q", got, want)
	}
}
