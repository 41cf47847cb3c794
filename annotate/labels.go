package annotate

import (
	"context"
	"runtime/pprof"
)

// The stages as profiler labels. Annotate sets the goroutine's label to the
// stage it is in, so that `go tool pprof -tags` on a CPU profile of a run
// (newsnlp annotate --cpuprofile) gives each stage's share of the time.
const (
	stageZone = iota
	stageNLP
	stageNER // the entity model inside the nlp stage, apart from prose
	stageEntities
	stageQuotes
	stageClaims
	stageOffsets // byte offsets to code points, for every table
	nStages
)

// StageNames are the label values, in stage order.
var StageNames = [nStages]string{"zone", "nlp", "ner", "entities", "quotes", "claims", "offsets"}

// ProfileLabel is the profiler label key the stages are recorded under.
const ProfileLabel = "stage"

// stageLabels holds one labelled context per stage, made once, so that
// switching label costs no allocation per document.
type stageLabels [nStages]context.Context

func newStageLabels() stageLabels {
	var l stageLabels
	for i, name := range StageNames {
		l[i] = pprof.WithLabels(context.Background(), pprof.Labels(ProfileLabel, name))
	}
	return l
}

// set labels the calling goroutine with stage i.
func (l *stageLabels) set(i int) {
	if l[i] != nil { // an Annotator built without New has none
		pprof.SetGoroutineLabels(l[i])
	}
}
