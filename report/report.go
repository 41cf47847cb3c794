// Package report builds the self-contained HTML page about an annotate
// output that `newsnlp report` writes: the run summary, the top speakers
// with their claims and denials, the top entities by label, denials per
// source, the first errors and a sample of articles. Build streams each
// table once, keeping aggregates and the sampled articles; Write renders
// them with html/template (automatic escaping) and the embedded CSS and
// script.
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
}

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
	NQuotes  int64
	// NHidden is how many attributions are left out: belief, perception
	// or attitude, or a score under 0.5 (Options.All shows them).
	NHidden   int64
	NClaims   int64
	NDenials  int64
	BuiltIn   time.Duration
	HasTables map[string]bool
}

// SpeakerCount is one speaker's claims and denials, counted by
// speaker_key; Name is the canonical name the speaker has most often.
type SpeakerCount struct {
	Name            string
	Claims, Denials int
	names           map[string]int // canonical name → attributions
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

// Build reads the output folder dir, each table once.
func Build(dir string, o Options) (*Data, error) {
	start := time.Now()
	d := &Data{Dir: dir, Entities: map[string][]NameCount{}, HasTables: map[string]bool{}}
	if m, err := output.ReadManifest(dir); err == nil {
		d.Manifest = m
	}
	for _, step := range []func(string, Options) error{d.readDocuments, d.readQuotes, d.readEntities, d.readErrors} {
		if err := step(dir, o); err != nil {
			return nil, err
		}
	}
	if o.MaxDocs > 0 {
		sel := output.DocSelector{Sample: o.MaxDocs}
		if d.NDocs <= int64(o.MaxDocs) {
			sel = output.DocSelector{All: true}
		}
		docs, _, err := output.LoadDocs(dir, sel)
		if err != nil {
			return nil, err
		}
		if !o.All {
			for _, v := range docs {
				v.KeepStatements()
			}
		}
		d.Docs = docs
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

// readDocuments counts the articles and each source's claims and denials.
func (d *Data) readDocuments(dir string, _ Options) error {
	bySource := map[string]*SourceCount{}
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
	return nil
}

// readQuotes counts claims and denials, and the top speakers'.
func (d *Data) readQuotes(dir string, o Options) error {
	speakers := map[string]*SpeakerCount{}
	err := output.ReadRows(dir, output.TableQuotes, func(q *output.QuoteRow) error {
		if !o.All && !q.IsStatement() {
			d.NHidden++
			return nil
		}
		d.NQuotes++
		denial := q.Label == doc.LabelDenial
		if denial {
			d.NDenials++
		} else {
			d.NClaims++
		}
		if q.SpeakerCanonical == nil || *q.SpeakerCanonical == "" {
			return nil
		}
		// A speaker is counted by speaker_key, so that Tory MP Boris
		// Johnson and Boris Johnson are one bar; an output from before
		// speaker_key counts by canonical name.
		key := *q.SpeakerCanonical
		if q.SpeakerKey != nil && *q.SpeakerKey != "" {
			key = *q.SpeakerKey
		}
		s := speakers[key]
		if s == nil {
			s = &SpeakerCount{names: map[string]int{}}
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
	for _, s := range speakers {
		s.Name = s.commonestName()
		d.Speakers = append(d.Speakers, *s)
	}
	sort.Slice(d.Speakers, func(i, j int) bool {
		a, b := d.Speakers[i], d.Speakers[j]
		if a.Claims+a.Denials != b.Claims+b.Denials {
			return a.Claims+a.Denials > b.Claims+b.Denials
		}
		return a.Name < b.Name
	})
	if len(d.Speakers) > o.Top {
		d.Speakers = d.Speakers[:o.Top]
	}
	return nil
}

// readEntities finds the top canonical names of each label.
func (d *Data) readEntities(dir string, o Options) error {
	names := map[string]map[string]int{}
	err := output.ReadRows(dir, output.TableEntities, func(e *output.EntityRow) error {
		byName := names[e.Label]
		if byName == nil {
			byName = map[string]int{}
			names[e.Label] = byName
		}
		byName[e.Canonical]++
		return nil
	})
	if err := d.present(output.TableEntities, err); err != nil {
		return err
	}
	for label, byName := range names {
		d.Labels = append(d.Labels, label)
		var list []NameCount
		for n, c := range byName {
			list = append(list, NameCount{n, c})
		}
		sort.Slice(list, func(i, j int) bool {
			if list[i].Count != list[j].Count {
				return list[i].Count > list[j].Count
			}
			return list[i].Name < list[j].Name
		})
		if len(list) > o.Top {
			list = list[:o.Top]
		}
		d.Entities[label] = list
	}
	sort.Slice(d.Labels, func(i, j int) bool { return labelOrder(d.Labels[i]) < labelOrder(d.Labels[j]) })
	return nil
}

// readErrors keeps the first errors rows.
func (d *Data) readErrors(dir string, o Options) error {
	err := output.ReadRows(dir, output.TableErrors, func(e *output.ErrorRow) error {
		d.NErrors++
		if len(d.Errors) < o.MaxErrors {
			d.Errors = append(d.Errors, *e)
		}
		return nil
	})
	return d.present(output.TableErrors, err)
}

func labelOrder(l string) int {
	for i, x := range []string{"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"} {
		if l == x {
			return i
		}
	}
	return 99
}
