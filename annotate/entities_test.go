package annotate

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/jdkato/prose/v3/tokenize"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

func TestNameKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Al-Nusra", "al nusra"},
		{"Al Nusra", "al nusra"},
		{"U.S.", "u s"},
		{"O'Brien", "obrien"},
		{"O’Brien", "obrien"},
		{"  Sergei   LAVROV ", "sergei lavrov"},
		{"-Ban Ki-moon.", "ban ki moon"},
		{"Élysée\tPalace", "élysée palace"},
		{"E\u0301lyse\u0301e Palace", "élysée palace"}, // decomposed accents
		{"", ""},
		{"-.-", ""},
	} {
		if got := english.NameKey(c.in); got != c.want {
			t.Errorf("english.NameKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWordShape(t *testing.T) {
	for _, c := range []struct {
		in     string
		maxRun int
		want   string
	}{
		{"Lavrov", 3, "Xxxx"},
		{"Lavrov", 1, "Xx"},
		{"NATO", 3, "XXX"},
		{"1990s", 3, "dddx"},
		{"U.S.", 3, "X.X."},
		{"Al-Nusra", 1, "Xx-Xx"},
		{"Élysée", 3, "Xxxx"},
		{"", 3, ""},
		{"antidisestablishmentarianism-and-counter-revolutionaries", 3, "xxx-xxx-xxx-xxx"},
		{"«Привет»", 3, "«Xxxx»"},
	} {
		if got := wordShape(c.in, c.maxRun); got != c.want {
			t.Errorf("wordShape(%q, %d) = %q, want %q", c.in, c.maxRun, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { wordShape("Lavrov", 3) }); n != 0 {
		t.Errorf("wordShape of a common shape allocates %v times", n)
	}
}

// TestTitledAndSurnamePersons: a name written after Mr is a person's
// wherever the model took it for a place; a one-word place that is the
// surname of a person named in full is the person, unless the gazetteer
// knows the place.
func TestTitledAndSurnamePersons(t *testing.T) {
	words := []string{"Mikhail", "Khodorkovsky", "met", "Mr", "Lebedev", "in", "Moscow", ".", "Lebedev", "and",
		"Khodorkovsky", "left", "George", "Washington", "for", "Washington", "."}
	d := &doc.Document{}
	for i, w := range words {
		d.Tokens = append(d.Tokens, doc.Token{Start: i * 20, End: i*20 + len(w), Text: w})
	}
	mention := func(i int, label string) doc.Mention {
		return doc.Mention{Text: words[i], Label: label, TokStart: i, TokEnd: i + 1}
	}
	ms := []doc.Mention{
		{Text: "Mikhail Khodorkovsky", Label: "PERSON", TokStart: 0, TokEnd: 2},
		mention(4, "LOC"), mention(6, "GPE"), mention(8, "LOC"), mention(10, "LOC"),
		{Text: "George Washington", Label: "PERSON", TokStart: 12, TokEnd: 14},
		mention(15, "GPE"),
	}
	g, err := loadGazetteer(tokenize.New())
	if err != nil {
		t.Fatal(err)
	}
	titledPersons(d, ms)
	surnameLabels(ms, g)
	var got []string
	for _, m := range ms {
		got = append(got, m.Text+"/"+m.Label)
	}
	want := []string{"Mikhail Khodorkovsky/PERSON", "Lebedev/PERSON", "Moscow/GPE", "Lebedev/PERSON", "Khodorkovsky/PERSON",
		"George Washington/PERSON", "Washington/GPE"}
	if !cmp.Equal(got, want) {
		t.Errorf("labels %v; want %v", got, want)
	}
}

// TestJoinOfNames: an organisation split at "of" or "for" is one name;
// an organisation of a place, a member for a constituency and two names
// joined by "and" stay apart.
func TestJoinOfNames(t *testing.T) {
	words := strings.Fields("the Commission for Racial Equality , Real Madrid of Spain , the Labour MP for Birkenhead , Microsoft and Google")
	d := &doc.Document{}
	for i, w := range words {
		d.Tokens = append(d.Tokens, doc.Token{Start: i * 20, End: i*20 + len(w), Text: w})
	}
	m := func(a, b int, label string) doc.Mention {
		return doc.Mention{Start: a * 20, End: (b-1)*20 + len(words[b-1]), Label: label, TokStart: a, TokEnd: b}
	}
	ms := []doc.Mention{m(1, 2, "ORG"), m(3, 5, "MISC"), m(6, 8, "ORG"), m(9, 10, "LOC"), m(12, 14, "ORG"), m(15, 16, "ORG"),
		m(17, 18, "ORG"), m(19, 20, "ORG")}
	var got []string
	for _, x := range joinOfNames(d, ms) {
		got = append(got, strings.Join(words[x.TokStart:x.TokEnd], " "))
	}
	want := []string{"Commission for Racial Equality", "Real Madrid", "Spain", "Labour MP", "Birkenhead", "Microsoft", "Google"}
	if !cmp.Equal(got, want) {
		t.Errorf("joined %q; want %q", got, want)
	}
}

// TestJoinAcrossLabels: a name of two words or more that ends a fuller
// name, mentioned more often, takes its label and entity; a name after
// "of", a surname after a first name and a name as often mentioned as the
// fuller one keep theirs.
func TestJoinAcrossLabels(t *testing.T) {
	g, err := loadGazetteer(tokenize.New())
	if err != nil {
		t.Fatal(err)
	}
	a := &entitiesStage{gaz: g}
	m := func(text, label string) doc.Mention { return doc.Mention{Text: text, Label: label} }
	ms := []doc.Mention{
		m("Jabhat al Fateh al Sham", "ORG"), m("Jabhat al Fateh al Sham", "ORG"), m("Al Fateh al Sham", "PERSON"),
		m("Police Service of Northern Ireland", "ORG"), m("Police Service of Northern Ireland", "ORG"), m("Northern Ireland", "GPE"),
		m("Arjan De Zeeuw", "MISC"), m("Arjan De Zeeuw", "MISC"), m("De Zeeuw", "PERSON"),
		m("Swiss Army Knife", "MISC"), m("Army Knife", "ORG"),
	}
	a.cluster(ms, nil)
	var got []string
	for _, x := range ms {
		got = append(got, x.Text+"/"+x.Label+"/"+x.EntityID)
	}
	want := []string{
		"Jabhat al Fateh al Sham/ORG/E1", "Jabhat al Fateh al Sham/ORG/E1", "Al Fateh al Sham/ORG/E1",
		"Police Service of Northern Ireland/ORG/E2", "Police Service of Northern Ireland/ORG/E2", "Northern Ireland/GPE/E3",
		"Arjan De Zeeuw/MISC/E4", "Arjan De Zeeuw/MISC/E4", "De Zeeuw/PERSON/E5",
		"Swiss Army Knife/MISC/E6", "Army Knife/ORG/E7",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
}

// spacedTokens are text's words as tokens, one space apart (byte offsets),
// tagged DT for a/the and NNP otherwise.
func spacedTokens(text string) []doc.Token {
	var toks []doc.Token
	pos := 0
	for _, w := range strings.Fields(text) {
		tag := "NNP"
		if l := strings.ToLower(w); l == "the" || l == "a" {
			tag = "DT"
		}
		toks = append(toks, doc.Token{Start: pos, End: pos + len(w), Text: w, POS: tag})
		pos += len(w) + 1
	}
	return toks
}

// TestSplitAtLowerWords: a run of names the model read as one is split
// at the lower-case words inside it; a part after a role is a person and
// runs on to the end of the name, a part the gazetteer knows takes its
// type, and link words and particles stay inside names.
func TestSplitAtLowerWords(t *testing.T) {
	g, err := loadGazetteer(tokenize.New())
	if err != nil {
		t.Fatal(err)
	}
	a := &entitiesStage{gaz: g}
	for _, c := range []struct {
		text     string
		from, to int // the model's mention, in words
		label    string
		want     []string
	}{
		{"BBC political editor Andrew Marr said", 0, 5, "ORG", []string{"BBC/ORG", "Andrew Marr/PER"}},
		{"Harbour Bank economist Dana Cole said", 1, 4, "ORG", []string{"Bank/ORG", "Dana Cole/PER"}},
		{"Lib Dem leader Charles Kennedy said", 0, 5, "PER", []string{"Lib Dem/ORG", "Charles Kennedy/PER"}},
		{"the US energy firm Enron fell", 1, 5, "ORG", []string{"US/LOC", "Enron/ORG"}},
		{"the Bank of England raised", 1, 4, "ORG", []string{"Bank of England/ORG"}},
		{"Medecins sans Frontieres said", 0, 3, "ORG", []string{"Medecins sans Frontieres/ORG"}},
		{"Gone with the Wind won", 0, 4, "MISC", []string{"Gone with the Wind/MISC"}},
		{"the Islamic State and Tarvo al Nord group", 1, 7, "ORG", []string{"Islamic State/ORG", "Tarvo al Nord/ORG"}},
		{"Marks and Spencer said", 0, 3, "ORG", []string{"Marks and Spencer/ORG"}},
	} {
		toks := spacedTokens(c.text)
		m := doc.Mention{Start: toks[c.from].Start, End: toks[c.to-1].End, Label: c.label, TokStart: c.from, TokEnd: c.to, Origin: doc.OriginModel}
		var got []string
		for _, p := range a.splitAtLowerWords(c.text, toks, m) {
			got = append(got, c.text[p.Start:p.End]+"/"+p.Label)
		}
		if !cmp.Equal(got, c.want) {
			t.Errorf("%q split into %q; want %q", c.text, got, c.want)
		}
	}
}

// TestExtendOverOfHeads: a name after "of" or "for" takes the head noun
// the model left out, with the capitalised words before it but not a
// determiner; a head in another mention, a person and a word that heads
// no organisation are left alone.
func TestExtendOverOfHeads(t *testing.T) {
	for _, c := range []struct {
		text     string
		from, to int
		label    string
		want     string
	}{
		{"The Office for National Statistics said", 3, 5, "ORG", "Office for National Statistics/ORG"},
		{"A Department for Education spokesman said", 3, 4, "MISC", "Department for Education/ORG"},
		{"the Higher Education Funding Council for England said", 6, 7, "GPE", "Higher Education Funding Council for England/ORG"},
		{"a friend of Anna Berg said", 3, 5, "PER", "Anna Berg/PER"},
		{"the Battle of Hastings ended", 3, 4, "LOC", "Hastings/LOC"},
	} {
		d := &doc.Document{Tokens: spacedTokens(c.text)}
		m := doc.Mention{Start: d.Tokens[c.from].Start, End: d.Tokens[c.to-1].End, Label: c.label, TokStart: c.from, TokEnd: c.to}
		got := extendOverOfHeads(c.text, d, []doc.Mention{m})[0]
		if g := c.text[got.Start:got.End] + "/" + got.Label; g != c.want {
			t.Errorf("%q: %s; want %s", c.text, g, c.want)
		}
	}
	// Names the model made of the head and the words before it are joined
	// in, unless one is an organisation's or a person's own.
	type span struct {
		from, to int // words
		label    string
	}
	for _, c := range []struct {
		text  string
		spans []span // the model's mentions
		want  []string
	}{
		{"The Syrian Observatory for Human Rights said", []span{{1, 2, "NORP"}, {2, 3, "LOC"}, {4, 6, "MISC"}}, []string{"Syrian Observatory for Human Rights"}},
		{"the Member of Parliament for Sheffield Brightside said", []span{{3, 4, "ORG"}, {5, 7, "GPE"}}, []string{"Parliament", "Sheffield Brightside"}},
	} {
		d := &doc.Document{Tokens: spacedTokens(c.text)}
		var ms []doc.Mention
		for _, sp := range c.spans {
			ms = append(ms, doc.Mention{Start: d.Tokens[sp.from].Start, End: d.Tokens[sp.to-1].End, Label: sp.label, TokStart: sp.from, TokEnd: sp.to})
		}
		var got []string
		for _, m := range extendOverOfHeads(c.text, d, ms) {
			got = append(got, c.text[m.Start:m.End])
		}
		if !cmp.Equal(got, c.want) {
			t.Errorf("%q: %q; want %q", c.text, got, c.want)
		}
	}
}

// TestPersonTitle: the title or role before a person's name, ending in a
// role noun, past an honorific; none for an honorific alone or a
// modifier without its role.
func TestPersonTitle(t *testing.T) {
	for _, c := range []struct {
		text     string
		from, to int
		want     string
	}{
		{"Foreign Minister Sergei Lavrov said", 2, 4, "Foreign Minister"},
		{"Deputy Prime Minister John Prescott said", 3, 5, "Deputy Prime Minister"},
		{"former President Bill Clinton said", 2, 4, "former President"},
		{"Tory MP Boris Johnson said", 2, 4, "MP"},
		{"Home Secretary Mr Straw said", 3, 4, "Home Secretary"},
		{"economist Dana Cole said", 1, 3, "economist"},
		{"Mr Blair said", 1, 2, ""},
		{"the former Bill Clinton said", 2, 4, ""},
		{"Anna Berg said", 0, 2, ""},
	} {
		if got := personTitle(spacedTokens(c.text), doc.Mention{TokStart: c.from, TokEnd: c.to, Label: "PERSON"}); got != c.want {
			t.Errorf("%q: title %q; want %q", c.text, got, c.want)
		}
	}
}

// TestOutputLabel: the model's type decides, except that a nationality or
// party the gazetteer lists is no person (Tory leader Michael Howard), a
// party is an organisation under every name, and a listed organisation is
// never a place.
func TestOutputLabel(t *testing.T) {
	g, err := loadGazetteer(tokenize.New())
	if err != nil {
		t.Fatal(err)
	}
	a := &entitiesStage{gaz: g}
	for _, c := range []struct{ model, text, want string }{
		{"PER", "Tory", "ORG"},
		{"MISC", "Conservatives", "ORG"},
		{"ORG", "Lib Dems", "ORG"},
		{"MISC", "The Labour Party", "ORG"},
		{"PER", "British", "NORP"},
		{"PER", "Michael Howard", "PERSON"},
		{"ORG", "Chicago", "ORG"},
		{"LOC", "France", "GPE"},
		{"MISC", "Russian", "NORP"},
		{"MISC", "Guardian", "ORG"},
		{"LOC", "Wall Street Journal", "ORG"},
		{"PER", "Emily Post", "PERSON"},
	} {
		if got := a.outputLabel(c.model, c.text); got != c.want {
			t.Errorf("outputLabel(%s, %q) = %s; want %s", c.model, c.text, got, c.want)
		}
	}
}

// TestAcronyms: an acronym the article defines takes its expansion's
// canonical name and one label with it.
func TestAcronyms(t *testing.T) {
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), "The Office for National Statistics (ONS) said prices rose. The ONS said wages fell. The IMF (International Monetary Fund) was silent.", "")
	if err != nil {
		t.Fatal(err)
	}
	var ons []string
	for _, m := range d.Mentions {
		if m.Text == "ONS" || m.Text == "Office for National Statistics" {
			ons = append(ons, m.Text+"/"+m.Label+"/"+m.Canonical+"/"+m.EntityID)
		}
	}
	if len(ons) != 3 || ons[1] != strings.Replace(ons[0], "Office for National Statistics/", "ONS/", 1) || ons[1] != ons[2] {
		t.Errorf("mentions %q; want the expansion and both ONS with one label, canonical and entity", ons)
	}
	// An acronym used without a definition stands for the organisation
	// named before it that it spells out.
	d, err = a.Annotate(context.Background(), "The National Audit Office said costs rose. The NAO said the plan failed. The Syrian Observatory for Human Rights (SOHR) counted 20 dead. SOHR said the attacks went on.", "")
	if err != nil {
		t.Fatal(err)
	}
	canon := map[string]string{}
	for _, m := range d.Mentions {
		canon[m.Text] = m.Canonical
	}
	if canon["NAO"] != "National Audit Office" || canon["SOHR"] != "Syrian Observatory for Human Rights" {
		t.Errorf("canonical names %q; want NAO and SOHR spelled out", canon)
	}
	for _, c := range []struct {
		words, acr string
		want       bool
	}{{"National Audit Office", "NAO", true}, {"Audit Office", "NAO", false}, {"US Secretary", "US", false}, {"Office", "O", false}} {
		if got := initialsAre(strings.Fields(c.words), c.acr); got != c.want {
			t.Errorf("initialsAre(%q, %s) = %v; want %v", c.words, c.acr, got, c.want)
		}
	}
	for _, c := range []struct {
		words string
		acr   string
		want  bool
	}{{"Office for National Statistics", "ONS", true}, {"US Securities and Exchange Commission", "SEC", true},
		{"General Motors", "GM", true}, {"General Motors", "GMC", false}, {"Monetary Policy Committee", "MP", false}} {
		if got := initialsEnd(strings.Fields(c.words), c.acr); got != c.want {
			t.Errorf("initialsEnd(%q, %s) = %v; want %v", c.words, c.acr, got, c.want)
		}
	}
}

// TestRepairSpanEdges: a title alone runs on to the name after it, a
// person's name stops at "of", and a headline's verb is no part of a name.
func TestRepairSpanEdges(t *testing.T) {
	for _, tc := range []struct {
		words      []string
		start, end int
		label      string
		want       string
	}{
		{[]string{"''", "Yes", ",", "''", "Mr.", "Berg", "said", "."}, 4, 5, "ORG", "Berg/PER"}, // the title is then trimmed
		{[]string{"Mr.", "Berg", "of", "the", "Harbour", "Club", "said", "."}, 0, 6, "PER", "Berg/PER"},
		{[]string{"Pop", "Star", "Lena", "Varga", "Slams", "Rumors", "Of", "A", "Split"}, 0, 5, "ORG", "Pop Star Lena Varga/ORG"},
		{[]string{"She", "has", "won", "three", "Grand", "Slams", "."}, 4, 6, "MISC", "Grand Slams/MISC"},
		{[]string{"England", "lost", "in", "the", "Six", "Nations", "."}, 5, 6, "MISC", "Six Nations/MISC"},
		{[]string{"A", "BBC", "spokeswoman", "said", "."}, 0, 2, "ORG", "BBC/ORG"},
		{[]string{"A", "BBC", "spokeswoman", "said", "."}, 0, 2, "PER", "BBC/PER"},
		{[]string{"A", "Jones", "scored", "."}, 0, 2, "PER", "A Jones/PER"},
		{[]string{"Six", "Britons", "died", "."}, 1, 2, "MISC", "Britons/MISC"},
		{[]string{"England", "Lost", "In", "The", "Six", "Nations"}, 5, 6, "MISC", "Nations/MISC"},
	} {
		text := strings.Join(tc.words, " ")
		d := &doc.Document{Text: text}
		pos := 0
		for _, w := range tc.words {
			d.Tokens = append(d.Tokens, doc.Token{Start: pos, End: pos + len(w), Text: w})
			pos += len(w) + 1
		}
		d.Sentences = []doc.Sentence{{Start: 0, End: len(text), TokStart: 0, TokEnd: len(tc.words)}}
		m, ok := repairSpan(text, d, doc.Mention{TokStart: tc.start, TokEnd: tc.end, Label: tc.label})
		got := ""
		if ok {
			got = strings.Join(tc.words[m.TokStart:m.TokEnd], " ") + "/" + m.Label
		}
		if got != tc.want {
			t.Errorf("%q [%d,%d) %s: %q, want %q", text, tc.start, tc.end, tc.label, got, tc.want)
		}
	}
}

// TestWithoutFinalStop: a stop the tokenizer left on a name's last word
// goes; an abbreviation's stays.
func TestWithoutFinalStop(t *testing.T) {
	for in, want := range map[string]string{
		"BBC.": "BBC", "Liberal Democrats.": "Liberal Democrats", "Mr Flynn,": "Mr Flynn", "BBC:": "BBC",
		"U.S.": "U.S.", "ABC Inc.": "ABC Inc.", "St.": "St.", "Tarvo Nord": "Tarvo Nord", ".": ".",
	} {
		if got := in[:withoutFinalStop(in, 0, len(in))]; got != want {
			t.Errorf("withoutFinalStop(%q) = %q; want %q", in, got, want)
		}
	}
}

// One name takes the label its most confident mentions give it, not the
// commonest: two hesitant PERSON readings of a club lose to one sure ORG.
func TestConsistentLabelsByConfidence(t *testing.T) {
	for _, c := range []struct {
		name string
		ms   []doc.Mention
		want []string
	}{
		{"the sure mention wins",
			[]doc.Mention{{Text: "Chelsea", Label: "PERSON", Origin: doc.OriginModel, Confidence: 4},
				{Text: "Chelsea", Label: "ORG", Origin: doc.OriginModel, Confidence: 30},
				{Text: "Chelsea", Label: "PERSON", Origin: doc.OriginModel, Confidence: 6}},
			[]string{"ORG", "ORG", "ORG"}},
		{"many hesitant mentions outweigh one",
			[]doc.Mention{{Text: "Millbrook", Label: "ORG", Origin: doc.OriginModel, Confidence: 12},
				{Text: "Millbrook", Label: "LOC", Origin: doc.OriginModel, Confidence: 5},
				{Text: "Millbrook", Label: "LOC", Origin: doc.OriginModel, Confidence: 5},
				{Text: "Millbrook", Label: "LOC", Origin: doc.OriginModel, Confidence: 5}},
			[]string{"LOC", "LOC", "LOC", "LOC"}},
		{"a tie keeps the first mention's label",
			[]doc.Mention{{Text: "Ames", Label: "PERSON", Origin: doc.OriginModel, Confidence: 8},
				{Text: "Ames", Label: "ORG", Origin: doc.OriginModel, Confidence: 8}},
			[]string{"PERSON", "PERSON"}},
		{"the gazetteer's mention votes as a sure one",
			[]doc.Mention{{Text: "Leeds", Label: "ORG", Origin: doc.OriginModel, Confidence: 20},
				{Text: "Leeds", Label: "GPE", Origin: doc.OriginGazetteer}},
			[]string{"GPE", "GPE"}},
	} {
		consistentLabels(c.ms)
		var got []string
		for _, m := range c.ms {
			got = append(got, m.Label)
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: labels (-want +got):\n%s", c.name, diff)
		}
	}
}

// The last words of a person's full name are that person (Aung San Suu
// Kyi … Suu Kyi), but not the end of a name the model ran into an
// organisation (Bill Gates Foundation … Gates Foundation).
func TestLastWordsOfAName(t *testing.T) {
	ms := []doc.Mention{
		{Text: "Aung San Suu Kyi", Label: "PERSON"},
		{Text: "Suu Kyi", Label: "ORG"},
		{Text: "Bill Gates Foundation", Label: "PERSON"},
		{Text: "Gates Foundation", Label: "ORG"},
	}
	surnameLabels(ms, nil)
	var got []string
	for _, m := range ms {
		got = append(got, m.Text+"/"+m.Label)
	}
	want := []string{"Aung San Suu Kyi/PERSON", "Suu Kyi/PERSON", "Bill Gates Foundation/PERSON", "Gates Foundation/ORG"}
	if !cmp.Equal(got, want) {
		t.Errorf("labels %v; want %v", got, want)
	}
}

// An acronym of a common noun is no entity, whatever the model read.
func TestCommonAcronymsAreNoEntities(t *testing.T) {
	a := newTestAnnotator(t)
	d, err := a.Annotate(context.Background(), "Sony sold more DVD players and TV sets than ever. The BBC said PCs were next.", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range d.Mentions {
		if english.CommonAcronym(m.Text) {
			t.Errorf("mention %q/%s; want none for a common noun's acronym", m.Text, m.Label)
		}
	}
}

// A possessive 's the tokenizer left on a name goes when the article names
// it without one; a name that ends in 's keeps it.
func TestWithoutPossessive(t *testing.T) {
	text := "The BBC said. The BBC's editor spoke. Lloyd's fell."
	ms := []doc.Mention{{Start: 4, End: 7}, {Start: 18, End: 23}, {Start: 38, End: 45}}
	for i := range ms {
		ms[i].Text = text[ms[i].Start:ms[i].End]
	}
	withoutPossessive(text, ms)
	var got []string
	for _, m := range ms {
		got = append(got, m.Text)
	}
	if want := []string{"BBC", "BBC", "Lloyd's"}; !cmp.Equal(got, want) {
		t.Errorf("mentions %q; want %q", got, want)
	}
}
