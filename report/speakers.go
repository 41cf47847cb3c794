package report

import (
	"hash/fnv"
	"sort"
	"strconv"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/output"
)

// SpeakerCount is one top speaker: their claims and denials, counted by
// speaker_key, and what their page shows. Name is the canonical name the
// speaker has most often.
type SpeakerCount struct {
	Name            string
	Key             string
	Claims, Denials int
	// Anchor is the id of the speaker's page in the report (speaker-1).
	Anchor string
	// Statements is a stable sample of Options.Statements of their
	// statements: denials first, up to half of them when there are claims
	// to fill the rest, and each content once.
	Statements []Statement
	claims     []Statement // candidates for the sample, while reading
	// Topics are the names their statements' contents mention most.
	Topics []NameCount
	// Periods counts their statements per timeline period (nil without a
	// timeline).
	Periods []int64
	names   map[string]int // canonical name → attributions
}

// Statement is one statement on a speaker's page.
type Statement struct {
	DocID      string
	Label      string
	Confidence float32
	Kind       string
	Cue        string
	Mention    string // the speaker as written
	Content    string
	// Sentence is the sentence the cue is in, from the article.
	Sentence string
	// Article is the anchor of the article's view in the report.
	Article string
	sentIdx int32
	rank    uint64 // the sample's order
}

// speakerKey is the key an attribution's speaker is counted by:
// speaker_key, so that Tory MP Boris Johnson and Boris Johnson are one
// speaker; for an output from before speaker_key, the canonical name.
func speakerKey(q *output.QuoteRow) (string, bool) {
	if q.SpeakerCanonical == nil || *q.SpeakerCanonical == "" {
		return "", false
	}
	if q.SpeakerKey != nil && *q.SpeakerKey != "" {
		return *q.SpeakerKey, true
	}
	return *q.SpeakerCanonical, true
}

// commonestName is the canonical name the speaker has most often (ties:
// the first in sort order).
func (s *SpeakerCount) commonestName() string {
	best := ""
	for n, c := range s.names {
		if best == "" || c > s.names[best] || c == s.names[best] && n < best {
			best = n
		}
	}
	return best
}

// topSpeakers is the n speakers with the most statements, with anchors.
func topSpeakers(speakers map[string]*SpeakerCount, n int) []SpeakerCount {
	var out []SpeakerCount
	for _, s := range speakers {
		s.Name = s.commonestName()
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Claims+a.Denials != b.Claims+b.Denials {
			return a.Claims+a.Denials > b.Claims+b.Denials
		}
		return a.Name < b.Name
	})
	if len(out) > n {
		out = out[:n]
	}
	for i := range out {
		out[i].Anchor = "speaker-" + strconv.Itoa(i+1)
	}
	return out
}

// statementRank orders a speaker's statements for the sample: a hash of
// where the statement is, so that the sample is the same on every run and
// spread over the corpus.
func statementRank(q *output.QuoteRow) uint64 {
	h := fnv.New64a()
	h.Write([]byte(q.DocID))
	h.Write([]byte{0, byte(q.QuoteIdx), byte(q.QuoteIdx >> 8), byte(q.QuoteIdx >> 16)})
	return h.Sum64()
}

// contentSpan is a top speaker's statement's content in an article, for
// counting the names it mentions.
type contentSpan struct {
	start, end int32
	speaker    int
}

// readSpeakerStatements reads the quotes a second time for the top
// speakers: a sample of their statements, their statements per period,
// and where their contents lie (for topics).
func (d *Data) readSpeakerStatements(dir string) error {
	if len(d.Speakers) == 0 {
		return nil
	}
	index := map[string]int{}
	for i := range d.Speakers {
		index[d.Speakers[i].Key] = i
		if d.Timeline != nil {
			d.Speakers[i].Periods = make([]int64, len(d.Timeline.Labels))
		}
	}
	d.spans = map[string][]contentSpan{}
	keep := d.opts.Statements
	err := output.ReadRows(dir, output.TableQuotes, func(q *output.QuoteRow) error {
		if !d.shown(q) {
			return nil
		}
		key, ok := speakerKey(q)
		i, top := index[key]
		if !ok || !top {
			return nil
		}
		s := &d.Speakers[i]
		if p := d.periodOf(q.DocID); p >= 0 {
			s.Periods[p]++
		}
		d.spans[q.DocID] = append(d.spans[q.DocID], contentSpan{q.ContentStart, q.ContentEnd, i})
		st := Statement{DocID: q.DocID, Label: q.Label, Confidence: q.Confidence, Kind: q.Kind,
			Cue: deref(q.Cue), Mention: deref(q.Speaker), Content: q.Content, sentIdx: q.SentIdx, rank: statementRank(q)}
		list := &s.claims
		if q.Label == doc.LabelDenial {
			list = &s.Statements
		}
		if *list = append(*list, st); len(*list) >= 4*keep {
			*list = firstStatements(*list, keep)
		}
		return nil
	})
	if err != nil {
		return d.present(output.TableQuotes, err)
	}
	for i := range d.Speakers {
		s := &d.Speakers[i]
		s.Statements = mixStatements(firstStatements(s.Statements, keep), firstStatements(s.claims, keep), keep)
		s.claims = nil
	}
	return nil
}

// firstStatements keeps the n statements of lowest rank, in rank order,
// each content once (an article that is in the corpus twice repeats its
// statements).
func firstStatements(st []Statement, n int) []Statement {
	sort.Slice(st, func(i, j int) bool { return st[i].rank < st[j].rank })
	seen := map[string]bool{}
	out := st[:0]
	for _, x := range st {
		if !seen[x.Content] && len(out) < n {
			seen[x.Content] = true
			out = append(out, x)
		}
	}
	clear(st[len(out):])
	return out
}

// mixStatements is the page's sample: denials first, up to half of n when
// claims can fill the rest.
func mixStatements(denials, claims []Statement, n int) []Statement {
	nd := min(len(denials), max(n/2, n-len(claims)))
	out := append([]Statement(nil), denials[:nd]...)
	return append(out, claims[:min(len(claims), n-nd)]...)
}

// topicCounter counts, for each top speaker, the names mentioned inside
// their statements' contents, leaving out the speaker's own.
type topicCounter struct {
	spans  map[string][]contentSpan
	keys   []string
	counts []map[string]int
}

func newTopicCounter(speakers []SpeakerCount, spans map[string][]contentSpan) *topicCounter {
	t := &topicCounter{spans: spans, counts: make([]map[string]int, len(speakers))}
	for i, s := range speakers {
		t.keys = append(t.keys, s.Key)
		t.counts[i] = map[string]int{}
	}
	return t
}

func (t *topicCounter) mention(e *output.EntityRow) {
	for _, sp := range t.spans[e.DocID] {
		if e.Start >= sp.start && e.End <= sp.end && e.EntityKey != t.keys[sp.speaker] {
			t.counts[sp.speaker][e.Canonical]++
		}
	}
}

// topicsShown is how many names a speaker's page lists.
const topicsShown = 10

func (t *topicCounter) finish(speakers []SpeakerCount) {
	for i := range speakers {
		speakers[i].Topics = topNames(t.counts[i], topicsShown)
	}
}

// DenialSamples are the denials the page lists: by a source, and in the
// outlet's own voice, each a stable sample, with their counts.
type DenialSamples struct {
	NAttributed, NOutlet int
	Attributed, Outlet   []Statement
}

func (ds *DenialSamples) add(q *output.QuoteRow, keep int) {
	st := Statement{DocID: q.DocID, Label: q.Label, Confidence: q.Confidence, Kind: q.Kind, Cue: deref(q.Cue),
		Mention: deref(q.Speaker), Content: q.Content, sentIdx: q.SentIdx, rank: statementRank(q)}
	list := &ds.Attributed
	if q.Kind == doc.KindAuthor {
		ds.NOutlet++
		list = &ds.Outlet
	} else {
		ds.NAttributed++
	}
	if *list = append(*list, st); len(*list) >= 4*keep {
		*list = firstStatements(*list, keep)
	}
}

func (ds *DenialSamples) finish(keep int) {
	ds.Attributed, ds.Outlet = firstStatements(ds.Attributed, keep), firstStatements(ds.Outlet, keep)
}

// linkStatements fills each sampled statement's sentence and the anchor of
// its article's view, once the articles are loaded.
func (d *Data) linkStatements() {
	anchors := map[string]*output.DocView{}
	for _, v := range d.Docs {
		anchors[v.ID] = v
	}
	link := func(list []Statement) {
		for j := range list {
			st := &list[j]
			if v := anchors[st.DocID]; v != nil {
				st.Article = ArticleAnchor(v.ID)
				st.Sentence = v.Sentence(st.sentIdx)
			}
		}
	}
	for i := range d.Speakers {
		link(d.Speakers[i].Statements)
	}
	link(d.Denials.Attributed)
	link(d.Denials.Outlet)
}

// ArticleAnchor is the id of an article's view in the report: a hash of
// its doc_id, since a doc_id may hold any character.
func ArticleAnchor(docID string) string {
	h := fnv.New64a()
	h.Write([]byte(docID))
	return "a-" + strconv.FormatUint(h.Sum64(), 36)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
