package output

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ProgressName is the checkpoint file a run keeps in OUT until it
// completes. Its name starts with an underscore, so Spark, Hive and DuckDB
// globs over the table folders never mistake it for data.
const ProgressName = "_progress.json"

// ErrNothingToResume is returned by Resume when OUT holds no checkpoint.
var ErrNothingToResume = errors.New("nothing to resume")

// Progress is a run's checkpoint: the segments published so far and the
// counts that go with them, so that a resumed run skips the records
// already written and its manifest still reconciles.
type Progress struct {
	// Part is the part files' prefix and Parts the number of segments
	// published (files PART-00000 to PART-{Parts-1} of every table).
	Part  string `json:"part"`
	Parts int    `json:"parts"`
	// Config and Inputs must match on resume: the same input read with the
	// same settings gives the same records in the same order.
	Config  json.RawMessage `json:"config"`
	Inputs  []string        `json:"inputs"`
	Records RecordCounts    `json:"records"`
	// BySource reconciles records per input file.
	BySource     map[string]*RecordCounts `json:"by_source"`
	Rows         Counts                   `json:"rows"`
	Words        int64                    `json:"words"`
	ErrorsByKind map[string]int64         `json:"errors_by_kind"`
	Warnings     map[string]int64         `json:"warnings"`
	Languages    map[string]int64         `json:"languages"`
	NotAnnotated map[string]int64         `json:"not_annotated"`
	// Resumed counts the times the run was continued.
	Resumed int `json:"resumed"`
	// Fingerprints identify each input file as the run first read it, so
	// that a resume refuses a file that changed since.
	Fingerprints map[string]Fingerprint `json:"fingerprints,omitempty"`
}

// Fingerprint identifies one input file's content cheaply: its size, its
// modification time and a hash of its first and last MiB.
type Fingerprint struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mod_time"`
	Hash    string    `json:"hash"`
}

// ReadProgress reads OUT's checkpoint; it wraps ErrNothingToResume when
// there is none.
func ReadProgress(dir string, shard Shard) (*Progress, error) {
	name := shard.ProgressName()
	path := filepath.Join(dir, name)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("output %s: %w: it has no %s (a run that completed, or none)", dir, ErrNothingToResume, name)
	}
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", dir, err)
	}
	var p Progress
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if p.Parts < 0 || p.Part == "" || strings.ContainsAny(p.Part, `/\`) {
		return nil, fmt.Errorf("%s: part %q, parts %d: not a newsnlp checkpoint", path, p.Part, p.Parts)
	}
	return &p, nil
}

// RemoveProgress deletes OUT's checkpoint once the run's manifest says it
// is complete.
func RemoveProgress(dir string, shard Shard) error {
	err := os.Remove(filepath.Join(dir, shard.ProgressName()))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Resume reopens OUT after a run stopped at checkpoint p (from
// ReadProgress): it removes whatever was written after the checkpoint
// (temporary files, and part files of a segment whose checkpoint was never
// recorded) and opens the next segment. The Writer's counts start from p.
func Resume(dir, version string, p *Progress, opts Options) (*Writer, error) {
	opts.Part = p.Part
	w := newWriter(dir, version, opts)
	for _, t := range Tables {
		if err := os.MkdirAll(filepath.Join(dir, t), 0o755); err != nil {
			return nil, fmt.Errorf("output %s: %w", dir, err)
		}
		entries, err := os.ReadDir(filepath.Join(dir, t))
		if err != nil {
			return nil, fmt.Errorf("output %s: %w", dir, err)
		}
		kept := map[string]bool{}
		for k := 0; k < p.Parts; k++ {
			kept[w.partName(k)] = true
		}
		for _, e := range entries {
			name := e.Name()
			ours := strings.HasPrefix(name, p.Part+"-") && strings.HasSuffix(name, ".parquet") ||
				strings.HasPrefix(name, "."+p.Part+"-") && strings.HasSuffix(name, ".tmp")
			if !ours || kept[name] {
				continue
			}
			if err := os.Remove(filepath.Join(dir, t, name)); err != nil {
				return nil, fmt.Errorf("output %s: remove unfinished %s/%s: %w", dir, t, name, err)
			}
		}
		for k := 0; k < p.Parts; k++ {
			if _, err := os.Stat(filepath.Join(dir, t, w.partName(k))); err != nil {
				return nil, fmt.Errorf("output %s: checkpoint lists %d segments but %s/%s is missing: %w", dir, p.Parts, t, w.partName(k), err)
			}
			w.files[t] = append(w.files[t], t+"/"+w.partName(k))
		}
		w.rows[t] = p.Rows[t]
	}
	os.Remove(filepath.Join(dir, opts.Shard.ManifestName())) // an interrupted run's manifest is superseded
	w.segment = p.Parts
	if err := w.openSegment(); err != nil {
		return nil, err
	}
	return w, nil
}

// writeJSON writes v to dir/name through a temporary file, so that the file
// is either the old one or the whole new one.
func writeJSON(dir, name string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	b = append(b, '\n')
	// A temporary name of its own: shards finishing together may each
	// write the merged manifest.
	f, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	tmp := f.Name()
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", name, err)
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
