package output

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

func testDoc(id string, words int) *Doc {
	text := strings.TrimSpace(strings.Repeat("word ", words))
	d := &doc.Document{Text: text, Zones: []doc.Zone{{Kind: doc.ZoneBody, Start: 0, End: len(text)}}}
	d.Sentences = []doc.Sentence{{Start: 0, End: len(text), Zone: doc.ZoneBody}}
	for i := 0; i < words; i++ {
		d.Tokens = append(d.Tokens, doc.Token{Start: i * 5, End: i*5 + 4, Text: "word", POS: "NN"})
	}
	return &Doc{DocID: id, Source: "test", Record: 1, Annotated: d}
}

func TestCreateRefusesAnEarlierRun(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, "test", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(dir, "test", Options{}); !errors.Is(err, ErrOutputExists) {
		t.Errorf("Create on an earlier run: err = %v; want ErrOutputExists", err)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	w, err = Create(dir, "test", Options{Overwrite: true})
	if err != nil {
		t.Fatalf("Create with Overwrite: %v", err)
	}
	w.Abort()
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("Overwrite removed a file newsnlp did not write: %v", err)
	}
}

func TestAbortPublishesNothing(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, "test", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteDoc(testDoc("a", 3)); err != nil {
		t.Fatal(err)
	}
	w.Abort()
	var left []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			left = append(left, p)
		}
		return nil
	})
	if len(left) != 0 {
		t.Errorf("Abort left files behind: %v", left)
	}
}

// TestRowGroupsBoundMemory checks that a table is cut into row groups by
// size, which is what keeps the writer's memory independent of the corpus.
func TestRowGroupsBoundMemory(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, "test", Options{RowGroupBytes: 4 << 10})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		if err := w.WriteDoc(testDoc("doc", 50)); err != nil {
			t.Fatal(err)
		}
	}
	counts, err := w.Close(nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts[TableTokens] != 5000 || counts[TableDocuments] != 100 {
		t.Errorf("counts = %v; want 5000 tokens and 100 documents", counts)
	}
	f, err := os.Open(filepath.Join(dir, TableTokens, "part-00000.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(pf.RowGroups()); n < 10 {
		t.Errorf("tokens table has %d row groups; want at least 10 with a 4 KiB row group limit", n)
	}
	if v, ok := pf.Lookup(MetaSchemaVersion); !ok || v != SchemaVersion {
		t.Errorf("footer %s = %q, %v; want %q", MetaSchemaVersion, v, ok, SchemaVersion)
	}
}

// TestSchemaCoversEveryColumn checks that Schema documents every column the
// row types write, each with a meaning.
func TestSchemaCoversEveryColumn(t *testing.T) {
	rowTypes := map[string]reflect.Type{
		TableDocuments: reflect.TypeFor[DocumentRow](), TableSentences: reflect.TypeFor[SentenceRow](),
		TableTokens: reflect.TypeFor[TokenRow](), TableEntities: reflect.TypeFor[EntityRow](),
		TableQuotes: reflect.TypeFor[QuoteRow](), TableErrors: reflect.TypeFor[ErrorRow](),
	}
	for _, ts := range Schema() {
		written := parquet.SchemaOf(reflect.New(rowTypes[ts.Name]).Interface()).Fields()
		if len(written) != len(ts.Columns) {
			t.Errorf("%s: schema documents %d columns; the file has %d", ts.Name, len(ts.Columns), len(written))
			continue
		}
		for i, f := range written {
			if ts.Columns[i].Name != f.Name() {
				t.Errorf("%s column %d: documented %q; written %q", ts.Name, i, ts.Columns[i].Name, f.Name())
			}
			if ts.Columns[i].Doc == "" {
				t.Errorf("%s.%s has no documentation", ts.Name, f.Name())
			}
		}
	}
}

// TestOverwriteKeepsForeignFiles checks that --overwrite removes only what
// newsnlp wrote: a user's file in a table folder stops it before anything
// is removed, and is named; a user's file beside the tables is left alone.
func TestOverwriteKeepsForeignFiles(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, "test", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteDoc(testDoc("a", 3)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	thesis := filepath.Join(dir, TableDocuments, "thesis.docx")
	notes := filepath.Join(dir, "notes.txt")
	for _, f := range []string{thesis, notes} {
		if err := os.WriteFile(f, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = Create(dir, "test", Options{Overwrite: true})
	if !errors.Is(err, ErrForeignFiles) || !strings.Contains(err.Error(), "documents/thesis.docx") {
		t.Fatalf("Create with Overwrite over a foreign file: err = %v; want ErrForeignFiles naming documents/thesis.docx", err)
	}
	if parts, _ := PartFiles(dir, TableDocuments); len(parts) != 1 {
		t.Errorf("the refused overwrite removed part files: %v left", parts)
	}
	if err := os.Remove(thesis); err != nil {
		t.Fatal(err)
	}
	w, err = Create(dir, "test", Options{Overwrite: true})
	if err != nil {
		t.Fatalf("Create with Overwrite, no foreign file in the tables: %v", err)
	}
	w.Abort()
	if _, err := os.Stat(notes); err != nil {
		t.Errorf("the overwrite removed a file beside the tables: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); !os.IsNotExist(err) {
		t.Errorf("the old manifest is still there (%v)", err)
	}
}
