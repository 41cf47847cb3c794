package pipeline

import (
	"errors"
	"path/filepath"
	"slices"

	"github.com/newsnlp/newsnlp/output"
)

// TallyTables fills a manifest's counts from the tables in dir, read back
// from the part files: records read = documents + errors, per source too,
// words, warnings, errors by kind, rows and files. A runner whose workers
// write their own part files (the Beam pipeline) builds its manifest so.
func TallyTables(dir string, m *output.Manifest) error {
	m.Rows, m.ErrorsByKind, m.Warnings = output.Counts{}, map[string]int64{}, map[string]int64{}
	m.BySource, m.Files = map[string]*output.RecordCounts{}, map[string][]string{}
	src := func(name string) *output.RecordCounts {
		c := m.BySource[name]
		if c == nil {
			c = &output.RecordCounts{}
			m.BySource[name] = c
		}
		return c
	}
	err := output.ReadRows(dir, output.TableDocuments, func(d *output.DocumentRow) error {
		m.Records.Documents++
		m.Words += int64(d.NWords)
		for _, w := range d.Warnings {
			m.Warnings[w]++
		}
		c := src(d.Source)
		c.Read++
		c.Documents++
		if slices.Contains(d.Warnings, WarningAnnotateFailed) {
			// Its errors row is no record of its own.
			if m.NotAnnotated == nil {
				m.NotAnnotated = map[string]int64{}
			}
			m.NotAnnotated[NotAnnotatedFailed]++
			c.Read--
			c.Errors--
		}
		return nil
	})
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return err
	}
	err = output.ReadRows(dir, output.TableErrors, func(e *output.ErrorRow) error {
		m.Records.Errors++
		m.ErrorsByKind[e.Kind]++
		c := src(e.Source)
		c.Read++
		c.Errors++
		return nil
	})
	if err != nil && !errors.Is(err, output.ErrNoTable) {
		return err
	}
	m.Records.Errors -= m.NotAnnotated[NotAnnotatedFailed]
	m.Records.Read = m.Records.Documents + m.Records.Errors
	for _, t := range output.Tables {
		parts, err := output.PartFiles(dir, t)
		if err != nil {
			continue
		}
		n, err := output.CountRows(parts)
		if err != nil {
			return err
		}
		m.Rows[t] = n
		for _, p := range parts {
			m.Files[t] = append(m.Files[t], t+"/"+filepath.Base(p))
		}
	}
	return nil
}
