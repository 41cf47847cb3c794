// Package report builds the self-contained HTML page about an annotate
// output that `newsnlp report` writes: the run summary, the top speakers
// with a page each (their claims and denials with the sentence, what they
// talk about, when), the top entities by label, statements over
// publication dates, a breakdown by an input field, denials per source,
// the first errors and a sample of articles. Build streams each table a
// bounded number of times, keeping aggregates, samples and the articles
// shown; Write renders them with html/template (automatic escaping), the
// embedded CSS and script, and Chart.js for the charts, all inlined.
//
// report imports output (to read the tables) and annotate/doc (the label
// names), nothing else of newsnlp's.
package report

import (
	"errors"
	"sort"
	"time"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/output"
)

// Options say how much the page shows.
type Options struct {
	MaxDocs   int // articles shown in full: a stable sample when the run has more
	MaxErrors int // errors rows listed
	Top       int // speakers and entities per chart
	// All shows every attribution; by default only statements are shown
	// (speech, score 0.5 or more: output.QuoteRow.IsStatement).
	All bool
	// By names a field of documents.meta to count articles and statements
	// by ("" for none).
	By string
	// Statements is how many statements a speaker's page lists: a stable
	// sample when the speaker has more (0: DefaultStatements).
	Statements int
}

// DefaultStatements is how many statements a speaker's page lists.
const DefaultStatements = 12

// Data is everything the page shows.
type Data struct {
	Dir      string
	Manifest *output.Manifest
	Speakers []SpeakerCount
	Entities map[string][]NameCount // label → top names
	Labels   []string
	Sources  []SourceCount
	Errors   []output.ErrorRow
	NErrors  int64
	Docs     []*output.DocView
	NDocs    int64
	// NSampled is how many of Docs are the --max-docs sample; the rest are
	// there because a speaker's page links to them.
	NSampled int
	NQuotes  int64
	// NHidden is how many attributions are left out: belief, perception
	// or attitude, or a score under 0.5 (Options.All shows them).
	NHidden  int64
	NClaims  int64
	NDenials int64
	// Denials are the statements labelled denial: by a source, and in the
	// outlet's own voice (author rows), each a stable sample.
	Denials   DenialSamples
	Timeline  *Timeline       // nil when no article has a date
	ByField   *FieldBreakdown // nil without Options.By
	BuiltIn   time.Duration
	HasTables map[string]bool

	opts     Options
	docDay   map[string]int32  // doc_id → publication day, for dated articles
	docField map[string]string // doc_id → the Options.By field's value
	cal      *calendar
	spans    map[string][]contentSpan // the top speakers' contents, by doc_id
}

// NameCount is how often an entity's canonical name occurs.
type NameCount struct {
	Name  string
	Count int
}

// SourceCount is one source's articles, claims and denials.
type SourceCount struct {
	Source                string
	Docs, Claims, Denials int64
}

// Build reads the output folder dir: documents, quotes twice, entities
// (twice when articles have dates), errors, and the articles shown.
func Build(dir string, o Options) (*Data, error) {
	start := time.Now()
	if o.Statements <= 0 {
		o.Statements = DefaultStatements
	}
	d := &Data{Dir: dir, Entities: map[string][]NameCount{}, HasTables: map[string]bool{}, opts: o,
		docDay: map[string]int32{}, docField: map[string]string{}}
	if m, err := output.ReadManifest(dir); err == nil {
		d.Manifest = m
	}
	steps := []func(string) error{d.readDocuments, d.readQuotes, d.readSpeakerStatements, d.readEntities, d.readEntityTimeline, d.readErrors, d.loadArticles}
	for _, step := range steps {
		if err := step(dir); err != nil {
			return nil, err
		}
	}
	d.BuiltIn = time.Since(start)
	return d, nil
}

// present records whether a table was there: a missing optional table is
// no error.
func (d *Data) present(table string, err error) error {
	d.HasTables[table] = err == nil
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return err
	}
	return nil
}

// readDocuments counts the articles and each source's claims and denials,
// and keeps each article's publication day and --by value.
func (d *Data) readDocuments(dir string) error {
	bySource := map[string]*SourceCount{}
	var minDay, maxDay int32
	dated := false
	fields := newFieldReader(d.opts.By)
	err := output.ReadRows(dir, output.TableDocuments, func(r *output.DocumentRow) error {
		d.NDocs++
		s := bySource[r.Source]
		if s == nil {
			s = &SourceCount{Source: r.Source}
			bySource[r.Source] = s
		}
		s.Docs++
		s.Claims += int64(r.NClaims)
		s.Denials += int64(r.NDenials)
		if r.Published != nil {
			day := dayOf(*r.Published)
			d.docDay[r.DocID] = day
			if !dated || day < minDay {
				minDay = day
			}
			if !dated || day > maxDay {
				maxDay = day
			}
			dated = true
		}
		if fields != nil {
			v := fields.value(r.Meta)
			d.docField[r.DocID] = v
			fields.doc(v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, s := range bySource {
		d.Sources = append(d.Sources, *s)
	}
	sort.Slice(d.Sources, func(i, j int) bool {
		a, b := d.Sources[i], d.Sources[j]
		if a.Denials != b.Denials {
			return a.Denials > b.Denials
		}
		return a.Source < b.Source
	})
	if d.cal = newCalendar(minDay, maxDay, dated); d.cal != nil {
		n := d.cal.n
		d.Timeline = &Timeline{Unit: d.cal.unit, Labels: d.cal.labels(), Claims: make([]int64, n), Denials: make([]int64, n),
			Undated: d.NDocs - int64(len(d.docDay))}
	}
	if fields != nil {
		d.ByField = fields.breakdown
	}
	return nil
}

// periodOf is the timeline period of an article, -1 when it has no date.
func (d *Data) periodOf(docID string) int {
	day, ok := d.docDay[docID]
	if !ok || d.cal == nil {
		return -1
	}
	return d.cal.period(day)
}

// shown tells whether the page counts an attribution: a statement, or any
// with Options.All.
func (d *Data) shown(q *output.QuoteRow) bool { return d.opts.All || q.IsStatement() }

// readQuotes counts claims and denials, overall, per period, per --by
// value and per speaker, and picks the top speakers.
func (d *Data) readQuotes(dir string) error {
	speakers := map[string]*SpeakerCount{}
	err := output.ReadRows(dir, output.TableQuotes, func(q *output.QuoteRow) error {
		if !d.shown(q) {
			d.NHidden++
			return nil
		}
		d.NQuotes++
		denial := q.Label == doc.LabelDenial
		if denial {
			d.NDenials++
			d.Denials.add(q, d.opts.Statements)
		} else {
			d.NClaims++
		}
		if p := d.periodOf(q.DocID); p >= 0 {
			if denial {
				d.Timeline.Denials[p]++
			} else {
				d.Timeline.Claims[p]++
			}
		}
		if d.ByField != nil {
			d.ByField.quote(d.docField[q.DocID], denial)
		}
		key, ok := speakerKey(q)
		if !ok {
			return nil
		}
		s := speakers[key]
		if s == nil {
			s = &SpeakerCount{Key: key, names: map[string]int{}}
			speakers[key] = s
		}
		s.names[*q.SpeakerCanonical]++
		if denial {
			s.Denials++
		} else {
			s.Claims++
		}
		return nil
	})
	if err := d.present(output.TableQuotes, err); err != nil {
		return err
	}
	d.Speakers = topSpeakers(speakers, d.opts.Top)
	if d.ByField != nil {
		d.ByField.finish(d.opts.Top)
	}
	return nil
}

// readEntities finds the top canonical names of each label, and what each
// top speaker's statements mention.
func (d *Data) readEntities(dir string) error {
	names := map[string]map[string]int{}
	topics := newTopicCounter(d.Speakers, d.spans)
	err := output.ReadRows(dir, output.TableEntities, func(e *output.EntityRow) error {
		byName := names[e.Label]
		if byName == nil {
			byName = map[string]int{}
			names[e.Label] = byName
		}
		byName[e.Canonical]++
		topics.mention(e)
		return nil
	})
	if err := d.present(output.TableEntities, err); err != nil {
		return err
	}
	topics.finish(d.Speakers)
	for label, byName := range names {
		d.Labels = append(d.Labels, label)
		d.Entities[label] = topNames(byName, d.opts.Top)
	}
	sort.Slice(d.Labels, func(i, j int) bool { return labelOrder(d.Labels[i]) < labelOrder(d.Labels[j]) })
	return nil
}

// timelineEntities is how many of the most mentioned names the timeline
// follows.
const timelineEntities = 5

// readEntityTimeline counts the most mentioned names' mentions per period;
// it reads the entities table a second time, only when articles have dates.
func (d *Data) readEntityTimeline(dir string) error {
	if d.Timeline == nil || !d.HasTables[output.TableEntities] {
		return nil
	}
	overall := map[string]int{}
	for _, l := range d.Labels {
		if l == "MISC" {
			continue
		}
		for _, n := range d.Entities[l] {
			overall[n.Name] += n.Count
		}
	}
	top := topNames(overall, timelineEntities)
	index := map[string]int{}
	for i, n := range top {
		index[n.Name] = i
		d.Timeline.Entities = append(d.Timeline.Entities, Series{Name: n.Name, Values: make([]int64, d.cal.n)})
	}
	return output.ReadRows(dir, output.TableEntities, func(e *output.EntityRow) error {
		if i, ok := index[e.Canonical]; ok {
			if p := d.periodOf(e.DocID); p >= 0 {
				d.Timeline.Entities[i].Values[p]++
			}
		}
		return nil
	})
}

// topNames is the n most frequent names, ties in name order.
func topNames(byName map[string]int, n int) []NameCount {
	var list []NameCount
	for name, c := range byName {
		list = append(list, NameCount{name, c})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Count != list[j].Count {
			return list[i].Count > list[j].Count
		}
		return list[i].Name < list[j].Name
	})
	if len(list) > n {
		list = list[:n]
	}
	return list
}

// readErrors keeps the first errors rows.
func (d *Data) readErrors(dir string) error {
	err := output.ReadRows(dir, output.TableErrors, func(e *output.ErrorRow) error {
		d.NErrors++
		if len(d.Errors) < d.opts.MaxErrors {
			d.Errors = append(d.Errors, *e)
		}
		return nil
	})
	return d.present(output.TableErrors, err)
}

// loadArticles loads the articles shown: a stable sample of MaxDocs, and
// every article a speaker's page links to.
func (d *Data) loadArticles(dir string) error {
	linked := map[string]bool{}
	for _, s := range d.Speakers {
		for _, st := range s.Statements {
			linked[st.DocID] = true
		}
	}
	d.Denials.finish(d.opts.Statements)
	for _, st := range append(append([]Statement(nil), d.Denials.Attributed...), d.Denials.Outlet...) {
		linked[st.DocID] = true
	}
	if d.opts.MaxDocs == 0 && len(linked) == 0 {
		return nil
	}
	sel := output.DocSelector{Sample: d.opts.MaxDocs, Also: linked, Sentences: true}
	if d.NDocs <= int64(d.opts.MaxDocs) {
		sel = output.DocSelector{All: true, Sentences: true}
	}
	sample := map[string]bool{}
	if sel.Sample > 0 {
		var err error
		if sample, err = output.SampleIDs(dir, d.opts.MaxDocs); err != nil {
			return err
		}
	}
	docs, _, err := output.LoadDocs(dir, sel)
	if err != nil {
		return err
	}
	// The sample first, then the linked articles, each in input order.
	sort.SliceStable(docs, func(i, j int) bool {
		return !isLinkedOnly(docs[i].ID, sel, sample) && isLinkedOnly(docs[j].ID, sel, sample)
	})
	for _, v := range docs {
		if !isLinkedOnly(v.ID, sel, sample) {
			d.NSampled++
		}
		if !d.opts.All {
			v.KeepStatements()
		}
	}
	d.Docs = docs
	d.linkStatements()
	return nil
}

func isLinkedOnly(id string, sel output.DocSelector, sample map[string]bool) bool {
	return !sel.All && !sample[id]
}

func labelOrder(l string) int {
	for i, x := range []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"} {
		if l == x {
			return i
		}
	}
	return 99
}
