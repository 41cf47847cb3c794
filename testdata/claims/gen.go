//go:build ignore

// gen turns the marked-up claims set (claims.txt) into native gold JSONL
// (claims.gold.jsonl): go run testdata/claims/gen.go (make claims-gold).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

type span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type quote struct {
	Speaker *span  `json:"speaker,omitempty"`
	Cue     *span  `json:"cue,omitempty"`
	Content span   `json:"content"`
	Kind    string `json:"kind"`
	Label   string `json:"label"`
}

type doc struct {
	ID     string  `json:"id"`
	Text   string  `json:"text"`
	Quotes []quote `json:"quotes"`
}

func main() {
	in, out := "testdata/claims/claims.txt", "testdata/claims/claims.gold.jsonl"
	f, err := os.Open(in)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	var docs []doc
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		d, err := parse(s, fmt.Sprintf("claims-%03d", line))
		if err != nil {
			fail(fmt.Errorf("%s:%d: %v", in, line, err))
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		fail(err)
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			fail(err)
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("%s: %d documents\n", out, len(docs))
}

// parse reads one marked-up line: "{s1 …} {c1 …} {q1 …} | 1 denial".
func parse(line, id string) (doc, error) {
	i := strings.LastIndex(line, " | ")
	if i < 0 {
		return doc{}, fmt.Errorf("no \" | \" before the labels")
	}
	body, labels := line[:i], line[i+3:]
	type open struct {
		role byte
		n    int
		at   int // code points into the plain text
	}
	var stack []open
	var text strings.Builder
	cp := 0
	spans := map[int]map[byte]span{}
	for j := 0; j < len(body); {
		r, size := utf8.DecodeRuneInString(body[j:])
		switch {
		case r == '{':
			k := j + 1
			if k >= len(body) || !strings.ContainsRune("scq", rune(body[k])) {
				return doc{}, fmt.Errorf("column %d: { must be followed by s, c or q and a number", j+1)
			}
			e := k + 1
			for e < len(body) && body[e] >= '0' && body[e] <= '9' {
				e++
			}
			n, err := strconv.Atoi(body[k+1 : e])
			if err != nil || e >= len(body) || body[e] != ' ' {
				return doc{}, fmt.Errorf("column %d: bad mark %q", j+1, body[j:min(e+1, len(body))])
			}
			stack = append(stack, open{body[k], n, cp})
			j = e + 1
		case r == '}':
			if len(stack) == 0 {
				return doc{}, fmt.Errorf("column %d: } with no open mark", j+1)
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if spans[o.n] == nil {
				spans[o.n] = map[byte]span{}
			}
			if _, dup := spans[o.n][o.role]; dup {
				return doc{}, fmt.Errorf("%c%d marked twice", o.role, o.n)
			}
			spans[o.n][o.role] = span{Start: o.at, End: cp}
			j++
		default:
			text.WriteRune(r)
			cp++
			j += size
		}
	}
	if len(stack) > 0 {
		return doc{}, fmt.Errorf("%c%d is never closed", stack[0].role, stack[0].n)
	}
	plain := text.String()
	runes := []rune(plain)
	fill := func(s span) *span {
		s.Text = string(runes[s.Start:s.End])
		return &s
	}
	d := doc{ID: id, Text: plain}
	for _, l := range strings.Split(labels, ",") {
		f := strings.Fields(l)
		if len(f) != 2 || f[1] != "claim" && f[1] != "denial" {
			return doc{}, fmt.Errorf("label %q: want N claim or N denial", strings.TrimSpace(l))
		}
		n, err := strconv.Atoi(f[0])
		if err != nil {
			return doc{}, fmt.Errorf("label %q: %v", l, err)
		}
		m, ok := spans[n]
		if !ok {
			return doc{}, fmt.Errorf("label for attribution %d, which is not marked", n)
		}
		c, ok := m['q']
		if !ok {
			return doc{}, fmt.Errorf("attribution %d has no content {q%d …}", n, n)
		}
		q := quote{Content: *fill(c), Kind: "indirect", Label: f[1]}
		if c.End > c.Start && strings.ContainsRune("“\"‘", runes[c.Start]) {
			q.Kind = "direct"
		}
		if s, ok := m['s']; ok {
			q.Speaker = fill(s)
		}
		if s, ok := m['c']; ok {
			q.Cue = fill(s)
		}
		d.Quotes = append(d.Quotes, q)
		delete(spans, n)
	}
	for n := range spans {
		return doc{}, fmt.Errorf("attribution %d is marked but has no label", n)
	}
	return d, nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
