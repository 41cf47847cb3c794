package annotate

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsnlp/newsnlp/annotate/doc"
)

// tinyCorpus is a training set written for this test: people visit places
// and work for organisations, in a few sentence patterns.
func tinyCorpus(t *testing.T) []NERSentence {
	t.Helper()
	b, err := NewNERExampleBuilder()
	if err != nil {
		t.Fatal(err)
	}
	people := []string{"Anna Berg", "Tomas Holm", "Lena Vik", "Omar Said", "Rita Lund", "Karl Ek"}
	places := []string{"Oslo", "Bergen", "Tromso", "Narvik", "Molde", "Alta"}
	orgs := []string{"Nordbank", "Fjordline", "Statkraft", "Vinmonopolet"}
	var out []NERSentence
	for i := 0; i < 60; i++ {
		p, l, o := people[i%len(people)], places[(i/2)%len(places)], orgs[i%len(orgs)]
		var text string
		var spans []LabeledSpan
		add := func(s, typ string) {
			start := len([]rune(text[:strings.Index(text, s)]))
			spans = append(spans, LabeledSpan{Start: start, End: start + len([]rune(s)), Type: typ})
		}
		switch i % 3 {
		case 0:
			text = fmt.Sprintf("%s visited %s on Monday.", p, l)
		case 1:
			text = fmt.Sprintf("%s works for %s in %s.", p, o, l)
			add(o, "ORG")
		default:
			text = fmt.Sprintf("In %s, %s said the plan was good.", l, p)
		}
		add(p, "PER")
		add(l, "LOC")
		out = append(out, b.Sentences(text, spans)...)
	}
	return out
}

func TestTrainNERLearnsATinyCorpus(t *testing.T) {
	data := tinyCorpus(t)
	if got := data[0].Tags(); !cmp.Equal(got, []string{"B-PER", "L-PER", "O", "U-LOC", "O", "O", "O"}) {
		t.Fatalf("first example tags = %v (tokens %v)", got, data[0].Tokens())
	}
	opts := NERTrainOptions{Bits: 14, Epochs: 8, Seed: 7}
	res, err := TrainNER(data[:48], data[48:], opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f1 := res.DevF1[res.BestEpoch-1]; f1 < 0.9 {
		t.Errorf("dev F1 on the tiny corpus = %.3f; want at least 0.9", f1)
	}
	again, err := TrainNER(data[:48], data[48:], opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(res.Model, again.Model) {
		t.Error("training twice with the same data and seed gave different bytes")
	}
	m, err := unmarshalNERModel(res.Model)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := NewNERExampleBuilder()
	s := b.Sentences("Karl Ek visited Narvik on Monday.", nil)[0]
	got := decodeSpans(m.predict(&s.sent, &nerScratch{}))
	want := []nerSpan{{0, 2, 0}, {3, 4, 2}}
	if !cmp.Equal(got, want, cmp.AllowUnexported(nerSpan{})) {
		t.Errorf("spans = %+v; want PER Karl Ek and LOC Narvik", got)
	}
}

func TestBILOU(t *testing.T) {
	spans := []nerSpan{{0, 1, 0}, {2, 5, 1}, {5, 7, 3}}
	tags := encodeSpans(8, spans)
	for i := range tags {
		prev := -1
		if i > 0 {
			prev = tags[i-1]
		}
		if !nerValid(prev, tags[i], i == len(tags)-1) {
			t.Errorf("tag %s after %s is invalid", tagName(tags[i]), tagName(prev))
		}
	}
	if got := decodeSpans(tags); !cmp.Equal(got, spans, cmp.AllowUnexported(nerSpan{})) {
		t.Errorf("decode(encode(%v)) = %v", spans, got)
	}
	if nerValid(nerTag(bilouB, 0), nerTag(bilouI, 1), false) || nerValid(-1, nerTag(bilouL, 0), false) || nerValid(0, nerTag(bilouB, 2), true) {
		t.Error("nerValid allows a transition BILOU forbids")
	}
}

func TestEmptyModelIsAnError(t *testing.T) {
	if _, err := unmarshalNERModel(nil); err != ErrNoNERModel {
		t.Errorf("err = %v; want ErrNoNERModel", err)
	}
	if _, err := unmarshalNERModel([]byte("not a model")); err == nil {
		t.Error("garbage accepted as a model")
	}
}

// mentionsWith runs the stages before NER on text, places the given model
// mentions (token ranges and CoNLL types), and runs the entities stage: a
// test of the rules alone, independent of the trained model.
func mentionsWith(t *testing.T, text string, model ...any) []string {
	t.Helper()
	a := newTestAnnotator(t)
	r := tokensOf(t, a, text)
	for i := 0; i < len(model); i += 3 {
		t0, t1, typ := model[i].(int), model[i+1].(int), model[i+2].(string)
		r.Mentions = append(r.Mentions, doc.Mention{Start: r.Tokens[t0].Start, End: r.Tokens[t1-1].End, Label: typ, Sent: r.Tokens[t0].Sent, Origin: "model", TokStart: t0, TokEnd: t1})
	}
	var out []string
	for _, m := range entitiesOf(a).entities(text, r) {
		out = append(out, fmt.Sprintf("%s %s %s %s", m.Text, m.Label, m.Origin, m.EntityID))
	}
	return out
}

func TestEntityRules(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		model []any
		want  []string
	}{
		{
			name:  "a title is not part of the name",
			text:  "Foreign Minister Erik Vand spoke.",
			model: []any{0, 4, "PER"},
			want:  []string{"Erik Vand PERSON model E1"},
		},
		{
			name:  "a headline names what the running text names",
			text:  "Vand Quits As Chief Of Norsk Fisk\n\nErik Vand left Norsk Fisk on Friday. Vand had led it since 2019.",
			model: []any{7, 9, "PER", 10, 12, "ORG", 15, 16, "PER"},
			want:  []string{"Vand PERSON rule E1", "Norsk Fisk ORG rule E2", "Erik Vand PERSON model E1", "Norsk Fisk ORG model E2", "Vand PERSON model E1"},
		},
		{
			name:  "only words the tagger calls names",
			text:  "Which Way For Europe?\n\nThe band Which played in Oslo.",
			model: []any{7, 8, "ORG"},
			want:  []string{"Europe GPE gazetteer E1", "Which ORG model E2", "Oslo GPE gazetteer E3"},
		},
		{
			name:  "not in running text",
			text:  "Erik Vand left. Later Vand spoke.",
			model: []any{0, 2, "PER"},
			want:  []string{"Erik Vand PERSON model E1"},
		},
		{
			name:  "Mr. before a surname",
			text:  "Mr. Vand spoke.",
			model: []any{0, 2, "PER"},
			want:  []string{"Vand PERSON model E1"},
		},
		{
			name:  "a name continues through particles",
			text:  "Fighters of Jund al Haqq al Watan withdrew.",
			model: []any{2, 3, "ORG"},
			want:  []string{"Jund al Haqq al Watan ORG model E1"},
		},
		{
			name:  "Miss before a name makes a person; the verb miss does not",
			text:  "Vand might miss Tarvo Nord on Monday. Miss Kessel spoke.",
			model: []any{0, 1, "PER", 3, 5, "LOC", 9, 10, "LOC"},
			want:  []string{"Vand PERSON model E1", "Tarvo Nord LOC model E2", "Kessel PERSON rule E3"},
		},
		{
			name:  "a first name and a surname the article writes alone as a person's",
			text:  "Backbencher Erik Vand spoke. Mr Vand left. Erik-Vand Consulting did not.",
			model: []any{1, 3, "ORG", 6, 7, "PER", 9, 12, "ORG"},
			want:  []string{"Erik Vand PERSON rule E1", "Vand PERSON model E1", "Erik-Vand Consulting ORG model E2"},
		},
		{
			name:  "a title inside a name: an organisation, then a person",
			text:  "Norsk Fisk Chairman Erik Vand spoke.",
			model: []any{0, 5, "ORG"},
			want:  []string{"Norsk Fisk ORG rule E1", "Erik Vand PERSON rule E2"},
		},
		{
			name:  "a title inside a name: a place the gazetteer lists, then a person",
			text:  "New York Senator Anna Berg spoke.",
			model: []any{0, 5, "ORG"},
			want:  []string{"New York GPE rule E1", "Anna Berg PERSON rule E2"},
		},
		{
			name:  "a minister's title: the words before it name the office",
			text:  "Education Secretary Anna Berg spoke in Oslo.",
			model: []any{0, 4, "ORG"},
			want:  []string{"Anna Berg PERSON rule E1", "Oslo GPE gazetteer E2"},
		},
		{
			name:  "a title word inside an organisation's name",
			text:  "Tarvo & General Trust and Vand Coach Lines rose.",
			model: []any{0, 4, "ORG", 5, 8, "ORG"},
			want:  []string{"Tarvo & General Trust ORG model E1", "Vand Coach Lines ORG model E2"},
		},
		{
			name:  "a bracket the mention does not close splits it; a pair inside stays",
			text:  "The Tarvo Nord Service (TNS) met Mladost (L) and the Liberal Democrats' leaders.",
			model: []any{1, 6, "ORG", 8, 12, "ORG", 14, 17, "ORG"},
			want:  []string{"Tarvo Nord Service ORG rule E1", "TNS ORG rule E1", "Mladost (L) ORG model E2", "Liberal Democrats ORG rule E3"},
		},
		{
			name:  "a particle starts a surname",
			text:  "Aisha bin Rashid arrived.",
			model: []any{0, 3, "PER"},
			want:  []string{"Aisha bin Rashid PERSON model E1"},
		},
		{
			name:  "never across a line break",
			text:  "Oslo\nBergen Council met on Friday.",
			model: []any{0, 3, "ORG"},
			want:  []string{"Oslo ORG rule E1", "Bergen Council ORG rule E2"}, // each part keeps the model's type
		},
		{
			name:  "a sentence's first The is not part of the name",
			text:  "The Northern Alliance has said it will talk.",
			model: []any{0, 3, "ORG"},
			want:  []string{"Northern Alliance ORG model E1"},
		},
		{
			name:  "a capital The inside a sentence is",
			text:  "Judges at The Hague ruled.",
			model: []any{2, 4, "LOC"},
			want:  []string{"The Hague LOC model E1"},
		},
		{
			name:  "a name never contains a quotation mark",
			text:  "“We won,” Berg said.",
			model: []any{1, 6, "PER"},
			want:  []string{"Berg PERSON rule E1"},
		},
		{
			name:  "a lower-case mention is dropped",
			text:  "The so-called plan failed.",
			model: []any{1, 2, "MISC"},
			want:  nil,
		},
		{
			name:  "the NAME group is an organisation",
			text:  "He met leaders of the Tarvo Nord group in May.",
			model: []any{5, 7, "LOC"},
			want:  []string{"Tarvo Nord ORG rule E1"},
		},
		{
			name:  "NAME group without the before it is an organisation",
			text:  "Troops fought the so-called Tarvo Nord group in May.",
			model: []any{4, 6, "LOC"},
			want:  []string{"Tarvo Nord ORG rule E1"},
		},
		{
			name:  "group NAME is an organisation",
			text:  "He joined the militant group Tarvo Nord in May.",
			model: []any{5, 7, "PER"},
			want:  []string{"Tarvo Nord ORG rule E1"},
		},
		{
			name:  "a listed place or a MISC adjective before a head noun keeps its label",
			text:  "Fans of the Moscow club and the Belgian club met.",
			model: []any{3, 4, "LOC", 7, 8, "MISC"},
			want:  []string{"Moscow GPE model E1", "Belgian NORP model E2"},
		},
		{
			name: "the NAME party the model missed",
			text: "Voters backed the Green Future party.",
			want: []string{"Green Future ORG rule E1"},
		},
		{
			name:  "LOC in the gazetteer is a GPE, elsewhere LOC",
			text:  "Rain fell on Paris and the Alps.",
			model: []any{3, 4, "LOC", 6, 7, "LOC"},
			want:  []string{"Paris GPE model E1", "Alps LOC model E2"},
		},
		{
			name:  "a listed country is a place, never a person or an organisation",
			text:  "England coach Anna Varga met US regulators.",
			model: []any{0, 1, "PER", 5, 6, "ORG"},
			want:  []string{"England GPE model E1", "US GPE model E2"},
		},
		{
			name:  "a listed organisation is never MISC",
			text:  "NATO ministers met.",
			model: []any{0, 1, "MISC"},
			want:  []string{"NATO ORG model E1"},
		},
		{
			name:  "a demonym is NORP; a team named after a city stays ORG",
			text:  "Russian fans watched Chicago beat Boston.",
			model: []any{0, 1, "MISC", 3, 4, "ORG", 5, 6, "ORG"},
			want:  []string{"Russian NORP model E1", "Chicago ORG model E2", "Boston ORG model E3"},
		},
		{
			name:  "one name, one label: the most confident mentions decide, ties the first",
			text:  "Millbrook said sales fell. Millbrook shares dropped. Analysts called Millbrook weak.",
			model: []any{0, 1, "ORG", 5, 6, "ORG", 11, 12, "PER"},
			want:  []string{"Millbrook ORG model E1", "Millbrook ORG model E1", "Millbrook ORG rule E1"},
		},
		{
			name:  "a surname of a person named in full is a person; a place is not",
			text:  "Anna Varga left Washington. The Varga plan failed. George Washington spoke.",
			model: []any{0, 2, "PER", 3, 4, "LOC", 6, 7, "MISC", 10, 12, "PER"},
			want:  []string{"Anna Varga PERSON model E1", "Washington GPE model E2", "Varga PERSON rule E1", "George Washington PERSON model E3"},
		},
		{
			name:  "trailing lower-case words are not part of a name",
			text:  "He told the BBC that it stood firm.",
			model: []any{3, 6, "ORG"},
			want:  []string{"BBC ORG model E1"},
		},
		{
			name: "the gazetteer adds what the model missed",
			text: "Talks in Geneva ended.",
			want: []string{"Geneva GPE gazetteer E1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mentionsWith(t, tt.text, tt.model...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("entities(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestClusters(t *testing.T) {
	a := newTestAnnotator(t)
	text := "Defence minister Marta Kessel visited the United States. Kessel said the US and the U.S. Navy agree. Mrs Kessel left. The Al-Nusra front and the Al Nusra fighters clashed with Jund al Haqq al Watan, a group known as Al Haqq al Watan."
	r := tokensOf(t, a, text)
	idx := func(word string, nth int) int {
		for i, tok := range r.Tokens {
			if tok.Text == word {
				if nth == 0 {
					return i
				}
				nth--
			}
		}
		t.Fatalf("no token %q", word)
		return -1
	}
	add := func(t0, t1 int, typ string) {
		r.Mentions = append(r.Mentions, doc.Mention{Start: r.Tokens[t0].Start, End: r.Tokens[t1-1].End, Label: typ, Sent: r.Tokens[t0].Sent, Origin: "model", TokStart: t0, TokEnd: t1})
	}
	add(idx("Marta", 0), idx("Marta", 0)+2, "PER")
	add(idx("United", 0), idx("United", 0)+2, "LOC")
	add(idx("Kessel", 1), idx("Kessel", 1)+1, "PER")
	add(idx("US", 0), idx("US", 0)+1, "LOC")
	add(idx("U.S.", 0), idx("U.S.", 0)+1, "LOC")
	add(idx("Kessel", 2), idx("Kessel", 2)+1, "PER")
	add(idx("Al-Nusra", 0), idx("Al-Nusra", 0)+1, "ORG")
	add(idx("Al", 0), idx("Al", 0)+2, "ORG")
	add(idx("Jund", 0), idx("Jund", 0)+5, "ORG")
	add(idx("Al", 1), idx("Al", 1)+4, "ORG")
	ms := entitiesOf(a).entities(text, r)
	byText := map[string][2]string{}
	for _, m := range ms {
		byText[m.Text] = [2]string{m.EntityID, m.Canonical}
	}
	same := func(canonical string, texts ...string) {
		t.Helper()
		id := byText[texts[0]][0]
		for _, x := range texts {
			if byText[x][0] != id || byText[x][1] != canonical {
				t.Errorf("%q: entity %v; want the entity of %q with canonical %q", x, byText[x], texts[0], canonical)
			}
		}
	}
	same("Marta Kessel", "Marta Kessel", "Kessel")
	same("United States", "United States", "US", "U.S.")
	same("Al-Nusra", "Al-Nusra", "Al Nusra")
	same("Jund al Haqq al Watan", "Jund al Haqq al Watan", "Al Haqq al Watan")
	if byText["Marta Kessel"][0] == byText["United States"][0] {
		t.Error("different entities share an id")
	}
}

// TestTrainedModel checks the embedded model on unambiguous sentences
// written for the test.
func TestTrainedModel(t *testing.T) {
	a := newTestAnnotator(t)
	tests := []struct{ text, want string }{
		{"Angela Merkel met Emmanuel Macron in Berlin on Tuesday.", "Angela Merkel/PERSON Emmanuel Macron/PERSON Berlin/GPE"},
		{"Shares of Microsoft rose after the company said profits grew.", "Microsoft/ORG"},
		{"The final was won by Roger Federer", "Roger Federer/PERSON"}, // a text's last token can end a name
	}
	for _, tt := range tests {
		d, err := a.Annotate(context.Background(), tt.text, "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range d.Mentions {
			got = append(got, m.Text+"/"+m.Label)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("mentions of %q = %v; want %s", tt.text, got, tt.want)
		}
	}
}

func TestProseNERStaysSelectable(t *testing.T) {
	a, err := New(Config{NER: NERProse})
	if err != nil {
		t.Fatal(err)
	}
	d, err := a.Annotate(context.Background(), "Barack Obama visited Paris.", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Mentions) == 0 {
		t.Error("prose's model found no mention")
	}
}

// tokensOf runs the zone and nlp stages over text.
func tokensOf(t *testing.T, a *Annotator, text string) *doc.Document {
	t.Helper()
	d := &doc.Document{Text: text}
	if err := a.run(context.Background(), d, a.stages[:2]); err != nil {
		t.Fatal(err)
	}
	return d
}

// entitiesOf is the Annotator's entities stage.
func entitiesOf(a *Annotator) *entitiesStage {
	for _, s := range a.stages {
		if e, ok := s.(*entitiesStage); ok {
			return e
		}
	}
	panic("no entities stage")
}

// TestHeadlineCased: the headline model reads sentences in capitals and
// title-case headlines; running text and rows of initialled names (which
// capitalise every word but no function word) stay with the main model.
func TestHeadlineCased(t *testing.T) {
	a := newTestAnnotator(t)
	for text, want := range map[string]bool{
		"Harbour Authority Denies Dumping Claims In Port Alvera": true,
		"ITALY BEAT WALES IN ROME":                               true,
		"The harbour authority denied the claims on Tuesday.":    false,
		"A Titterrell, D Bell, S Borthwick, A Hazell, M Dawson.": false,
		"Manchester United 3 Arsenal 1":                          false,
		"Erik Vand Joined Norsk Fisk":                            true, // a capitalised verb
	} {
		d := tokensOf(t, a, text)
		var words []string
		for _, tok := range d.Tokens {
			words = append(words, tok.Text)
		}
		if got := headlineCased(words, d.Tokens); got != want {
			t.Errorf("headlineCased(%q) = %v; want %v", text, got, want)
		}
	}
}

// A first name alone is the one person of that first name the article
// names in full; with two such people it is neither.
func TestFirstNameJoinsFullName(t *testing.T) {
	a := newTestAnnotator(t)
	for _, c := range []struct{ text, want string }{
		{"Steven Gerrard scored twice on Sunday. “Steven was superb,” said Rafael Benitez.", "Steven Gerrard"},
		{"Steven Gerrard and Steven Pienaar scored on Sunday. “Steven was superb,” said Rafael Benitez.", "Steven"},
	} {
		d, err := a.Annotate(context.Background(), c.text, "")
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, m := range d.Mentions {
			if m.Text == "Steven" {
				got = m.Canonical
			}
		}
		if got != c.want {
			t.Errorf("%q: Steven's canonical name %q; want %q", c.text, got, c.want)
		}
	}
}
