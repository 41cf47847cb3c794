package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
)

func main() {
	docs, _, _ := datasets.ReadGold("../shared/data/polnear/dev")
	a, _ := annotate.New(annotate.DefaultConfig())
	missByCue := map[string]int{}
	var examples []string
	fp := 0
	var fps []string
	for _, d := range docs {
		doc, _ := a.Annotate(context.Background(), d.Text, "")
		r := []rune(d.Text)
		usedP := map[int]bool{}
		for _, g := range d.Quotes {
			gs, ge := g.Content.Fragments[0][0], g.Content.Fragments[len(g.Content.Fragments)-1][1]
			hit := false
			for pi, q := range doc.Quotes {
				lo, hi := max(gs, q.Content.Start), min(ge, q.Content.End)
				if hi > lo && float64(hi-lo) >= 0.3*float64(g.Content.Len()) {
					hit = true
					usedP[pi] = true
				}
			}
			if !hit {
				cue := strings.ToLower(g.Cue.Text)
				missByCue[cue]++
				if len(examples) < 400 {
					ctx := string(r[max(0, gs-60):min(len(r), ge+10)])
					examples = append(examples, fmt.Sprintf("[%s] %q", cue, strings.ReplaceAll(ctx, "\n", " ")))
				}
			}
		}
		for pi, q := range doc.Quotes {
			if !usedP[pi] {
				fp++
				if len(fps) < 400 {
					fps = append(fps, fmt.Sprintf("[%s|%s] %q", q.Cue.Text, q.Speaker.Text, q.Content.Text[:min(len(q.Content.Text), 80)]))
				}
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var s []kv
	for k, v := range missByCue {
		s = append(s, kv{k, v})
	}
	sort.Slice(s, func(i, j int) bool { return s[i].v > s[j].v })
	for _, x := range s[:40] {
		fmt.Printf("%s=%d  ", x.k, x.v)
	}
	fmt.Println()
	for i := 0; i < len(examples); i += 25 {
		fmt.Println("MISS", examples[i])
	}
	fmt.Println("false positives:", fp)
	for i := 0; i < len(fps); i += 30 {
		fmt.Println("FP", fps[i])
	}
}
