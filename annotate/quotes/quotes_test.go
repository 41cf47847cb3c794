package quotes

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

func marksOf(text string) []string {
	var out []string
	for _, m := range findQuoteMarks(text, 0, len(text)) {
		out = append(out, text[m.start:m.end])
	}
	return out
}

func TestFindQuoteMarks(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"straight", `He said "we will win" today.`, []string{`"we will win"`}},
		{"curly", "She said “it is done.” Then left.", []string{"“it is done.”"}},
		{"single quotes, not apostrophes", "Fans say ‘we don’t care about the ’90s’ loudly.", []string{"‘we don’t care about the ’90s’"}},
		{"apostrophes alone", "Don’t ask about the ’90s, it’s over.", nil},
		{"several sentences", "“One. Two. Three,” he said.", []string{"“One. Two. Three,”"}},
		{"several paragraphs, each reopened", "“First paragraph.\n\n“Second paragraph,” she said.", []string{"“First paragraph.\n\n“Second paragraph,”"}},
		{"two apostrophes", "He said ''we will win'' and left.", []string{"''we will win''"}},
		{"nested", "“He called it ‘nonsense’,” she said.", []string{"“He called it ‘nonsense’,”"}},
		{"unbalanced mark ends at its paragraph", "He said “this never closes.\n\nNext paragraph is not quoted.", []string{"“this never closes."}},
		{"an inch mark is not a quote", `A 6" pipe burst.` + "\n\nMore text.", nil},
		{"curly opened, straight closed", "“We will win,\" he said. Then “we won.\"", []string{"“We will win,\"", "“we won.\""}},
		{"straight quotation inside a curly one", "“He called it \"nonsense\" today,” she said.", []string{"“He called it \"nonsense\" today,”"}},
		{"straight single quotes around a quotation", "'It was not what we expected,' said Anna Berg. 'The ice is fresh.'", []string{"'It was not what we expected,'", "'The ice is fresh.'"}},
		{"straight apostrophes alone", "He loves rock 'n' roll, the '90s and the voters' choice. 'Tis so.", nil},
		{"stray straight mark ends at its paragraph", `He said "never closed.` + "\n\nMore text.", []string{`"never closed.`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, marksOf(tt.text)); diff != "" {
				t.Errorf("findQuoteMarks(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// FuzzQuoteScanner: any text gives marks in order, inside the text, on
// rune boundaries, never overlapping, and never crossing a paragraph that
// does not reopen the mark.
func FuzzQuoteScanner(f *testing.F) {
	f.Add("He said “hi” and ‘bye’ and \"yo\".")
	f.Add("“open\n\n“reopen” done")
	f.Add("’90s don’t ‘ ’ “ ” \" \"")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		prev := 0
		for _, m := range findQuoteMarks(text, 0, len(text)) {
			if m.start < prev || m.end <= m.start || m.end > len(text) || !utf8.ValidString(text[m.start:m.end]) {
				t.Fatalf("findQuoteMarks(%q): bad mark %+v after %d", text, m, prev)
			}
			prev = m.end
		}
	})
}

// taggedTokens makes tokens of space-separated words and tags, each word
// ten bytes after the start of the one before.
func taggedTokens(words, tags string) []doc.Token {
	var toks []doc.Token
	ws, ts := strings.Fields(words), strings.Fields(tags)
	for i := range ws {
		toks = append(toks, doc.Token{Text: ws[i], POS: ts[i], Start: i * 10, End: i*10 + len(ws[i])})
	}
	return toks
}

func TestOnlyAuxiliaries(t *testing.T) {
	for _, tt := range []struct {
		words, tags string
		want        bool
	}{
		{"has", "VBZ", true},
		{"will also", "MD RB", true},
		{"was", "VBD", true},
		{"has said", "VBZ VBN", false},
		{"told", "VBD", false},
	} {
		toks := taggedTokens(tt.words, tt.tags)
		if got := onlyAuxiliaries(toks, english.LowerTokens(toks)); got != tt.want {
			t.Errorf("onlyAuxiliaries(%q) = %v; want %v", tt.words, got, tt.want)
		}
	}
}

func TestNewClauseBetween(t *testing.T) {
	for _, tt := range []struct {
		words, tags string
		want        bool
	}{
		{"said that it had not released any", "VBD IN PRP VBD RB VBN DT", false},
		{"said that it was late , but she called", "VBD IN PRP VBD JJ , CC PRP VBD", true},
		{"said it was late ; she called", "VBD PRP VBD JJ : PRP VBD", true},
	} {
		toks := taggedTokens(tt.words, tt.tags)
		if got := newClauseBetween(toks, toks[1].Start, len(toks)-1); got != tt.want {
			t.Errorf("newClauseBetween(%q) = %v; want %v", tt.words, got, tt.want)
		}
	}
}

func TestCanStartCue(t *testing.T) {
	tok := func(text, pos string) doc.Token { return doc.Token{Text: text, POS: pos} }
	tests := []struct {
		toks []doc.Token
		i    int
		want bool
	}{
		{[]doc.Token{tok("poll", "NN"), tok("shows", "NNS")}, 1, true}, // a verb the tagger read as a noun
		{[]doc.Token{tok("He", "PRP"), tok("said", "VBD")}, 1, true},
		{[]doc.Token{tok("the", "DT"), tok("reports", "NNS")}, 1, false}, // a noun after its determiner
		{[]doc.Token{tok("poll", "NN"), tok("support", "NN")}, 1, false}, // no verb ending
		{[]doc.Token{tok("shows", "NNS")}, 0, false},
	}
	for _, tt := range tests {
		if got := canStartCue(tt.toks, tt.i); got != tt.want {
			t.Errorf("canStartCue(%v, %d) = %v, want %v", tt.toks, tt.i, got, tt.want)
		}
	}
}
