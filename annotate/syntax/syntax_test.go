package syntax_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsnlp/newsnlp/annotate/syntax"
)

func load(t testing.TB) *syntax.Models {
	t.Helper()
	m, err := syntax.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func analyse(m *syntax.Models, text string) *syntax.Sentence {
	s := syntax.NewSentence(strings.Fields(text))
	m.Annotate(s)
	return s
}

// checkTree fails unless heads form one tree: every head in range, one
// root, no cycle.
func checkTree(t *testing.T, s *syntax.Sentence) {
	t.Helper()
	roots := 0
	for i, h := range s.Head {
		if h < -1 || h >= len(s.Words) || h == i {
			t.Fatalf("word %d has head %d in a sentence of %d", i, h, len(s.Words))
		}
		if h == -1 {
			roots++
			if s.Dep[i] != "root" {
				t.Errorf("the sentence's head %q has relation %q; want root", s.Words[i], s.Dep[i])
			}
		}
		for k, steps := h, 0; k >= 0; k, steps = s.Head[k], steps+1 {
			if steps > len(s.Words) {
				t.Fatalf("word %d is on a cycle", i)
			}
		}
	}
	if len(s.Words) > 0 && roots != 1 {
		t.Errorf("%d roots; want 1", roots)
	}
}

// TestReportedSpeech checks the relations attribution reads on plain
// news sentences, written for this test.
func TestReportedSpeech(t *testing.T) {
	m := load(t)
	tests := []struct {
		text       string
		word, head string // word depends on head
		dep        string
	}{
		// UD heads a name on its first word: Lavrov is flat under Sergei.
		{"Sergei Lavrov said that the talks had failed .", "Sergei", "said", "nsubj"},
		{"Sergei Lavrov said that the talks had failed .", "Lavrov", "Sergei", "flat"},
		{"Sergei Lavrov said that the talks had failed .", "failed", "said", "ccomp"},
		{"The minister denied the allegations on Monday .", "allegations", "denied", "obj"},
		{"The plan was criticised by the opposition .", "opposition", "criticised", "obl:agent"},
		{"Maria Ek , a spokeswoman for the council , declined to comment .", "spokeswoman", "Maria", "appos"},
		{"The report , which was published on Tuesday , found no evidence .", "published", "report", "acl:relcl"},
	}
	for _, tt := range tests {
		s := analyse(m, tt.text)
		checkTree(t, s)
		i := indexOf(s.Words, tt.word)
		head := ""
		if s.Head[i] >= 0 {
			head = s.Words[s.Head[i]]
		}
		if head != tt.head || s.Dep[i] != tt.dep {
			t.Errorf("Parse(%q): %s ← %s %s; want %s ← %s %s", tt.text, tt.word, head, s.Dep[i], tt.word, tt.head, tt.dep)
		}
	}
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

func TestTagsAndLemmas(t *testing.T) {
	m := load(t)
	s := analyse(m, "Officials said the children were found and showed no injuries .")
	want := map[string][3]string{ // word: XPOS, UPOS, lemma
		"said": {"VBD", "VERB", "say"}, "children": {"NNS", "NOUN", "child"}, "were": {"VBD", "AUX", "be"},
		"found": {"VBN", "VERB", "find"}, "showed": {"VBD", "VERB", "show"}, "injuries": {"NNS", "NOUN", "injury"},
	}
	for i, w := range s.Words {
		if x, ok := want[w]; ok && (s.XPOS[i] != x[0] || s.UPOS[i] != x[1] || s.Lemma[i] != x[2]) {
			t.Errorf("%s: %s %s %s; want %s %s %s", w, s.XPOS[i], s.UPOS[i], s.Lemma[i], x[0], x[1], x[2])
		}
	}
	// Verbs of news the treebanks do not have: the word classes know
	// their paradigms (paradigm.go).
	s = analyse(m, "The judge ruled that the minister had hoped to be voting on it , and echoed his calls .")
	want = map[string][3]string{"ruled": {"VBD", "VERB", "rule"}, "hoped": {"VBN", "VERB", "hope"}, "voting": {"VBG", "VERB", "vote"}, "echoed": {"VBD", "VERB", "echo"}}
	for i, w := range s.Words {
		if x, ok := want[w]; ok && s.Lemma[i] != x[2] {
			t.Errorf("%s (%s): lemma %s; want %s", w, s.XPOS[i], s.Lemma[i], x[2])
		}
	}
}

// TestHeadlineCase: a title-case or all-caps headline gets the tags of the
// same words in ordinary case, nearly all of them.
func TestHeadlineCase(t *testing.T) {
	m := load(t)
	lower := "united states is saving the rebel groups in syria , says russia"
	plain := analyse(m, "United States is saving the rebel groups in Syria , says Russia")
	for _, text := range []string{
		"United States Is Saving The Rebel Groups In Syria , Says Russia",
		strings.ToUpper(lower),
	} {
		s := analyse(m, text)
		same := 0
		for i := range s.XPOS {
			if s.XPOS[i] == plain.XPOS[i] {
				same++
			}
		}
		if same < len(s.XPOS)-1 {
			t.Errorf("%q tagged %v; in ordinary case %v", text, s.XPOS, plain.XPOS)
		}
	}
}

// TestLongSentence: a table flattened into one 5,000-word line parses into
// one tree (the parser makes at most two moves a word).
func TestLongSentence(t *testing.T) {
	m := load(t)
	words := make([]string, 5000)
	for i := range words {
		words[i] = []string{"12", "|", "Paris", "4.5", "%", "the", "rose"}[i%7]
	}
	s := syntax.NewSentence(words)
	m.Annotate(s)
	checkTree(t, s)
}

func FuzzParse(f *testing.F) {
	m := load(f)
	for _, s := range []string{"Sergei Lavrov said that .", "", "“ ” ' ' \x00", "A a A a A a", "é É 3 ½ 💥", "'s n't -- ..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		s := syntax.NewSentence(strings.Fields(text))
		m.Annotate(s)
		checkTree(t, s)
		for i := range s.Words {
			if s.XPOS[i] == "" || s.UPOS[i] == "" || s.Dep[i] == "" {
				t.Fatalf("word %q: XPOS %q UPOS %q dep %q", s.Words[i], s.XPOS[i], s.UPOS[i], s.Dep[i])
			}
		}
	})
}
