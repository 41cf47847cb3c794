package output

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// writeRun writes one output with the given documents.
func writeRun(t *testing.T, dir string, docs ...*Doc) {
	t.Helper()
	w, err := Create(dir, "test", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := w.WriteDoc(d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
}

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	old := testDoc("a", 4)
	old.Annotated.Mentions = []doc.Mention{{Start: 0, End: 4, Text: "word", Label: "ORG", EntityID: "E1", Canonical: "word", Origin: "model"}}
	writeRun(t, filepath.Join(dir, "old"), old, testDoc("gone", 2))

	cur := testDoc("a", 5)                                                                                                                        // one token more: added
	cur.Annotated.Tokens[1].POS = "VB"                                                                                                            // changed
	cur.Annotated.Tokens[2].Dep = "obj"                                                                                                           // changed: the relation
	cur.Annotated.Tokens[3].Head = 1                                                                                                              // changed: the head
	cur.Annotated.Mentions = []doc.Mention{{Start: 0, End: 4, Text: "word", Label: "PERSON", EntityID: "E7", Canonical: "word", Origin: "model"}} // label changed
	writeRun(t, filepath.Join(dir, "new"), cur)

	diffs, err := Diff(filepath.Join(dir, "old"), filepath.Join(dir, "new"), nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]TableDiff{}
	for _, d := range diffs {
		got[d.Table] = d
	}
	want := map[string][4]int64{ // added, removed, changed, unchanged
		TableDocuments: {0, 1, 1, 0}, // "gone" removed; "a" changed (text and counts)
		TableTokens:    {1, 2, 3, 1}, // a: 1 added, 3 changed, 1 same; gone: 2 removed
		TableEntities:  {0, 0, 1, 0},
		TableQuotes:    {0, 0, 0, 0},
	}
	for table, w := range want {
		d := got[table]
		if [4]int64{d.Added, d.Removed, d.Changed, d.Unchanged} != w {
			t.Errorf("%s: added %d, removed %d, changed %d, unchanged %d; want %v", table, d.Added, d.Removed, d.Changed, d.Unchanged, w)
		}
	}
	var kinds []string
	for _, e := range got[TableTokens].Examples {
		kinds = append(kinds, e.Change)
	}
	if len(kinds) != 6 {
		t.Errorf("token examples %v; want 1 added, 3 changed and 2 removed", kinds)
	}
	if r := got[TableEntities].Rate(); r != 1 {
		t.Errorf("entities rate = %v; want 1", r)
	}
	// Each changed row says which columns changed, old and new; the
	// entity_id, a running number, is not one of them.
	if c := got[TableTokens].Columns; c["pos"] != 1 || c["dep"] != 1 || c["head"] != 1 || len(c) != 3 {
		t.Errorf("token columns changed %v; want pos, dep and head once each", c)
	}
	var ent []ColumnChange
	for _, e := range got[TableEntities].Examples {
		if e.Change == "changed" {
			ent = append(ent, e.Changes...)
			if e.DocID != "a" || e.Key != "a [0,4)" {
				t.Errorf("changed entity example doc_id %q key %q", e.DocID, e.Key)
			}
		}
	}
	if want := []ColumnChange{{Column: "label", Old: "ORG", New: "PERSON"}}; !reflect.DeepEqual(ent, want) {
		t.Errorf("entity changes %+v; want %+v", ent, want)
	}
	same, err := Diff(filepath.Join(dir, "old"), filepath.Join(dir, "old"), nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range same {
		if d.Rate() != 0 || len(d.Examples) != 0 {
			t.Errorf("%s: a run compared with itself changed: %+v", d.Table, d)
		}
	}
}

// Replacing every row (new doc_ids for the same texts) is a 100% change,
// not 200%.
func TestDiffRateIsAtMostOne(t *testing.T) {
	dir := t.TempDir()
	writeRun(t, filepath.Join(dir, "old"), testDoc("a", 3), testDoc("b", 3))
	writeRun(t, filepath.Join(dir, "new"), testDoc("x", 3), testDoc("y", 3))
	diffs, err := Diff(filepath.Join(dir, "old"), filepath.Join(dir, "new"), []string{TableDocuments, TableTokens}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		if d.Rate() != 1 || d.Added != d.Removed || d.Added == 0 {
			t.Errorf("%s: rate %v (added %d, removed %d); want 1", d.Table, d.Rate(), d.Added, d.Removed)
		}
	}
}
