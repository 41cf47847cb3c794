package datasets

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCoNLLDetokenisedOffsets(t *testing.T) {
	dir := t.TempDir()
	// IOB1: I- starts a mention unless it continues one of the same type;
	// B- separates two adjacent mentions of one type.
	iob1 := "-DOCSTART- -X- O O\n\n" +
		"The DT I-NP O\nU.S NNP I-NP I-LOC\n. . O O\n\n" +
		"Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n( ( O O\nEU NNP I-NP I-ORG\n) ) O O\nsaid VBD I-VP O\nit PRP I-NP O\nwas VBD I-VP O\nn't RB O O\n$ $ O O\n5 CD I-NP O\n, , O O\n10 CD I-NP O\n% NN I-NP O\nFrance NNP I-NP I-LOC\nGermany NNP I-NP B-LOC\n's POS O O\n. . O O\n\n" +
		"-DOCSTART- -X- O O\n\nSecond NNP I-NP B-MISC\ndoc NN I-NP O\n"
	p := writeFile(t, dir, "mini.iob1", []byte(iob1))
	docs, format, err := ReadGold(p)
	if err != nil {
		t.Fatal(err)
	}
	if format != GoldCoNLL || len(docs) != 2 {
		t.Fatalf("format %s, %d docs; want conll, 2", format, len(docs))
	}
	wantText := "The U.S.\nPeter Blackburn (EU) said it wasn't $5, 10% France Germany's."
	if docs[0].Text != wantText {
		t.Errorf("text = %q; want %q", docs[0].Text, wantText)
	}
	var got []string
	for _, e := range docs[0].Entities {
		got = append(got, e.Label+":"+e.Text)
	}
	want := []string{"LOC:U.S", "PER:Peter Blackburn", "ORG:EU", "LOC:France", "LOC:Germany"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	runes := []rune(docs[0].Text)
	for _, e := range docs[0].Entities {
		if string(runes[e.Start:e.End]) != e.Text {
			t.Errorf("entity %q at [%d,%d) slices to %q", e.Text, e.Start, e.End, string(runes[e.Start:e.End]))
		}
	}
	if docs[1].Text != "Second doc" || docs[1].Entities[0].Text != "Second" {
		t.Errorf("second document = %+v", docs[1])
	}

	// IOB2: B- starts every mention.
	iob2 := "Anna NNP B-PER\nSmith NNP I-PER\nmet VBD O\nBob NNP B-PER\n"
	p = writeFile(t, dir, "mini.iob2", []byte(iob2))
	docs, _, err = ReadGold(p)
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, e := range docs[0].Entities {
		got = append(got, e.Text)
	}
	if diff := cmp.Diff([]string{"Anna Smith", "Bob"}, got); diff != "" {
		t.Errorf("IOB2 entities (-want +got):\n%s", diff)
	}
}

func TestBrat(t *testing.T) {
	dir := t.TempDir()
	text := "“We will win,” the mayor said, adding that taxes would fall."
	writeFile(t, dir, "text/story.txt", []byte(text))
	ann := "T1\tSource 15 24\tthe mayor\n" +
		"T2\tCue 25 29\tsaid\n" +
		"T3\tContent 0 14\t“We will win,”\n" +
		"T4\tAttribution 25 29\tsaid\n" +
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
		"T5\tCue 31 37;38 42\tadding that\n" +
		"T6\tContent 43 60\ttaxes would fall.\n" +
		"T7\tAttribution-no-source 31 37\tadding\n" +
		"E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
	writeFile(t, dir, "attributions/story_ab12.ann", []byte(ann))
	writeFile(t, dir, "attributions/story_cd34.ann", []byte("T1\tSource 0 3\tnot used\n")) // second annotator: ignored
	docs, format, err := ReadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if format != GoldBrat || len(docs) != 1 || len(docs[0].Quotes) != 2 {
		t.Fatalf("format %s, docs %+v; want brat, one doc with 2 quotes", format, docs)
	}
	q := docs[0].Quotes
	if q[0].Speaker.Text != "the mayor" || q[0].Content.Text != "“We will win,”" || q[0].Cue.Text != "said" {
		t.Errorf("first quote = %+v", q[0])
	}
	if !q[1].Speaker.Empty() || len(q[1].Cue.Fragments) != 2 || q[1].Cue.Text != "adding that" {
		t.Errorf("second quote = %+v; want no speaker and a two-fragment cue", q[1])
	}
}

func TestBratSpanTextOverTwoLines(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.txt", []byte("Headline here\n\nBody said it."))
	writeFile(t, dir, "a.ann", []byte("T1\tContent 0 19\tHeadline here\n\nBody\nT2\tCue 20 24\tsaid\nE1\tContent:T1 Cue:T2\n\n"))
	docs, _, err := ReadGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs[0].Quotes) != 1 || docs[0].Quotes[0].Content.Text != "Headline here\n\nBody" {
		t.Errorf("quotes = %+v; want one whose content spans the line break", docs[0].Quotes)
	}
}

func TestGoldErrorsNameFileAndLine(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data, want string
	}{
		{"bad.jsonl", `{"id": "a", "text": "abc", "entities": []}` + "\n" + `{"id": "b", "text": "abc", "entities": [{"start": 0, "end": 9, "label": "ORG"}]}`, "bad.jsonl:2: entities[0]: span [0,9) is outside the text"},
		{"text.jsonl", `{"id": "a", "text": "héllo", "entities": [{"start": 1, "end": 3, "text": "él", "label": "ORG"}]}` + "\n" + `{"id": "a", "text": "x"}`, "text.jsonl:2: id \"a\" already used on line 1"},
		{"mismatch.jsonl", `{"id": "a", "text": "héllo", "entities": [{"start": 0, "end": 2, "text": "hel", "label": "ORG"}]}`, "mismatch.jsonl:1: entities[0]: span [0,2) is \"hé\", not \"hel\""},
		{"broken.jsonl", `{"id": "a", "text": `, "broken.jsonl:1: invalid gold JSON"},
		{"bad.conll", "-DOCSTART- -X- O O\n\nWord NNP I-NP X-ORG\n", "bad.conll:3: NER tag \"X-ORG\""},
		{"what.txt", "just some text", "unknown gold format"},
	}
	for _, tt := range tests {
		p := writeFile(t, dir, tt.name, []byte(tt.data))
		_, _, err := ReadGold(p)
		var ge *GoldError
		if err == nil || !errors.As(err, &ge) || !strings.Contains(err.Error(), filepath.Join(dir, tt.want)) && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadGold(%s) error = %v; want a GoldError containing %q", tt.name, err, tt.want)
		}
	}
}
