package output

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Run statuses in Manifest.Status.
const (
	StatusComplete    = "complete"
	StatusInterrupted = "interrupted"
	StatusFailed      = "failed"
)

// Manifest describes one run: what ran, on what, with which settings, and
// what came out. Its counts reconcile: every record read is one documents
// row or one errors row, so Records.Read == Records.Documents +
// Records.Errors.
type Manifest struct {
	Tool          string           `json:"tool"`
	Version       string           `json:"version"`
	Commit        string           `json:"commit"`
	ProseVersion  string           `json:"prose_version"`
	GoVersion     string           `json:"go_version"`
	SchemaVersion string           `json:"schema_version"`
	Status        string           `json:"status"`
	StatusDetail  string           `json:"status_detail,omitempty"`
	StartedAt     time.Time        `json:"started_at"`
	FinishedAt    time.Time        `json:"finished_at"`
	Config        json.RawMessage  `json:"config"`
	Workers       int              `json:"workers"`
	Inputs        []string         `json:"inputs"`
	Sources       []string         `json:"sources"`
	Records       RecordCounts     `json:"records"`
	Rows          Counts           `json:"rows"`
	ErrorsByKind  map[string]int64 `json:"errors_by_kind"`
	Warnings      map[string]int64 `json:"warnings"`
	// Skipped counts input records passed over by design, by reason (a WARC
	// request record, a redirect, an image): not articles, not errors, and
	// not in Records.Read.
	Skipped    map[string]int64    `json:"skipped,omitempty"`
	Words      int64               `json:"words"`
	Throughput Throughput          `json:"throughput"`
	Timings    Timings             `json:"timings_seconds"`
	Files      map[string][]string `json:"files"`
	// BySource reconciles records per input file: for each,
	// Read == Documents + Errors.
	BySource map[string]*RecordCounts `json:"by_source,omitempty"`
	// Languages counts documents by language (ISO 639-1 where there is
	// one; "und" when it could not be told).
	Languages map[string]int64 `json:"languages,omitempty"`
	// NotAnnotated counts documents written without annotations, by
	// reason: "language" (not English), "duplicate" (--dedupe).
	NotAnnotated map[string]int64 `json:"not_annotated,omitempty"`
	// Resumed counts the times the run was continued with --resume.
	Resumed int `json:"resumed,omitempty"`
	// Shard is set in a shard's own manifest; Shards in the manifest
	// merged from all of them (the number of shards).
	Shard  *Shard `json:"shard,omitempty"`
	Shards int    `json:"shards,omitempty"`
	// RecordsSeen counts every input record a shard read, its own and the
	// other shards' (an unsharded run: Records.Read).
	RecordsSeen int64 `json:"records_seen,omitempty"`
}

// RecordCounts reconciles input records with output rows.
type RecordCounts struct {
	Read      int64 `json:"read"`
	Documents int64 `json:"documents"`
	Errors    int64 `json:"errors"`
}

// Throughput is the run's speed over its wall-clock time.
type Throughput struct {
	ArticlesPerSecond float64 `json:"articles_per_second"`
	WordsPerSecond    float64 `json:"words_per_second"`
}

// Timings splits the run's time: wall clock, and the summed time spent in
// each part across workers.
type Timings struct {
	Wall     float64 `json:"wall"`
	Read     float64 `json:"read"`
	Annotate float64 `json:"annotate"`
	Write    float64 `json:"write"`
}

// WriteManifest writes m to dir/manifest.json (a shard's: its own
// manifest-shard-K-of-N.json) through a temporary file, so that the
// manifest is either the old one or the whole new one.
func WriteManifest(dir string, m *Manifest) error {
	name := ManifestName
	if m.Shard != nil {
		name = m.Shard.ManifestName()
	}
	return writeJSON(dir, name, m)
}

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	return ReadManifestFile(filepath.Join(dir, ManifestName))
}

// ReadManifestFile reads one manifest file.
func ReadManifestFile(path string) (*Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// Incomplete says why an output folder does not hold a finished run, or ""
// when it does: a run killed before its end (a checkpoint, no manifest), or
// one whose manifest says it was interrupted or failed. Readers of an
// output (inspect, report, diff) warn with it.
func Incomplete(dir string) string {
	m, err := ReadManifest(dir)
	if err == nil {
		if m.Status != StatusComplete {
			return fmt.Sprintf("%s holds a run that is %s (%s): its tables hold only the records written before", dir, m.Status, m.StatusDetail)
		}
		return ""
	}
	if progress, _ := filepath.Glob(filepath.Join(dir, "_progress*.json")); len(progress) > 0 {
		return fmt.Sprintf("%s holds an unfinished run (%s, no %s): it was killed or is still running, and its tables hold only the records of its last checkpoint; finish it with annotate --resume", dir, filepath.Base(progress[0]), ManifestName)
	}
	if shards, _ := filepath.Glob(filepath.Join(dir, "manifest-shard-*.json")); len(shards) > 0 {
		return fmt.Sprintf("%s holds shards of a run whose manifest is not merged yet: some shards may be unfinished (newsnlp merge-manifest checks)", dir)
	}
	return ""
}
