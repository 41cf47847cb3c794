package datasets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A JSON record's other fields keep their types in meta: an analyst's
// json.loads(meta)["tags"] is a list, not a string to decode again.
func TestMetaKeepsJSONTypes(t *testing.T) {
	dir := t.TempDir()
	line := `{"id": "a", "text": "Body.", "tags": ["business", "x"], "views": 12, "score": 0.25, "paid": false, ` +
		`"extra": {"desk": "city", "n": [1, 2]}, "empty": "", "gone": null, "note": "plain", "author": ["Ann Lee", {"name": "Bo Chen"}]}`
	p := writeFile(t, dir, "in.jsonl", []byte(line+"\n"))
	got := readAll(t, open(t, []string{p}, Options{}))
	want := []result{{ID: "a", Text: "Body.", Record: 1, Line: 1, Author: "Ann Lee; Bo Chen",
		Meta: `{"extra":{"desk":"city","n":[1,2]},"note":"plain","paid":false,"score":0.25,"tags":["business","x"],"views":12}`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCSVMetaStaysText(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "in.csv", []byte("id,text,views,byline\n1,Body.,12,By Ann Lee\n"))
	got := readAll(t, open(t, []string{p}, Options{}))
	want := []result{{ID: "1", Text: "Body.", Record: 1, Line: 2, Author: "By Ann Lee", Meta: `{"views":"12"}`}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A .json file that is an array of articles, or pretty-printed articles one
// after another, is read record by record, each with the line it starts on.
func TestJSONArrayAndPrettyObjects(t *testing.T) {
	dir := t.TempDir()
	arr := writeFile(t, dir, "arr.json", []byte("\ufeff[\n  {\"id\": \"a\", \"text\": \"First.\"},\n  {\"id\": \"b\",\n   \"text\": \"Second.\"},\n  {\"id\": \"c\"},\n  7\n]\n"))
	pretty := writeFile(t, dir, "pretty.json", []byte("{\n  \"id\": \"p\",\n  \"text\": \"Pretty.\"\n}\n{\n  \"id\": \"q\",\n  \"text\": \"Next.\"\n}\n"))
	got := readAll(t, open(t, []string{arr, pretty}, Options{}))
	want := []result{
		{ID: "a", Text: "First.", Record: 1, Line: 2},
		{ID: "b", Text: "Second.", Record: 2, Line: 3},
		{ID: "c", Record: 3, Line: 5, Err: "no_text:text"},
		{ID: fallbackID("arr.json", 4), Record: 4, Line: 6, Err: "json:"},
		{ID: "p", Text: "Pretty.", Record: 1, Line: 1},
		{ID: "q", Text: "Next.", Record: 2, Line: 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A broken array is one errors row at the line it breaks on; the records
// before it are kept.
func TestJSONArrayBroken(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "bad.json", []byte("[\n{\"id\": \"a\", \"text\": \"Kept.\"},\n{\"id\": \"b\", \"text\": \"x\" oops},\n{\"id\": \"c\", \"text\": \"Lost.\"}\n]\n"))
	got := readAll(t, open(t, []string{p}, Options{}))
	want := []result{
		{ID: "a", Text: "Kept.", Record: 1, Line: 2},
		{ID: fallbackID("bad.json", 2), Record: 2, Line: 3, Err: "json:"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// A record without an id gets the same doc_id however its file is named on
// the command line: relative, absolute, or through its folder.
func TestGeneratedIDsDoNotDependOnTheTypedPath(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "corpus/news.jsonl", []byte(`{"text": "No id."}`+"\n"))
	ids := func(input string) string {
		got := readAll(t, open(t, []string{input}, Options{}))
		if len(got) != 1 {
			t.Fatalf("%s: %d records", input, len(got))
		}
		return got[0].ID
	}
	abs := ids(filepath.Join(dir, "corpus", "news.jsonl"))
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"corpus/news.jsonl", "./corpus/news.jsonl", "corpus/../corpus/news.jsonl"} {
		if got := ids(in); got != abs {
			t.Errorf("%s: doc_id %s, want %s as for the absolute path", in, got, abs)
		}
	}
	if err := os.Chdir(filepath.Join(dir, "corpus")); err != nil {
		t.Fatal(err)
	}
	if got := ids("news.jsonl"); got != abs {
		t.Errorf("news.jsonl from its folder: doc_id %s, want %s", got, abs)
	}
	// Two files of one name in one run: distinct ids, again however typed.
	writeFile(t, dir, "2023/news.jsonl", []byte(`{"text": "No id."}`+"\n"))
	two := func(a, b string) [2]string {
		got := readAll(t, open(t, []string{a, b}, Options{}))
		return [2]string{got[0].ID, got[1].ID}
	}
	rel := two("../corpus/news.jsonl", "../2023/news.jsonl")
	if rel[0] == rel[1] {
		t.Errorf("corpus/news.jsonl and 2023/news.jsonl share doc_id %s", rel[0])
	}
	if got := two(filepath.Join(dir, "corpus/news.jsonl"), filepath.Join(dir, "2023/news.jsonl")); got != rel {
		t.Errorf("absolute paths give %v, relative ones %v", got, rel)
	}
}

// Walking a folder passes over README and LICENSE files (counted as
// skipped) and what --exclude names; a file named outright is read.
func TestFolderSkipsReadmesAndExcluded(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"txt/README.TXT":         "About this corpus.",
		"txt/LICENSE":            "",
		"txt/business/001.txt":   "Shares rose.",
		"txt/drafts/002.txt":     "Not ready.",
		"txt/sport/003.txt":      "Team won.",
		"txt/sport/003.bak.txt":  "Old copy.",
		"txt/sport/license.md":   "not a known format anyway",
		"txt/sport/Licence.text": "Terms.",
	} {
		writeFile(t, dir, name, []byte(body))
	}
	root := filepath.Join(dir, "txt")
	c := open(t, []string{root}, Options{Exclude: []string{"drafts", "*.bak.txt"}})
	var texts []string
	for _, r := range readAll(t, c) {
		texts = append(texts, r.ID+"="+r.Text)
	}
	if want := []string{"business/001.txt=Shares rose.", "sport/003.txt=Team won."}; !cmp.Equal(want, texts) {
		t.Errorf("read %v, want %v", texts, want)
	}
	if n := c.Skipped()["readme_file"]; n != 2 {
		t.Errorf("skipped readme_file %d, want 2 (README.TXT, Licence.text)", n)
	}
	got := readAll(t, open(t, []string{filepath.Join(root, "README.TXT")}, Options{}))
	if len(got) != 1 || !strings.Contains(got[0].Text, "About") {
		t.Errorf("a README named outright must be read: %+v", got)
	}
}
