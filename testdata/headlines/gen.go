//go:build ignore

// gen splits the headline set (headlines.txt) into native gold JSONL for
// `newsnlp eval`: headlines-dev.gold.jsonl (the odd headlines of each
// category) and headlines-test.gold.jsonl (the even ones). Run it with
// `make headlines-gold`.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type doc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Headline string `json:"headline"`
}

var categories = map[string]bool{"attributed": true, "outlet": true, "claim": true, "question": true, "negative": true}

func main() {
	in := "testdata/headlines/headlines.txt"
	f, err := os.Open(in)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	split := map[string][]doc{}
	count := map[string]int{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cat, text, ok := strings.Cut(s, " | ")
		cat, text = strings.TrimSpace(cat), strings.TrimSpace(text)
		if !ok || !categories[cat] || text == "" {
			fail(fmt.Errorf("%s:%d: want CATEGORY | HEADLINE with a category of attributed, outlet, claim, question, negative", in, line))
		}
		count[cat]++
		part := "dev"
		if count[cat]%2 == 0 {
			part = "test"
		}
		split[part] = append(split[part], doc{ID: fmt.Sprintf("hl-%s-%03d", part, len(split[part])+1), Text: text, Headline: cat})
	}
	if err := sc.Err(); err != nil {
		fail(err)
	}
	for _, part := range []string{"dev", "test"} {
		var b strings.Builder
		for _, d := range split[part] {
			j, _ := json.Marshal(d)
			b.Write(j)
			b.WriteByte('\n')
		}
		out := "testdata/headlines/headlines-" + part + ".gold.jsonl"
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			fail(err)
		}
		fmt.Printf("%s: %d headlines\n", out, len(split[part]))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
