package output

import (
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Shard is one of N shards of a run: shard K of N annotates the records
// whose doc_id hashes to K, and writes its own part files, checkpoint and
// manifest into the OUT the shards share. The zero Shard is an unsharded
// run.
type Shard struct {
	K int `json:"index"`
	N int `json:"count"`
}

// Sharded reports whether s is a shard of a sharded run.
func (s Shard) Sharded() bool { return s.N > 1 }

// String is "shard-00001-of-00003", or "" for an unsharded run.
func (s Shard) String() string {
	if !s.Sharded() {
		return ""
	}
	return fmt.Sprintf("shard-%05d-of-%05d", s.K, s.N)
}

// Part is the part files' prefix: "part", or the shard's name.
func (s Shard) Part() string {
	if !s.Sharded() {
		return "part"
	}
	return s.String()
}

// ManifestName is the manifest's file name: manifest.json, or a shard's
// own manifest-shard-0000K-of-0000N.json.
func (s Shard) ManifestName() string {
	if !s.Sharded() {
		return ManifestName
	}
	return "manifest-" + s.String() + ".json"
}

// ProgressName is the checkpoint's file name.
func (s Shard) ProgressName() string {
	if !s.Sharded() {
		return ProgressName
	}
	return "_progress-" + s.String() + ".json"
}

// Owns reports whether a record with this doc_id belongs to the shard: a
// stable hash (FNV-1a, 64 bits) of the doc_id modulo N, so the assignment
// depends neither on file order nor on the number of workers.
func (s Shard) Owns(docID string) bool {
	if !s.Sharded() {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(docID))
	return h.Sum64()%uint64(s.N) == uint64(s.K)
}

// ParseShard reads "K/N" (0 ≤ K < N).
func ParseShard(v string) (Shard, error) {
	ks, ns, ok := strings.Cut(v, "/")
	k, err1 := strconv.Atoi(strings.TrimSpace(ks))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 0 || k >= n {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 0 <= K < N, e.g. 0/3", v)
	}
	return Shard{K: k, N: n}, nil
}

// shardManifest reads a shard manifest's file name.
func shardManifest(name string) (Shard, bool) {
	var k, n int
	if _, err := fmt.Sscanf(name, "manifest-shard-%05d-of-%05d.json", &k, &n); err != nil || n < 2 || k < 0 || k >= n {
		return Shard{}, false
	}
	s := Shard{K: k, N: n}
	return s, s.ManifestName() == name
}

// ErrShardsIncomplete is wrapped by MergeManifests when a shard is missing,
// unfinished or failed, or the shards do not reconcile.
var ErrShardsIncomplete = errors.New("the shards are not all complete")

// MergeManifests reads the shard manifests in OUT, checks that every shard
// of the run finished and that their counts reconcile, and returns the
// run's combined manifest. Problems name the shards by number.
func MergeManifests(dir string) (*Manifest, error) {
	ms, n, err := readShardManifests(dir)
	if err != nil {
		return nil, err
	}
	if problems := shardProblems(ms, n); len(problems) > 0 {
		return nil, fmt.Errorf("output %s: %w:\n  %s", dir, ErrShardsIncomplete, strings.Join(problems, "\n  "))
	}
	first := ms[0]
	out := sumShards(ms, n)
	// Every shard reads the whole input, so each saw every record: the
	// shards' records add up to what one of them saw.
	if out.Records.Read != first.RecordsSeen {
		return nil, fmt.Errorf("output %s: %w: the shards read %d records between them, but the input has %d", dir, ErrShardsIncomplete, out.Records.Read, first.RecordsSeen)
	}
	out.Timings.Wall = out.FinishedAt.Sub(out.StartedAt).Seconds()
	out.Throughput = Throughput{}
	if s := out.Timings.Wall; s > 0 {
		out.Throughput.ArticlesPerSecond = float64(int64(float64(out.Records.Documents)/s*10+0.5)) / 10
		out.Throughput.WordsPerSecond = float64(int64(float64(out.Words)/s*10+0.5)) / 10
	}
	return out, nil
}

// readShardManifests reads the shard manifests in dir, in shard order, and
// the number of shards of their run.
func readShardManifests(dir string) ([]*Manifest, int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, 0, fmt.Errorf("output %s: %w", dir, err)
	}
	var ms []*Manifest
	n := 0
	for _, e := range entries {
		s, ok := shardManifest(e.Name())
		if !ok {
			continue
		}
		m, err := ReadManifestFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, 0, err
		}
		if m.Shard == nil || *m.Shard != s {
			return nil, 0, fmt.Errorf("%s: the manifest says shard %v", e.Name(), m.Shard)
		}
		if n != 0 && s.N != n {
			return nil, 0, fmt.Errorf("output %s: %w: shards of %d and of %d runs are mixed", dir, ErrShardsIncomplete, n, s.N)
		}
		n = s.N
		ms = append(ms, m)
	}
	if len(ms) == 0 {
		return nil, 0, fmt.Errorf("output %s: no shard manifest (manifest-shard-K-of-N.json)", dir)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Shard.K < ms[j].Shard.K })
	return ms, n, nil
}

// shardProblems names every shard that is missing, unfinished, failed or
// inconsistent with the first.
func shardProblems(ms []*Manifest, n int) []string {
	var problems []string
	have := map[int]*Manifest{}
	for _, m := range ms {
		have[m.Shard.K] = m
	}
	for k := 0; k < n; k++ {
		m := have[k]
		switch {
		case m == nil:
			problems = append(problems, fmt.Sprintf("shard %d of %d: missing (no %s)", k, n, Shard{K: k, N: n}.ManifestName()))
		case m.Status != StatusComplete:
			problems = append(problems, fmt.Sprintf("shard %d of %d: %s (%s)", k, n, m.Status, m.StatusDetail))
		case m.Records.Read != m.Records.Documents+m.Records.Errors:
			problems = append(problems, fmt.Sprintf("shard %d of %d: read %d != documents %d + errors %d", k, n, m.Records.Read, m.Records.Documents, m.Records.Errors))
		}
	}
	first := ms[0]
	for _, m := range ms[1:] {
		if strings.Join(m.Inputs, "\x00") != strings.Join(first.Inputs, "\x00") || string(m.Config) != string(first.Config) {
			problems = append(problems, fmt.Sprintf("shard %d of %d: other inputs or settings than shard %d", m.Shard.K, n, first.Shard.K))
		}
		if m.RecordsSeen != first.RecordsSeen {
			problems = append(problems, fmt.Sprintf("shard %d of %d: saw %d input records, shard %d saw %d", m.Shard.K, n, m.RecordsSeen, first.Shard.K, first.RecordsSeen))
		}
	}
	return problems
}

// sumShards adds the shards' counts into one manifest, on top of the
// first's run metadata.
func sumShards(ms []*Manifest, n int) *Manifest {
	out := *ms[0]
	out.Shard = nil
	out.Shards = n
	out.Records = RecordCounts{}
	out.Rows = Counts{}
	out.ErrorsByKind, out.Warnings = map[string]int64{}, map[string]int64{}
	out.Languages, out.NotAnnotated = map[string]int64{}, map[string]int64{}
	out.BySource = map[string]*RecordCounts{}
	out.Files = map[string][]string{}
	out.Words, out.Workers, out.Resumed = 0, 0, 0
	out.Timings = Timings{}
	add := func(dst, src map[string]int64) {
		for k, v := range src {
			dst[k] += v
		}
	}
	for _, m := range ms {
		out.Records.Read += m.Records.Read
		out.Records.Documents += m.Records.Documents
		out.Records.Errors += m.Records.Errors
		add(out.Rows, m.Rows)
		add(out.ErrorsByKind, m.ErrorsByKind)
		add(out.Warnings, m.Warnings)
		add(out.Languages, m.Languages)
		add(out.NotAnnotated, m.NotAnnotated)
		for src, c := range m.BySource {
			t := out.BySource[src]
			if t == nil {
				t = &RecordCounts{}
				out.BySource[src] = t
			}
			t.Read += c.Read
			t.Documents += c.Documents
			t.Errors += c.Errors
		}
		for t, fs := range m.Files {
			out.Files[t] = append(out.Files[t], fs...)
		}
		out.Words += m.Words
		out.Workers += m.Workers
		out.Resumed += m.Resumed
		if m.StartedAt.Before(out.StartedAt) {
			out.StartedAt = m.StartedAt
		}
		if m.FinishedAt.After(out.FinishedAt) {
			out.FinishedAt = m.FinishedAt
		}
		out.Timings.Read += m.Timings.Read
		out.Timings.Annotate += m.Timings.Annotate
		out.Timings.Write += m.Timings.Write
	}
	return &out
}
