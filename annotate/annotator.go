package annotate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/quotes"
)

// Config selects models and behaviour. The zero value is not valid: use
// DefaultConfig.
type Config struct {
	// NER is the entity model: one of NERModels.
	NER string `json:"ner"`
	// Tagger is the part-of-speech tagger: one of Taggers. The lemmatiser
	// and parser are newsnlp's either way, and read the tagger's tags.
	Tagger string `json:"tagger"`
	// CueModel is a cue model file (from train-cues) to use instead of the
	// embedded one; empty means the embedded one. Cross-validation uses it.
	CueModel string `json:"cue_model,omitempty"`
}

// DefaultConfig returns the configuration annotate uses when nothing is set.
func DefaultConfig() Config {
	return Config{NER: NERNewsnlp, Tagger: TaggerNewsnlp}
}

// StageError is a failure of one stage on one document. The pipeline turns
// it into an errors row naming the stage.
type StageError struct {
	Stage string
	// Panic is set when the stage panicked (a bug in newsnlp or a model)
	// rather than returned an error.
	Panic bool
	Err   error
}

func (e *StageError) Error() string { return e.Stage + ": " + e.Err.Error() }
func (e *StageError) Unwrap() error { return e.Err }

// Annotator is the ordered list of stages, built once from a Config by
// New. It is safe for concurrent use: the stages keep no per-document
// state.
type Annotator struct {
	cfg    Config
	stages []Stage
	// prepared is how many stages run before quotes (Prepare).
	prepared int
	labels   stageLabels
}

// New loads the models cfg names and lays out the stages:
// zone → nlp → ner → entities → quotes → claims → offsets.
func New(cfg Config) (*Annotator, error) { return build(cfg, true) }

// NewPreparer is an Annotator for Prepare alone: the stages before quotes,
// without loading any cue model. Training the cue model uses it, so that a
// cue model file the build cannot read (an older format) does not stop
// the training that replaces it. Its Annotate runs no quotes stage.
func NewPreparer(cfg Config) (*Annotator, error) { return build(cfg, false) }

func build(cfg Config, withQuotes bool) (*Annotator, error) {
	spec, ok := entityModel(cfg.NER)
	if !ok {
		return nil, fmt.Errorf("unknown NER model %q (want %s)", cfg.NER, strings.Join(NERModels(), " or "))
	}
	nlp, err := newNLPStage(cfg.Tagger)
	if err != nil {
		return nil, err
	}
	gaz, err := loadGazetteer(nlp.tokenizer)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	model, err := spec.load(gaz)
	if err != nil {
		return nil, fmt.Errorf("load %s NER model: %w", spec.name, err)
	}
	if n, ok := model.(*newsnlpNER); ok {
		n.classes = nlp.syntax.Clusters
	}
	stages := []Stage{zoneStage{}, nlp, &nerStage{model: model}, &entitiesStage{gaz: gaz, repair: spec.repaired}}
	prepared := len(stages)
	if withQuotes {
		var cueModel []byte
		if cfg.CueModel != "" {
			if cueModel, err = os.ReadFile(cfg.CueModel); err != nil {
				return nil, fmt.Errorf("load cue model: %w", err)
			}
		}
		qs, err := quotes.New(cueModel)
		if err != nil {
			return nil, fmt.Errorf("load cue model %s: %w", cmp.Or(cfg.CueModel, "(embedded)"), err)
		}
		stages = append(stages, qs, claimsStage{}, headlineStage{})
	}
	a := &Annotator{cfg: cfg, stages: append(stages, offsetsStage{}), prepared: prepared}
	a.labels = newStageLabels(a.stages)
	return a, nil
}

// WithStage returns a copy of the Annotator with s run right before the
// stage named before: a stage of one's own (a classifier, a fault
// injected in a test) over the same Document, in byte offsets unless it
// goes last.
func (a *Annotator) WithStage(before string, s Stage) (*Annotator, error) {
	for i, st := range a.stages {
		if st.Name() != before {
			continue
		}
		b := *a
		b.stages = append(slices.Clip(a.stages[:i]), append([]Stage{s}, a.stages[i:]...)...)
		if i <= b.prepared {
			b.prepared++
		}
		b.labels = newStageLabels(b.stages)
		return &b, nil
	}
	return nil, fmt.Errorf("no stage %q (the stages are %s)", before, strings.Join(a.Stages(), ", "))
}

// Config returns the configuration the Annotator was built with.
func (a *Annotator) Config() Config { return a.cfg }

// Stages returns the names of the stages in the order they run.
func (a *Annotator) Stages() []string {
	names := make([]string, len(a.stages))
	for i, s := range a.stages {
		names[i] = s.Name()
	}
	return names
}

// Annotate runs every stage over one article. title is the article's
// metadata title ("" when none); it helps find the title zone. The text is
// kept as given. A panic inside a stage is recovered into a *StageError so
// one bad document never stops a batch.
func (a *Annotator) Annotate(ctx context.Context, text, title string) (*doc.Document, error) {
	d := &doc.Document{Text: text, Title: title}
	if err := a.run(ctx, d, a.stages); err != nil {
		return nil, err
	}
	return d, nil
}

// Prepare runs the stages before quotes over a text with no title, and
// leaves the offsets in bytes: what the quotes stage's training reads
// (quotes.Prepare).
func (a *Annotator) Prepare(text string) (*doc.Document, error) {
	d := &doc.Document{Text: text}
	// A background context never ends.
	if err := a.run(context.Background(), d, a.stages[:a.prepared]); err != nil {
		return nil, err
	}
	return d, nil
}

// run runs stages in order over d. Each stage runs under a profiler label
// (stage=zone, nlp, …), so a CPU profile of a run splits by stage: go tool
// pprof -tagfocus / -tags.
func (a *Annotator) run(ctx context.Context, d *doc.Document, stages []Stage) (err error) {
	var stage string
	defer func() {
		pprof.SetGoroutineLabels(ctx)
		if r := recover(); r != nil {
			err = &StageError{Stage: stage, Panic: true, Err: fmt.Errorf("panic: %v\n%s", r, debug.Stack())}
		}
	}()
	for i, s := range stages {
		if err := ctx.Err(); err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			return &StageError{Stage: s.Name(), Err: err}
		}
		stage = s.Name()
		a.labels.set(i)
		if err := s.Run(ctx, d); err != nil {
			if errors.Is(ctx.Err(), context.Canceled) {
				return err // the run is stopping: no row of this article's
			}
			// A deadline (the pipeline's --doc-timeout) is this article's
			// failure, in the stage it reached.
			return &StageError{Stage: stage, Err: err}
		}
	}
	return nil
}
