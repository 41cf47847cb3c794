package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/output"
)

// Build says which binary wrote a run, for its manifest.
type Build struct {
	Version      string `json:"version"`
	Commit       string `json:"commit"`
	ProseVersion string `json:"prose_version"`
	GoVersion    string `json:"go_version"`
}

// DirRun is one annotate run into an output folder, the whole of its life:
// the folder opened fresh or resumed from its checkpoint, the records run,
// the part files closed, the manifest written, the checkpoint removed and,
// for a shard, the run's manifest merged once every shard is complete.
type DirRun struct {
	Out       string
	Build     Build
	Config    []byte   // the effective configuration, compact JSON
	Inputs    []string // the inputs as the user gave them
	Corpus    Corpus
	Annotator *annotate.Annotator
	// Overwrite replaces what newsnlp wrote in Out; Resume continues the
	// run Out holds from its checkpoint (or starts it when there is none).
	Overwrite, Resume bool
	// Options are Run's; RunDir sets Checkpoint and Resume.
	Options Options
	Logger  *slog.Logger
	// AfterRun, if set, is called once the records are annotated, before
	// the part files are closed (a heap profile is taken there).
	AfterRun func()
}

// Corpus is what a DirRun reads: the records, and the input files they
// come from for the manifest. *datasets.Corpus is one.
type Corpus interface {
	Source
	// Sources names the input files, in order.
	Sources() []string
	// Skipped counts the records passed over, by reason.
	Skipped() map[string]int64
}

// DirResult is what a DirRun did.
type DirResult struct {
	Result   *Result
	Manifest *output.Manifest
	// Merged is the whole run's manifest, when this shard was the last to
	// finish.
	Merged *output.Manifest
	// AlreadyComplete: Resume found a complete run and did nothing.
	AlreadyComplete bool
}

// SetupError is a run that could not start because of what was asked (a
// resume of other inputs or settings, an output folder that holds
// something else): the user's to fix, not a failure of the run.
type SetupError struct{ Err error }

func (e *SetupError) Error() string { return e.Err.Error() }
func (e *SetupError) Unwrap() error { return e.Err }

// RunDir runs r. A run that reads every record returns its result with a
// nil error even when records failed (Manifest.Records.Errors says so);
// Result.Status says whether it was interrupted.
func RunDir(ctx context.Context, r DirRun) (*DirResult, error) {
	log := r.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := outOfInputs(r.Out, r.Inputs, r.Corpus.Sources()); err != nil {
		return &DirResult{}, &SetupError{err}
	}
	prints, err := fingerprints(r.Corpus.Sources())
	if err != nil {
		return &DirResult{}, fmt.Errorf("fingerprint the inputs: %w", err)
	}
	template := output.Progress{Config: r.Config, Inputs: r.Inputs, Fingerprints: prints}
	w, resume, done, err := r.open(&template, log)
	if err != nil || done {
		return &DirResult{AlreadyComplete: done}, err
	}
	opts := r.Options
	opts.Checkpoint, opts.Resume = template, resume
	if sh := opts.Shard; sh.Sharded() {
		log.Info("annotating", "inputs", r.Inputs, "sources", len(r.Corpus.Sources()), "workers", opts.Workers, "out", r.Out, "shard", sh.K, "shards", sh.N)
	} else {
		log.Info("annotating", "inputs", r.Inputs, "sources", len(r.Corpus.Sources()), "workers", opts.Workers, "out", r.Out)
	}
	started := time.Now().UTC()
	res, runErr := Run(ctx, r.Corpus, r.Annotator, w, opts)
	if runErr != nil && !errors.Is(runErr, ErrRecordFailed) {
		// A broken write or a broken input stream: the segment in progress
		// cannot be trusted, so it is not published; the segments of the
		// last checkpoint stay, resume goes on from them once the cause is
		// fixed, and the manifest says what happened.
		w.Abort()
		m := r.manifest(res, started, nil, nil, template.Resumed)
		r.countPublished(m)
		if err := output.WriteManifest(r.Out, m); err != nil {
			log.Error("write manifest", "err", err)
		}
		return &DirResult{Result: res, Manifest: m}, runErr
	}
	if r.AfterRun != nil {
		r.AfterRun()
	}
	out, err := r.close(ctx, w, res, template, started)
	if err != nil {
		return out, err
	}
	return out, runErr
}

// open opens the output folder: resumed from its checkpoint, or fresh.
// done is set when a resume finds the run complete.
func (r *DirRun) open(template *output.Progress, log *slog.Logger) (w *output.Writer, resume *output.Progress, done bool, err error) {
	fresh := !r.Resume
	shard := r.Options.Shard
	if r.Resume {
		resume, err = readCheckpoint(r.Out, *template, shard)
		switch {
		case errors.Is(err, errAlreadyComplete):
			return nil, nil, true, nil
		case errors.Is(err, output.ErrNothingToResume):
			// Nothing of this run in Out yet (a scheduler's first attempt
			// with the same command as its retries): start it, unless Out
			// holds something else, which Create refuses.
			log.Info("nothing to resume; starting the run", "out", r.Out)
			fresh, resume = true, nil
		case err != nil:
			return nil, nil, false, &SetupError{err}
		default:
			resume.Resumed++
			template.Resumed = resume.Resumed
			log.Info("resuming", "out", r.Out, "records_written", resume.Records.Read, "segments", resume.Parts)
			w, err = output.Resume(r.Out, r.Build.Version, resume, output.Options{Config: string(r.Config), Shard: shard})
		}
	}
	if fresh {
		w, err = output.Create(r.Out, r.Build.Version, output.Options{Overwrite: r.Overwrite, Config: string(r.Config), Shard: shard})
	}
	if errors.Is(err, output.ErrOutputExists) || errors.Is(err, output.ErrForeignFiles) {
		err = &SetupError{err}
	}
	return w, resume, false, err
}

// close closes the part files, writes the manifest, removes the checkpoint
// of a finished run and, for the last shard to finish, merges the run's
// manifest.
func (r *DirRun) close(ctx context.Context, w *output.Writer, res *Result, template output.Progress, started time.Time) (*DirResult, error) {
	out := &DirResult{Result: res}
	var last *output.Progress
	if res.Status == output.StatusInterrupted {
		last = res.Progress(template) // so that resume can go on from here
	}
	var counts output.Counts
	var err error
	closing := time.Now()
	pprof.Do(ctx, pprof.Labels(annotate.ProfileLabel, "write"), func(context.Context) {
		counts, err = w.Close(last)
	})
	if err != nil {
		return out, err
	}
	// The last row groups are written by Close: the run's wall time and
	// throughput include it.
	flush := time.Since(closing).Seconds()
	res.Timings.Wall += flush
	res.Timings.Write += flush
	m := r.manifest(res, started, counts, w.Files(), template.Resumed)
	if err := output.WriteManifest(r.Out, m); err != nil {
		return out, err
	}
	shard := r.Options.Shard
	if last == nil {
		if err := output.RemoveProgress(r.Out, shard); err != nil {
			return out, err
		}
	}
	out.Manifest = m
	if shard.Sharded() && out.Manifest.Status == output.StatusComplete {
		// The last shard to finish writes the run's manifest.json.
		if merged, err := output.MergeManifests(r.Out); err == nil {
			if err := output.WriteManifest(r.Out, merged); err != nil {
				return out, err
			}
			out.Merged = merged
		}
	}
	return out, nil
}

// countPublished makes a failed run's manifest count what its part files
// hold: the records of its last checkpoint, since the segment in progress
// was not published (a full disk once left a manifest of 5,222 documents
// over part files of 5,000).
func (r *DirRun) countPublished(m *output.Manifest) {
	p, err := output.ReadProgress(r.Out, r.Options.Shard)
	if err != nil {
		p = &output.Progress{} // no checkpoint: no part file was published
	}
	m.Records, m.BySource, m.Words, m.Rows = p.Records, p.BySource, p.Words, p.Rows
	m.ErrorsByKind, m.Warnings, m.Languages, m.NotAnnotated = p.ErrorsByKind, p.Warnings, p.Languages, p.NotAnnotated
	m.Throughput = output.Throughput{}
	m.StatusDetail += fmt.Sprintf("; the counts are the last checkpoint's, which the part files hold (%d records)", p.Records.Read)
}

// manifest is the run's manifest.json.
func (r *DirRun) manifest(res *Result, started time.Time, counts output.Counts, files map[string][]string, resumed int) *output.Manifest {
	b := r.Build
	m := &output.Manifest{
		Tool:          "newsnlp",
		Version:       b.Version,
		Commit:        b.Commit,
		ProseVersion:  b.ProseVersion,
		GoVersion:     b.GoVersion,
		SchemaVersion: output.SchemaVersion,
		Status:        res.Status,
		StatusDetail:  res.StatusDetail,
		StartedAt:     started,
		FinishedAt:    time.Now().UTC(),
		Config:        r.Config,
		Workers:       r.Options.Workers,
		Inputs:        r.Inputs,
		Sources:       r.Corpus.Sources(),
		Records: output.RecordCounts{
			Read:      res.Stats.Records,
			Documents: res.Stats.Documents,
			Errors:    res.Stats.Errors,
		},
		Rows:         counts,
		ErrorsByKind: res.ErrorsByKind,
		Warnings:     res.Warnings,
		Skipped:      r.Corpus.Skipped(),
		BySource:     res.BySource,
		Languages:    res.Languages,
		NotAnnotated: res.NotAnnotated,
		Words:        res.Stats.Words,
		Timings:      res.Timings,
		Resumed:      resumed,
		RecordsSeen:  res.Seen,
	}
	m.Files = files
	if s := res.Timings.Wall; s > 0 {
		m.Throughput.ArticlesPerSecond = round1(float64(res.Stats.Documents) / s)
		m.Throughput.WordsPerSecond = round1(float64(res.Stats.Words) / s)
	}
	if sh := r.Options.Shard; sh.Sharded() {
		m.Shard = &sh
	}
	return m
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

var errAlreadyComplete = errors.New("already complete")

// readCheckpoint reads Out's checkpoint for a resume and checks that the
// run is continued on the same inputs with the same settings.
func readCheckpoint(out string, want output.Progress, shard output.Shard) (*output.Progress, error) {
	p, err := output.ReadProgress(out, shard)
	if errors.Is(err, output.ErrNothingToResume) {
		if m, merr := output.ReadManifestFile(filepath.Join(out, shard.ManifestName())); merr == nil && m.Status == output.StatusComplete {
			return nil, errAlreadyComplete
		}
	}
	if err != nil {
		return nil, fmt.Errorf("annotate --resume: %w", err)
	}
	if !slices.Equal(p.Inputs, want.Inputs) {
		return nil, fmt.Errorf("annotate --resume: the run in %s read %s, not %s: resume it with the same INPUT", out, strings.Join(p.Inputs, " "), strings.Join(want.Inputs, " "))
	}
	var got bytes.Buffer
	if err := json.Compact(&got, p.Config); err != nil || !bytes.Equal(got.Bytes(), want.Config) {
		return nil, fmt.Errorf("annotate --resume: the run in %s ran with other settings (%s), not %s: resume it with the same flags", out, p.Config, want.Config)
	}
	if changed := changedInput(p.Fingerprints, want.Fingerprints); changed != "" {
		return nil, fmt.Errorf("annotate --resume: an input changed since the run in %s read it: %s; its records would not be the ones the checkpoint counts: start the run again with --overwrite", out, changed)
	}
	return p, nil
}

// ShardIndexFromEnv is the shard index a batch scheduler gives the task:
// JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs, 0-based), else
// SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN (Slurm job arrays).
func ShardIndexFromEnv() (int, string, error) {
	if v := os.Getenv("JOB_COMPLETION_INDEX"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil {
			return 0, "", fmt.Errorf("JOB_COMPLETION_INDEX=%q is not a number", v)
		}
		return k, "JOB_COMPLETION_INDEX", nil
	}
	if v := os.Getenv("SLURM_ARRAY_TASK_ID"); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil {
			return 0, "", fmt.Errorf("SLURM_ARRAY_TASK_ID=%q is not a number", v)
		}
		if m := os.Getenv("SLURM_ARRAY_TASK_MIN"); m != "" {
			min, err := strconv.Atoi(m)
			if err != nil {
				return 0, "", fmt.Errorf("SLURM_ARRAY_TASK_MIN=%q is not a number", m)
			}
			k -= min
		}
		return k, "SLURM_ARRAY_TASK_ID", nil
	}
	return 0, "", fmt.Errorf("neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set: give --shard K/N")
}

// outOfInputs refuses an output folder that an input would read: out is an
// input folder or lies inside one (a resumed run would read its own part
// files), or an input file lies inside out.
func outOfInputs(out string, inputs, sources []string) error {
	outAbs, err := realPath(out)
	if err != nil {
		return nil
	}
	for _, in := range inputs {
		info, err := os.Stat(in)
		if err != nil || !info.IsDir() {
			continue
		}
		if inAbs, err := realPath(in); err == nil && within(outAbs, inAbs) {
			return fmt.Errorf("-o %s lies inside the input folder %s: a resumed or repeated run would read its own output; choose an -o outside the inputs", out, in)
		}
	}
	for _, src := range sources {
		if p, err := realPath(src); err == nil && within(p, outAbs) {
			return fmt.Errorf("the input %s lies inside -o %s: newsnlp would read its own output; choose an -o outside the inputs", src, out)
		}
	}
	return nil
}

// realPath is path made absolute with the symbolic links of the part of
// it that exists followed (the output folder may not exist yet).
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			return filepath.Join(real, rest), nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return filepath.Join(abs, rest), nil
		}
		rest = filepath.Join(filepath.Base(abs), rest)
		abs = parent
	}
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// fingerprintSpan is how much of each end of an input file its
// fingerprint hashes.
const fingerprintSpan = 1 << 20

// fingerprints identifies the input files among sources (standard input
// and the embedded sample have none).
func fingerprints(sources []string) (map[string]output.Fingerprint, error) {
	out := map[string]output.Fingerprint{}
	for _, name := range sources {
		info, err := os.Stat(name)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		fp, err := fingerprint(name, info)
		if err != nil {
			return nil, err
		}
		out[name] = fp
	}
	return out, nil
}

func fingerprint(name string, info os.FileInfo) (output.Fingerprint, error) {
	f, err := os.Open(name)
	if err != nil {
		return output.Fingerprint{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, fingerprintSpan)); err != nil {
		return output.Fingerprint{}, err
	}
	if size := info.Size(); size > fingerprintSpan {
		if _, err := io.Copy(h, io.NewSectionReader(f, max(fingerprintSpan, size-fingerprintSpan), fingerprintSpan)); err != nil {
			return output.Fingerprint{}, err
		}
	}
	return output.Fingerprint{Size: info.Size(), ModTime: info.ModTime().UTC(), Hash: fmt.Sprintf("%x", h.Sum(nil)[:16])}, nil
}

// changedInput names the first input file whose fingerprint differs from
// the checkpoint's, or "".
func changedInput(was, now map[string]output.Fingerprint) string {
	names := slices.Sorted(maps.Keys(was))
	for _, name := range names {
		fp, ok := now[name]
		switch {
		case !ok:
			return name + " (gone)"
		case fp.Size != was[name].Size:
			return fmt.Sprintf("%s (%d bytes, was %d)", name, fp.Size, was[name].Size)
		case fp.Hash != was[name].Hash || !fp.ModTime.Equal(was[name].ModTime):
			return fmt.Sprintf("%s (modified %s, was %s)", name, fp.ModTime.Format(time.RFC3339), was[name].ModTime.Format(time.RFC3339))
		}
	}
	return ""
}
