package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// sliceRunes is Python's text[start:end] on code points.
func sliceRunes(s string, start, end int64) string {
	r := []rune(s)
	return string(r[start:end])
}

// readJSONL decodes an exported JSONL file as an analyst's JSON reader
// would, numbers kept as written.
func readJSONL(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rows = append(rows, m)
	}
	return rows
}

// offset reads an exported offset: an integer, or null (ok false). A float
// or a string is a failure: pandas would read it as one.
func offset(t *testing.T, row map[string]any, col string) (int64, bool) {
	t.Helper()
	switch v := row[col].(type) {
	case nil:
		return 0, false
	case json.Number:
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil {
			t.Fatalf("%s = %s: not an integer", col, v)
		}
		return n, true
	}
	t.Fatalf("%s = %#v: not an integer or null", col, row[col])
	return 0, false
}

// annotate → export jsonl → every offset is an integer (or null) and slices
// the same text out of documents.text; row counts are the manifest's.
func TestExportJSONLRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	runMain(t, 0, "annotate", "-o", out, "--progress", "never")
	runMain(t, 0, "export", out, "-o", filepath.Join(dir, "jsonl"))
	var manifest struct{ Rows map[string]int }
	b, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err := json.Unmarshal(b, &manifest); err != nil {
		t.Fatal(err)
	}
	rows := map[string][]map[string]any{}
	for table, n := range manifest.Rows {
		rows[table] = readJSONL(t, filepath.Join(dir, "jsonl", table+".jsonl"))
		if len(rows[table]) != n {
			t.Errorf("%s: %d rows exported, manifest says %d", table, len(rows[table]), n)
		}
	}
	text := map[string]string{}
	for _, d := range rows["documents"] {
		text[d["doc_id"].(string)] = d["text"].(string)
		if _, ok := d["zones"].([]any); !ok {
			t.Errorf("documents.zones is %T, want a JSON array", d["zones"])
		}
	}
	spans := map[string][][3]string{ // table: (start, end, text column)
		"tokens":   {{"start", "end", "text"}},
		"entities": {{"start", "end", "text"}},
		"quotes":   {{"content_start", "content_end", "content"}, {"cue_start", "cue_end", "cue"}, {"speaker_start", "speaker_end", "speaker"}},
	}
	nulls := 0
	for table, cols := range spans {
		for _, r := range rows[table] {
			for _, c := range cols {
				start, ok1 := offset(t, r, c[0])
				end, ok2 := offset(t, r, c[1])
				if ok1 != ok2 || (!ok1 && r[c[2]] != nil) {
					t.Fatalf("%s: %s/%s/%s null in part: %v", table, c[0], c[1], c[2], r)
				}
				if !ok1 {
					nulls++
					continue
				}
				if got := sliceRunes(text[r["doc_id"].(string)], start, end); got != r[c[2]] {
					t.Errorf("%s: text[%d:%d] = %q, row says %q", table, start, end, got, r[c[2]])
				}
			}
		}
	}
	if nulls == 0 {
		t.Error("no null speaker or cue in the sample: the null case is untested")
	}
}

// The CSV export has the Parquet columns in order, a header, every row, and
// offsets that slice documents.text; nulls are empty fields.
func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	runMain(t, 0, "annotate", "-o", out, "--progress", "never")
	stdout, _ := runMain(t, 0, "export", out, "-o", filepath.Join(dir, "csv"), "--format", "csv", "--tables", "documents,quotes")
	if !strings.Contains(stdout, "quotes.csv") || strings.Contains(stdout, "tokens") {
		t.Errorf("export printed:\n%s", stdout)
	}
	read := func(table string) [][]string {
		f, err := os.Open(filepath.Join(dir, "csv", table+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	docs, quotes := read("documents"), read("quotes")
	if strings.Join(docs[0][:3], ",") != "doc_id,source,record" || quotes[0][0] != "doc_id" {
		t.Fatalf("headers: %v / %v", docs[0], quotes[0])
	}
	col := func(header []string, name string) int {
		for i, h := range header {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, header)
		return -1
	}
	text := map[string]string{}
	for _, d := range docs[1:] {
		text[d[0]] = d[col(docs[0], "text")]
	}
	cs, ce, c := col(quotes[0], "speaker_start"), col(quotes[0], "speaker_end"), col(quotes[0], "speaker")
	empty := 0
	for _, q := range quotes[1:] {
		if q[cs] == "" {
			empty++
			continue
		}
		s, _ := strconv.ParseInt(q[cs], 10, 64)
		e, _ := strconv.ParseInt(q[ce], 10, 64)
		if got := sliceRunes(text[q[0]], s, e); got != q[c] {
			t.Errorf("speaker text[%s:%s] = %q, row says %q", q[cs], q[ce], got, q[c])
		}
	}
	if empty == 0 || len(quotes) < 10 {
		t.Errorf("%d quotes, %d without a speaker: the sample should have both", len(quotes)-1, empty)
	}
	// Export refuses to overwrite unless asked.
	_, stderr := runMain(t, 2, "export", out, "-o", filepath.Join(dir, "csv"), "--format", "csv", "--tables", "quotes")
	if !strings.Contains(stderr, "--overwrite") {
		t.Errorf("second export: %s", stderr)
	}
}

func TestExportUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "missing OUT"},
		{[]string{"export", dir}, "-o DIR is required"},
		{[]string{"export", dir, "-o", dir + "/x"}, "not a newsnlp output"},
		{[]string{"export", dir, "-o", dir + "/x", "--format", "xlsx"}, "want jsonl or csv"},
		{[]string{"export", dir, "-o", dir + "/x", "--tables", "quote"}, `unknown table "quote"`},
	} {
		_, stderr := runMain(t, 2, tc.args...)
		if !strings.Contains(stderr, tc.want) {
			t.Errorf("newsnlp %s: stderr %q, want %q", strings.Join(tc.args, " "), stderr, tc.want)
		}
	}
}
