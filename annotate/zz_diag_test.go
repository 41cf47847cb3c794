package annotate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestZZDiag(t *testing.T) {
	dir := os.Getenv("DIAG_DIR")
	if dir == "" {
		t.Skip()
	}
	cfg := DefaultConfig()
	cfg.CueModel = os.Getenv("DIAG_MODEL")
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	anns, _ := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	counts := map[string]int{}
	examples := map[string][]string{}
	for _, an := range anns {
		base := filepath.Base(an)
		id := base[:strings.LastIndex(base, "_")]
		tb, err := os.ReadFile(filepath.Join(dir, "text", id+".txt"))
		if err != nil {
			continue
		}
		text := string(tb)
		// code point -> byte
		var cp2b []int
		for b := range text {
			cp2b = append(cp2b, b)
		}
		cp2b = append(cp2b, len(text))
		ab, _ := os.ReadFile(an)
		var cues [][2]int
		for _, line := range strings.Split(string(ab), "\n") {
			p := strings.Split(line, "\t")
			if len(p) < 3 || !strings.HasPrefix(p[0], "T") || !strings.HasPrefix(p[1], "Cue ") {
				continue
			}
			fr := strings.Split(strings.TrimPrefix(p[1], "Cue "), ";")
			f0 := strings.Fields(fr[0])
			f1 := strings.Fields(fr[len(fr)-1])
			s, _ := strconv.Atoi(f0[0])
			e, _ := strconv.Atoi(f1[1])
			if e >= len(cp2b) {
				continue
			}
			cues = append(cues, [2]int{cp2b[s], cp2b[e]})
		}
		zones := FindZones(text, "")
		r, err := a.nlp(context.Background(), text, zones, true)
		if err != nil {
			t.Fatal(err)
		}
		r.mentions = a.entities(text, &r)
		ats := a.quotesStage(text, zones, &r, r.mentions)
		toks := r.tokens
		low := lowerTokens(toks)
		learned := make([]bool, len(toks))
		lex := make([]bool, len(toks))
		for _, rng := range r.sentToks {
			l := a.cueModel.predict(toks[rng[0]:rng[1]], low[rng[0]:rng[1]], a.cues, &cueScratch{}, cueThreshold)
			copy(learned[rng[0]:], l)
			for k := rng[0]; k < rng[1]; k++ {
				if _, n := a.matchCue(toks, low, k, rng[1]); n > 0 {
					for j := k; j < k+n; j++ {
						lex[j] = true
					}
				}
			}
		}
		for _, c := range cues {
			i := sort.Search(len(toks), func(i int) bool { return toks[i].End > c[0] })
			var pos string
			isLex, isLearned := false, false
			for j := i; j < len(toks) && toks[j].Start < c[1]; j++ {
				if pos == "" {
					pos = toks[j].POS
				}
				isLex = isLex || lex[j]
				isLearned = isLearned || learned[j]
			}
			found := false
			for _, at := range ats {
				if at.cue[0] < c[1] && c[0] < at.cue[1] {
					found = true
				}
			}
			if len(pos) > 2 {
				pos = pos[:2]
			}
			k := fmt.Sprintf("pos=%-4s lex=%-5v model=%-5v found=%v", pos, isLex, isLearned, found)
			counts[k]++
			if len(examples[k]) < 40 {
				s0 := max(0, c[0]-60)
				e0 := min(len(text), c[1]+60)
				examples[k] = append(examples[k], strings.ReplaceAll(text[s0:c[0]]+"[["+text[c[0]:c[1]]+"]]"+text[c[1]:e0], "\n", " "))
			}
		}
	}
	var ks []string
	for k := range counts {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return counts[ks[i]] > counts[ks[j]] })
	for _, k := range ks {
		fmt.Println(counts[k], k)
		if os.Getenv("DIAG_EX") != "" {
			for _, e := range examples[k] {
				fmt.Println("     ", e)
			}
		}
	}
}
