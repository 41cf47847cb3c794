package annotate

import (
	"context"
	"runtime/pprof"
)

// ProfileLabel is the profiler label key the stages are recorded under.
// The Annotator sets the goroutine's label to the stage it is in, so that
// `go tool pprof -tags` on a CPU profile of a run (newsnlp annotate
// --cpuprofile) gives each stage's share of the time.
const ProfileLabel = "stage"

// stageLabels holds one labelled context per stage, made once, so that
// switching label costs no allocation per document.
type stageLabels []context.Context

func newStageLabels(stages []Stage) stageLabels {
	l := make(stageLabels, len(stages))
	for i, s := range stages {
		l[i] = pprof.WithLabels(context.Background(), pprof.Labels(ProfileLabel, s.Name()))
	}
	return l
}

// set labels the calling goroutine with stage i.
func (l stageLabels) set(i int) {
	if i < len(l) {
		pprof.SetGoroutineLabels(l[i])
	}
}
