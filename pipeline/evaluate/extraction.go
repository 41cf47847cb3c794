package evaluate

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/datasets"
)

// ExtractionScores compare the main text newsnlp extracts from web pages
// with a hand-made article body, as scrapinghub's article extraction
// benchmark does: precision and recall of the extracted words against the
// gold words, each counted as often as it occurs.
type ExtractionScores struct {
	Pages    int         `json:"pages"`
	Failed   int         `json:"failed"` // pages with no text extracted (scored 0)
	F1Mean   float64     `json:"f1_mean"`
	F1Median float64     `json:"f1_median"`
	F1P10    float64     `json:"f1_p10"` // the 10th percentile: nine pages in ten do better
	PMean    float64     `json:"precision_mean"`
	RMean    float64     `json:"recall_mean"`
	Worst    []PageScore `json:"worst"`
}

// PageScore is one page's extraction score.
type PageScore struct {
	Key  string  `json:"key"`
	P    float64 `json:"p"`
	R    float64 `json:"r"`
	F1   float64 `json:"f1"`
	Note string  `json:"note,omitempty"`
}

// IsExtractionGold reports whether path is an article-extraction gold set:
// a folder holding ground-truth.json (key → articleBody, url) and pages/
// with <key>.html or <key>.html.gz.
func IsExtractionGold(path string) bool {
	st, err := os.Stat(filepath.Join(path, "ground-truth.json"))
	if err != nil || st.IsDir() {
		return false
	}
	st, err = os.Stat(filepath.Join(path, "pages"))
	return err == nil && st.IsDir()
}

// ScoreExtraction extracts every page of an extraction gold set with the
// same code as `annotate` uses for HTML input and scores it.
func ScoreExtraction(dir string) (*Report, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gold map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "ground-truth.json"), err)
	}
	keys := make([]string, 0, len(gold))
	for k := range gold {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	s := &ExtractionScores{}
	var f1s []float64
	var all []PageScore
	for _, k := range keys {
		g := gold[k]
		page, err := readPage(filepath.Join(dir, "pages", k))
		if err != nil {
			return nil, err
		}
		ps := PageScore{Key: k}
		if p, err := datasets.ExtractHTML(page, g.URL); err != nil {
			s.Failed++
			ps.Note = err.Error()
		} else {
			ps.P, ps.R, ps.F1 = tokenPRF(p.Text, g.ArticleBody)
		}
		s.Pages++
		s.PMean += ps.P
		s.RMean += ps.R
		s.F1Mean += ps.F1
		f1s = append(f1s, ps.F1)
		all = append(all, ps)
	}
	if s.Pages == 0 {
		return nil, fmt.Errorf("%s: ground-truth.json lists no page", dir)
	}
	n := float64(s.Pages)
	s.PMean, s.RMean, s.F1Mean = s.PMean/n, s.RMean/n, s.F1Mean/n
	sort.Float64s(f1s)
	s.F1Median = f1s[len(f1s)/2]
	s.F1P10 = f1s[len(f1s)/10]
	sort.SliceStable(all, func(i, j int) bool { return all[i].F1 < all[j].F1 })
	s.Worst = all[:min(5, len(all))]
	return &Report{Documents: s.Pages, Extraction: s, Metrics: map[string]float64{
		"extraction.f1_mean": s.F1Mean, "extraction.f1_median": s.F1Median, "extraction.f1_p10": s.F1P10,
		"extraction.precision_mean": s.PMean, "extraction.recall_mean": s.RMean,
	}}, nil
}

func readPage(base string) ([]byte, error) {
	for _, name := range []string{base + ".html.gz", base + ".html", base + ".htm"} {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
		var r io.Reader = f
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(f)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			r = zr
		}
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%s: no .html.gz, .html or .htm page for this ground-truth key", base)
}

// tokenPRF scores the words of got against those of want, as multisets of
// white-space separated tokens.
func tokenPRF(got, want string) (p, r, f1 float64) {
	gw, ww := strings.Fields(got), strings.Fields(want)
	if len(gw) == 0 || len(ww) == 0 {
		return 0, 0, 0
	}
	count := map[string]int{}
	for _, w := range ww {
		count[w]++
	}
	common := 0
	for _, w := range gw {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	if common == 0 {
		return 0, 0, 0
	}
	p, r = float64(common)/float64(len(gw)), float64(common)/float64(len(ww))
	return p, r, 2 * p * r / (p + r)
}
