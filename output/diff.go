package output

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// TableDiff is what changed in one table between two runs. Rows are keyed
// by doc_id and span (documents by doc_id, errors by source and record); a
// row whose key is in both runs but whose other columns differ is changed.
// Running numbers (tok_idx, mention_idx, quote_idx) are not compared: one
// inserted row would otherwise change every row after it. A token's head is
// compared as its distance from the token (-1: the token before), for the
// same reason.
type TableDiff struct {
	Table     string        `json:"table"`
	Old       int64         `json:"old"`
	New       int64         `json:"new"`
	Added     int64         `json:"added"`
	Removed   int64         `json:"removed"`
	Changed   int64         `json:"changed"`
	Unchanged int64         `json:"unchanged"`
	Examples  []DiffExample `json:"examples,omitempty"`
}

// Rate is the share of rows added, removed or changed, out of the larger of
// the two runs.
func (d TableDiff) Rate() float64 {
	n := max(d.Old, d.New)
	if n == 0 {
		return 0
	}
	return float64(d.Added+d.Removed+d.Changed) / float64(n)
}

// DiffExample is one changed row, described with its text.
type DiffExample struct {
	Change string `json:"change"` // added, removed, changed
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
}

// diffSpec says how to key, compare and describe one table's rows.
type diffSpec[T Row] struct {
	table    string
	key      func(*T) string
	content  func(*T) string
	describe func(*T) string
}

func span(doc string, s, e int32) string {
	return doc + " [" + strconv.Itoa(int(s)) + "," + strconv.Itoa(int(e)) + ")"
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Diff compares every table of two output folders. At most examples
// examples are kept per table. Memory is one key and one 64-bit hash per
// row of OLD, never the rows themselves.
func Diff(oldDir, newDir string, tables []string, examples int) ([]TableDiff, error) {
	if len(tables) == 0 {
		tables = Tables
	}
	var out []TableDiff
	for _, t := range tables {
		var d TableDiff
		var err error
		switch t {
		case TableDocuments:
			d, err = diffTable(oldDir, newDir, examples, diffSpec[DocumentRow]{t,
				func(r *DocumentRow) string { return r.DocID },
				func(r *DocumentRow) string {
					published := ""
					if r.Published != nil {
						published = r.Published.UTC().String()
					}
					return fmt.Sprint(r.Text, deref(r.Title), deref(r.Author), deref(r.URL), published, deref(r.Lang), r.Zones, r.NTokens, r.NSentences, r.NEntities, r.NQuotes, r.NClaims, r.NDenials, r.Warnings, deref(r.DuplicateOf), deref(r.Meta))
				},
				func(r *DocumentRow) string {
					return fmt.Sprintf("%s %q: %d sentences, %d tokens, %d entities, %d quotes", r.DocID, clip(deref(r.Title), 50), r.NSentences, r.NTokens, r.NEntities, r.NQuotes)
				}})
		case TableSentences:
			d, err = diffTable(oldDir, newDir, examples, diffSpec[SentenceRow]{t,
				func(r *SentenceRow) string { return span(r.DocID, r.Start, r.End) },
				func(r *SentenceRow) string { return r.Zone + "|" + strconv.Itoa(int(r.NTokens)) },
				func(r *SentenceRow) string {
					return fmt.Sprintf("%s %s, %d tokens", span(r.DocID, r.Start, r.End), r.Zone, r.NTokens)
				}})
		case TableTokens:
			d, err = diffTable(oldDir, newDir, examples, diffSpec[TokenRow]{t,
				func(r *TokenRow) string { return span(r.DocID, r.Start, r.End) },
				func(r *TokenRow) string {
					return r.Text + "|" + r.POS + "|" + r.Lemma + "|" + r.UPOS + "|" + relativeHead(r) + "|" + r.Dep
				},
				func(r *TokenRow) string {
					return fmt.Sprintf("%s %q/%s lemma %q, %s of %s", span(r.DocID, r.Start, r.End), r.Text, r.POS, r.Lemma, r.Dep, relativeHead(r))
				}})
		case TableEntities:
			d, err = diffTable(oldDir, newDir, examples, diffSpec[EntityRow]{t,
				func(r *EntityRow) string { return span(r.DocID, r.Start, r.End) },
				func(r *EntityRow) string { return r.Label + "|" + r.Canonical + "|" + r.Origin },
				func(r *EntityRow) string {
					return fmt.Sprintf("%s %q %s (canonical %q, %s)", span(r.DocID, r.Start, r.End), r.Text, r.Label, r.Canonical, r.Origin)
				}})
		case TableQuotes:
			d, err = diffTable(oldDir, newDir, examples, diffSpec[QuoteRow]{t,
				func(r *QuoteRow) string { return span(r.DocID, r.ContentStart, r.ContentEnd) },
				func(r *QuoteRow) string {
					return fmt.Sprint(r.Kind, deref(r.Cue), deref(r.Speaker), deref(r.SpeakerCanonical), r.SpeakerResolution, r.Label, r.Confidence, r.Negated, r.Hedged, r.Conditional, r.Evidence)
				},
				func(r *QuoteRow) string {
					return fmt.Sprintf("%s %q, speaker %q (%s), cue %q, %s", span(r.DocID, r.ContentStart, r.ContentEnd), clip(r.Content, 60), deref(r.Speaker), r.SpeakerResolution, deref(r.Cue), r.Label)
				}})
		case TableErrors:
			d, err = diffTable(oldDir, newDir, examples, diffSpec[ErrorRow]{t,
				func(r *ErrorRow) string { return r.Source + "#" + strconv.FormatInt(r.Record, 10) },
				func(r *ErrorRow) string { return r.Stage + "|" + r.Kind + "|" + r.Error },
				func(r *ErrorRow) string {
					return fmt.Sprintf("%s:%d %s: %s", r.Source, r.Line, r.Kind, clip(r.Error, 80))
				}})
		default:
			return nil, fmt.Errorf("unknown table %q (tables: %s)", t, strings.Join(Tables, ", "))
		}
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func hash(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func diffTable[T Row](oldDir, newDir string, examples int, spec diffSpec[T]) (TableDiff, error) {
	d := TableDiff{Table: spec.table}
	// Rows with the same key in one run (two mentions on one span) are told
	// apart by their occurrence number.
	occurrence := func(seen map[string]int, k string) string {
		seen[k]++
		if n := seen[k]; n > 1 {
			return k + "#" + strconv.Itoa(n)
		}
		return k
	}
	old := map[string]uint64{}
	seen := map[string]int{}
	err := ReadRows(oldDir, spec.table, func(r *T) error {
		d.Old++
		old[occurrence(seen, spec.key(r))] = hash(spec.content(r))
		return nil
	})
	if err != nil {
		return d, err
	}
	changedKeys := map[string]string{} // key → new description, for examples
	seen = map[string]int{}
	err = ReadRows(newDir, spec.table, func(r *T) error {
		d.New++
		k := occurrence(seen, spec.key(r))
		h, ok := old[k]
		switch {
		case !ok:
			d.Added++
			if len(d.Examples) < examples {
				d.Examples = append(d.Examples, DiffExample{Change: "added", New: spec.describe(r)})
			}
		case h != hash(spec.content(r)):
			d.Changed++
			if len(changedKeys) < examples {
				changedKeys[k] = spec.describe(r)
			}
			delete(old, k)
		default:
			d.Unchanged++
			delete(old, k)
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	d.Removed = int64(len(old))
	// A second pass over OLD describes removed and changed rows; it runs
	// only when there is something to show.
	if (d.Removed > 0 || len(changedKeys) > 0) && examples > 0 {
		seen = map[string]int{}
		removedShown := 0
		err = ReadRows(oldDir, spec.table, func(r *T) error {
			k := occurrence(seen, spec.key(r))
			if desc, ok := changedKeys[k]; ok {
				d.Examples = append(d.Examples, DiffExample{Change: "changed", Old: spec.describe(r), New: desc})
			} else if _, ok := old[k]; ok && removedShown < examples {
				removedShown++
				d.Examples = append(d.Examples, DiffExample{Change: "removed", Old: spec.describe(r)})
			}
			return nil
		})
	}
	return d, err
}

// relativeHead is where a token's head is, counted from the token, or
// "root".
func relativeHead(r *TokenRow) string {
	if r.Head == nil {
		return "root"
	}
	return fmt.Sprintf("%+d", *r.Head-r.TokIdx)
}
