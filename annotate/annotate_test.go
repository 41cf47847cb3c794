package annotate

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

func newTestAnnotator(t testing.TB) *Annotator {
	t.Helper()
	a, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// spanText slices text by code point offsets, independently of the package's
// own conversion.
func spanText(runes []rune, start, end int) string {
	if start < 0 || end > len(runes) || start > end {
		return "<out of range>"
	}
	return string(runes[start:end])
}

// TestOffsetsSliceTheText checks the output contract on text where bytes and
// code points differ: é, curly quotes, emoji, CJK.
func TestOffsetsSliceTheText(t *testing.T) {
	texts := []string{
		"René Duval said “the river is rising” in Saint-Étienne.\n\nVolunteers from 华宁 handed out blankets 🙂 and left.",
		"Plain ASCII text. With two sentences.",
		"Zoë and José met in Peñas Altas — then 北京 and 東京.\n😀😀 Emoji start a line.",
	}
	a := newTestAnnotator(t)
	for _, text := range texts {
		d, err := a.Annotate(context.Background(), text, "")
		if err != nil {
			t.Fatal(err)
		}
		runes := []rune(text)
		if len(d.Tokens) == 0 {
			t.Fatalf("Annotate(%q): no tokens", text)
		}
		for _, tok := range d.Tokens {
			if got := spanText(runes, tok.Start, tok.End); got != tok.Text {
				t.Errorf("token %q at [%d,%d) slices to %q", tok.Text, tok.Start, tok.End, got)
			}
		}
		for _, m := range d.Mentions {
			if got := spanText(runes, m.Start, m.End); got != m.Text {
				t.Errorf("mention %q at [%d,%d) slices to %q", m.Text, m.Start, m.End, got)
			}
		}
		for _, s := range d.Sentences {
			got := spanText(runes, s.Start, s.End)
			if got == "" || strings.TrimSpace(got) != got {
				t.Errorf("sentence [%d,%d) = %q: empty or untrimmed", s.Start, s.End, got)
			}
		}
	}
}

// TestProseV2Regressions would fail on prose v2.0.0, which dropped the
// characters of contractions and gave every repeated word one tag.
func TestProseV2Regressions(t *testing.T) {
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), "Can't, won't.", "")
	if err != nil {
		t.Fatal(err)
	}
	var joined strings.Builder
	for _, tok := range d.Tokens {
		joined.WriteString(tok.Text)
	}
	if got, want := joined.String(), "Can't,won't."; got != want {
		t.Errorf("tokens of %q join to %q; want %q (every character kept)", "Can't, won't.", got, want)
	}

	d, err = a.Annotate(context.Background(), "They refuse to permit the refuse permit.", "")
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, tok := range d.Tokens {
		if tok.Text == "refuse" {
			tags = append(tags, tok.POS)
		}
	}
	if len(tags) != 2 || tags[0] == tags[1] {
		t.Errorf("tags of the two %q = %v; want two different tags (verb, noun)", "refuse", tags)
	}
	if len(tags) == 2 && (!strings.HasPrefix(tags[0], "VB") || !strings.HasPrefix(tags[1], "NN")) {
		t.Errorf("tags of the two %q = %v; want VB* then NN*", "refuse", tags)
	}
}

// sentencesOf annotates text and returns its sentences' texts, each after
// its zone when withZone is set.
func sentencesOf(t *testing.T, text string, withZone bool) []string {
	t.Helper()
	d, err := newTestAnnotator(t).Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	var out []string
	for _, s := range d.Sentences {
		line := spanText(runes, s.Start, s.End)
		if withZone {
			line = s.Zone + ": " + line
		}
		out = append(out, line)
	}
	return out
}

func TestSentencesNeverCrossBlankLinesOrZones(t *testing.T) {
	got := sentencesOf(t, "Council keeps the library open\n\nThe council voted on Monday\n\nto keep it open. Members agreed", true)
	want := []string{
		"title: Council keeps the library open",
		"body: The council voted on Monday",
		"body: to keep it open.",
		"body: Members agreed",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func TestInitialsDoNotEndSentences(t *testing.T) {
	got := sentencesOf(t, "Somerset were out for 174 (P. Simmons 4-38). George W. Bush spoke to Ms. White in St. Louis. "+
		"He took Plan B. Then he left. They met on Main St. The house is big.", false)
	want := []string{
		"Somerset were out for 174 (P. Simmons 4-38).",
		"George W. Bush spoke to Ms. White in St. Louis.",
		"He took Plan B.",
		"Then he left.",
		"They met on Main St.",
		"The house is big.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func TestHardWrappedLinesStayOneSentence(t *testing.T) {
	text := "The minister said on Tuesday that\nthe talks would resume in May.\nA new line starts here."
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) != 2 {
		t.Errorf("got %d sentences; want 2 (the wrapped line joins its sentence)", len(d.Sentences))
	}
}

func TestTokensBelongToTheirSentence(t *testing.T) {
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), "First one here. Second one there.\n\nThird paragraph.", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range d.Tokens {
		s := d.Sentences[tok.Sent]
		if tok.Start < s.Start || tok.End > s.End {
			t.Errorf("token %q [%d,%d) outside its sentence %d [%d,%d)", tok.Text, tok.Start, tok.End, tok.Sent, s.Start, s.End)
		}
	}
}

func TestMentionsOnlyInTitleDatelineAndBody(t *testing.T) {
	text := "Lavrov Meets Kerry In Geneva\n\nLavrov Meets Kerry In Geneva\n\nGENEVA — Sergei Lavrov met John Kerry in Geneva on Friday.\n\nYou may also like\n\nBarack Obama visits Paris"
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	zoneAt := func(pos int) string {
		for _, z := range d.Zones {
			if pos >= z.Start && pos < z.End {
				return z.Kind
			}
		}
		return ""
	}
	if len(d.Mentions) == 0 {
		t.Fatal("no mentions found")
	}
	for _, m := range d.Mentions {
		if z := zoneAt(m.Start); !nerZone(z) {
			t.Errorf("mention %q in zone %q", m.Text, z)
		}
	}
}

func TestSameNameSameEntity(t *testing.T) {
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), "Barack Obama spoke in Chicago. Later, Barack Obama left Chicago for Boston.", "")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]map[string]bool{}
	for _, m := range d.Mentions {
		if ids[m.Canonical] == nil {
			ids[m.Canonical] = map[string]bool{}
		}
		ids[m.Canonical][m.EntityID] = true
	}
	for name, set := range ids {
		if len(set) != 1 {
			t.Errorf("mentions of %q have entity ids %v; want one", name, set)
		}
	}
}

// TestDecomposedAccents: a name written with combining accents (e and a
// combining acute) is found like the composed one and is the same entity;
// its offsets still slice the text as written.
func TestDecomposedAccents(t *testing.T) {
	a := newTestAnnotator(t)
	text := "Jose\u0301 Garci\u0301a, the mayor of Madrid, said the bridge would open. José García said it again."
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	var people []string
	ids := map[string]bool{}
	for _, m := range d.Mentions {
		if m.Label == "PERSON" {
			people = append(people, spanText(runes, m.Start, m.End))
			ids[m.EntityID] = true
			if m.Canonical != "José García" {
				t.Errorf("canonical %q; want the composed José García", m.Canonical)
			}
		}
	}
	if want := []string{"Jose\u0301 Garci\u0301a", "José García"}; !cmp.Equal(people, want) || len(ids) != 1 {
		t.Errorf("PERSON mentions %q in %d entities; want %q, one entity", people, len(ids), want)
	}
}

func TestAnnotateHonoursCancellation(t *testing.T) {
	a := newTestAnnotator(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Annotate(ctx, "Some text.", ""); err == nil {
		t.Error("Annotate with a cancelled context returned no error")
	}
}

func TestNewRejectsUnknownNER(t *testing.T) {
	if _, err := New(Config{NER: "spacy"}); err == nil {
		t.Error(`New(Config{NER: "spacy"}) returned no error`)
	}
}

func TestDoubleApostrophesAreOneToken(t *testing.T) {
	a := newTestAnnotator(t)
	text := "''Yes,'' Mr. Berg said. ''It's the voters' choice.''"
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tok := range d.Tokens {
		got = append(got, tok.Text)
		if s := spanText([]rune(text), tok.Start, tok.End); s != tok.Text {
			t.Errorf("token %q at [%d,%d) slices the text as %q", tok.Text, tok.Start, tok.End, s)
		}
	}
	want := []string{"''", "Yes", ",", "''", "Mr.", "Berg", "said", ".", "''", "It", "'s", "the", "voters", "'", "choice", ".", "''"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens of %q (-want +got):\n%s", text, diff)
	}
}

// TestNewPreparer: the preparer runs the same stages before quotes as the
// full annotator, and no quotes stage.
func TestNewPreparer(t *testing.T) {
	p, err := NewPreparer(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Stages(), " "); strings.Contains(got, "quotes") {
		t.Errorf("preparer stages %q; want none of quotes", got)
	}
	text := "Anna Berg said the bridge in Harbourtown would open in May."
	a := newTestAnnotator(t)
	want, err := a.Prepare(text)
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Prepare(text)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(got.Mentions, want.Mentions) || !cmp.Equal(got.Tokens, want.Tokens) {
		t.Error("the preparer's Prepare differs from the annotator's")
	}
}

// TestTitleCaseHeadline: a headline in title case is read as running text
// by the entity model (issue #26's example gave ORG "Rebel Groups In
// Syria"), while a row of names in title case is left as it is.
func TestTitleCaseHeadline(t *testing.T) {
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), "United States Is Saving The Rebel Groups In Syria: Russia\n\nMoscow said on Monday that Washington was protecting the rebels.", "United States Is Saving The Rebel Groups In Syria: Russia")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range d.Mentions {
		if m.Sent == 0 {
			got = append(got, m.Text+"/"+m.Label)
		}
	}
	if want := []string{"United States/GPE", "Syria/GPE", "Russia/GPE"}; !cmp.Equal(got, want) {
		t.Errorf("headline entities %q; want %q", got, want)
	}
	words := strings.Fields("Manchester United Beat Arsenal")
	toks := make([]doc.Token, len(words))
	for i, w := range words {
		toks[i] = doc.Token{Text: w, POS: "NNP"}
	}
	toks[2].POS = "VBD"
	truecase(words, toks)
	if want := "Manchester United beat Arsenal"; strings.Join(words, " ") != want {
		t.Errorf("truecase: %q; want %q", strings.Join(words, " "), want)
	}
	row := []string{"Manchester", "United", "3", "Arsenal", "1", "Chelsea", "2"}
	rowToks := make([]doc.Token, len(row))
	for i, w := range row {
		rowToks[i] = doc.Token{Text: w, POS: "NNP"}
	}
	rowToks[2].POS, rowToks[4].POS, rowToks[6].POS = "CD", "CD", "CD"
	truecase(row, rowToks)
	if row[0] != "Manchester" {
		t.Errorf("a row of names was changed: %q", row)
	}
}
