package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/output"
	"github.com/newsnlp/newsnlp/report"
)

// writeCorpus writes an output of articles a day apart, each with a topic
// in meta, in which Anna Berg denies and claims things about Acme.
func writeCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	w, err := output.Create(dir, "test", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Anna Berg denied that Acme cut jobs. She said Acme would grow."
	for i := 0; i < n; i++ {
		d := &doc.Document{Text: text,
			Sentences: []doc.Sentence{{Start: 0, End: 36, Zone: "body"}, {Start: 37, End: 62, Zone: "body"}},
			Mentions: []doc.Mention{
				{Start: 0, End: 9, Text: "Anna Berg", Label: "PERSON", EntityID: "E1", Canonical: "Anna Berg", Key: "anna berg", Origin: "model"},
				{Start: 22, End: 26, Text: "Acme", Label: "ORG", EntityID: "E2", Canonical: "Acme", Key: "acme", Origin: "model"},
				{Start: 46, End: 50, Text: "Acme", Label: "ORG", EntityID: "E2", Canonical: "Acme", Key: "acme", Origin: "model", Sent: 1},
			},
			Quotes: []doc.Quote{
				{Kind: doc.KindIndirect, Content: doc.Span{Start: 17, End: 35, Text: "that Acme cut jobs"}, Cue: doc.Span{Start: 10, End: 16, Text: "denied"},
					Speaker: doc.Span{Start: 0, End: 9, Text: "Anna Berg"}, SpeakerCanonical: "Anna Berg", SpeakerKey: "anna berg",
					SpeakerResolution: doc.ResolvedName, Label: doc.LabelDenial, ReportType: doc.ReportSpeech},
				{Kind: doc.KindIndirect, Content: doc.Span{Start: 46, End: 61, Text: "Acme would grow"}, Cue: doc.Span{Start: 41, End: 45, Text: "said"},
					Speaker: doc.Span{Start: 37, End: 40, Text: "She"}, SpeakerCanonical: "Anna Berg", SpeakerKey: "anna berg",
					SpeakerResolution: doc.ResolvedPronoun, Label: doc.LabelClaim, ReportType: doc.ReportSpeech, Sent: 1},
			}}
		pub := time.Date(2026, 3, 1+i, 12, 0, 0, 0, time.UTC)
		meta := `{"topic":"business"}`
		if i%2 == 1 {
			meta = `{"topic":["politics","business"]}`
		}
		id := string(rune('a' + i))
		if err := w.WriteDoc(&output.Doc{DocID: id, Source: "test", Record: int64(i + 1), Published: &pub, Meta: meta, Annotated: d}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
}

func TestSpeakerPagesTimelineAndBy(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, 6)
	d, err := report.Build(dir, report.Options{Top: 5, MaxDocs: 2, MaxErrors: 5, By: "topic", Statements: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Speakers) != 1 {
		t.Fatalf("speakers %+v", d.Speakers)
	}
	s := d.Speakers[0]
	if s.Name != "Anna Berg" || s.Claims != 6 || s.Denials != 6 || s.Anchor != "speaker-1" {
		t.Errorf("speaker %s: %d claims, %d denials, anchor %s", s.Name, s.Claims, s.Denials, s.Anchor)
	}
	// Every article repeats the same two statements: one of each is shown,
	// the denial first, with its sentence and a link to a loaded article.
	if len(s.Statements) != 2 || s.Statements[0].Label != doc.LabelDenial || s.Statements[1].Label != doc.LabelClaim {
		t.Fatalf("statements %+v", s.Statements)
	}
	if got := s.Statements[1].Sentence; got != "She said Acme would grow." {
		t.Errorf("the claim's sentence is %q", got)
	}
	linked := map[string]bool{}
	for _, v := range d.Docs {
		linked[report.ArticleAnchor(v.ID)] = true
	}
	for _, st := range s.Statements {
		if st.Article == "" || !linked[st.Article] {
			t.Errorf("statement in %s links to %q, not to an article the page shows", st.DocID, st.Article)
		}
	}
	if len(s.Topics) != 1 || s.Topics[0] != (report.NameCount{Name: "Acme", Count: 12}) {
		t.Errorf("topics %+v; want Acme 12 (her own name left out)", s.Topics)
	}
	// Six days: a daily timeline, one claim and one denial a day.
	tl := d.Timeline
	if tl == nil || tl.Unit != "day" || len(tl.Labels) != 6 || tl.Labels[0] != "2026-03-01" || tl.Claims[5] != 1 || tl.Denials[0] != 1 {
		t.Fatalf("timeline %+v", tl)
	}
	if len(tl.Entities) == 0 || tl.Entities[0].Name != "Acme" || tl.Entities[0].Values[2] != 2 {
		t.Errorf("timeline entities %+v", tl.Entities)
	}
	if len(s.Periods) != 6 || s.Periods[3] != 2 {
		t.Errorf("speaker periods %v", s.Periods)
	}
	// By topic: a list counts under each value.
	b := d.ByField
	if b == nil || len(b.Rows) != 2 || b.Rows[0] != (report.FieldRow{Value: "business", Docs: 6, Claims: 6, Denials: 6}) ||
		b.Rows[1] != (report.FieldRow{Value: "politics", Docs: 3, Claims: 3, Denials: 3}) {
		t.Fatalf("by topic %+v", b)
	}
	var page bytes.Buffer
	if err := report.Write(&page, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="speaker-1"`, `href="#speaker-1"`, `href="#` + s.Statements[0].Article + `"`, `id="` + s.Statements[0].Article + `"`,
		`id="chart-time"`, `id="chart-speaker-1"`, `id="chart-by"`, "By topic"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

// A timeline picks its unit from the span of the dates.
func TestTimelineUnits(t *testing.T) {
	for _, tc := range []struct {
		days int
		unit string
	}{{40, "day"}, {300, "week"}, {1000, "month"}} {
		dir := t.TempDir()
		w, err := output.Create(dir, "test", output.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, day := range []int{0, tc.days} {
			pub := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day)
			if err := w.WriteDoc(&output.Doc{DocID: string(rune('a' + i)), Source: "t", Published: &pub, Annotated: doc.Unannotated("x")}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.Close(nil); err != nil {
			t.Fatal(err)
		}
		d, err := report.Build(dir, report.Options{Top: 3})
		if err != nil {
			t.Fatal(err)
		}
		if d.Timeline == nil || d.Timeline.Unit != tc.unit {
			t.Errorf("%d days: timeline %+v; want unit %s", tc.days, d.Timeline, tc.unit)
		}
	}
}

// The denials section keeps a source's denials apart from the outlet's.
func TestDenialsSection(t *testing.T) {
	dir := t.TempDir()
	w, err := output.Create(dir, "test", output.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "No, The Lighthouse Is Not For Sale"
	d := &doc.Document{Text: text, Sentences: []doc.Sentence{{Start: 0, End: len(text), Zone: "body"}},
		Quotes: []doc.Quote{{Kind: doc.KindAuthor, Content: doc.Span{Start: 4, End: len(text), Text: text[4:]}, Cue: doc.Span{Start: 0, End: 2, Text: "No"},
			SpeakerResolution: doc.ResolvedAuthor, Label: doc.LabelDenial, ReportType: doc.ReportSpeech, Confidence: 0.8}}}
	if err := w.WriteDoc(&output.Doc{DocID: "h1", Source: "t", Annotated: d}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	data, err := report.Build(dir, report.Options{Top: 5, MaxDocs: 5})
	if err != nil {
		t.Fatal(err)
	}
	if data.Denials.NOutlet != 1 || data.Denials.NAttributed != 0 || len(data.Denials.Outlet) != 1 || data.Denials.Outlet[0].Article == "" {
		t.Fatalf("denials %+v", data.Denials)
	}
	var page bytes.Buffer
	if err := report.Write(&page, data); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="denials"`, "own voice", "The Lighthouse Is Not For Sale"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("page lacks %s", want)
		}
	}
}
