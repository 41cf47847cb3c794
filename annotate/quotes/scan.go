package quotes

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
)

// scan is one document's pass of the quotes stage: what every rule reads
// (the text, its tokens, its quotation marks, the cue model's verdicts) and
// what the rules build (the attributions so far and the marks they used).
type scan struct {
	st       *Stage
	text     string
	d        *doc.Document
	toks     []doc.Token
	low      []string
	marks    []quoteMarkSpan
	usedMark []bool
	out      []attribution
	res      *speakerResolver
	cueSc    *cueScratch
	// cueSentences are the sentences with a cue outside quotation marks.
	cueSentences map[int]bool
	filter       *attrFilter
	// collect is set while the filter's training examples are made: every
	// candidate above its threshold is kept, with its features.
	collect *collector
	// judged: a filter will judge the candidates (or they are being
	// collected to train one), so the rules may propose weaker ones.
	judged   bool
	filterSc []uint64
	// sentOut is len(out) when the sentence in hand began: every
	// attribution after it is that sentence's.
	sentOut int
	// cand and subj are the candidate the rules work on and what the
	// subject rules read, reused from cue to cue.
	cand candidate
	subj subjectView
	// startSc holds the start model's features.
	startSc []uint64
}

// collector asks a scan for the attribution filter's training examples.
type collector struct{ threshold float32 }

// find returns the attributions of a document in byte offsets, each with
// its speaker mention resolved to an entity where the text allows. col is
// nil except while the filter's training examples are made. It stops with
// ctx's error, checked at every sentence, when ctx ends.
func (s *Stage) find(ctx context.Context, d *doc.Document, col *collector) ([]attribution, error) {
	sc := &scan{st: s, text: d.Text, d: d, toks: d.Tokens, low: d.Lower, collect: col, cueSentences: map[int]bool{}}
	for _, z := range d.Zones {
		if quoteZone(z.Kind) {
			sc.marks = append(sc.marks, findQuoteMarks(d.Text, z.Start, z.End)...)
		}
	}
	if len(sc.low) != len(sc.toks) {
		sc.low = english.LowerTokens(sc.toks)
	}
	// Room for an attribution in every third sentence saves most of the
	// regrowing of a slice of large structs.
	sc.out = make([]attribution, 0, len(d.Sentences)/3+4)
	sc.usedMark = make([]bool, len(sc.marks))
	sc.res = newSpeakerResolver(d.Text, d, d.Mentions)
	sc.cueSc = cueScratchPool.Get().(*cueScratch)
	defer cueScratchPool.Put(sc.cueSc)
	sc.filter = sc.activeFilter()
	sc.judged = sc.filter != nil || col != nil
	for si := range d.Sentences {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if quoteZone(d.Sentences[si].Zone) {
			sc.sentence(si)
		}
	}
	return sc.document(), nil
}

// candidateThreshold is the cue-model score above which the stage takes a
// word for part of a cue: the filter's lower one when the model has a
// filter (or while collecting the filter's training examples), else
// cueThreshold.
func (sc *scan) candidateThreshold() float32 {
	switch m := sc.st.cueModel; {
	case sc.collect != nil:
		return sc.collect.threshold
	case m != nil && m.filter != nil:
		return m.filter.candidate
	}
	return cueThreshold
}

// activeFilter is the filter annotation applies: the cue model's, unless
// training examples are being collected.
func (sc *scan) activeFilter() *attrFilter {
	if sc.collect != nil || sc.st.cueModel == nil {
		return nil
	}
	return sc.st.cueModel.filter
}

// activeStarts is the content-start model annotation applies: the cue
// model's, unless training examples are being collected.
func (sc *scan) activeStarts() *startModel {
	if sc.collect != nil || sc.st.cueModel == nil {
		return nil
	}
	return sc.st.cueModel.starts
}

// startAt starts at's content at byte start, which the start model
// chose. When the content takes back a learned cue's last words, the cue
// ends before them and its lemma is that of the words left.
func (sc *scan) startAt(at *attribution, start int) {
	toks := sc.toks
	if k := tokenAt(toks, start); start < at.content[0] && k > 0 {
		at.cue[1] = toks[k-1].End
		if c0 := tokenAt(toks, at.cue[0]); c0 >= 0 && c0 < k {
			at.cueLemma = sc.st.learnedCue(toks[c0:k]).lemma
		}
	}
	at.content[0] = start
}

// Marks are in text order and never overlap, so lookups are binary
// searches: a document with thousands of quotations stays linear.

// markAt is the index of the mark containing pos, or -1.
func (sc *scan) markAt(pos int) int {
	i := sort.Search(len(sc.marks), func(i int) bool { return sc.marks[i].end > pos })
	if i < len(sc.marks) && sc.marks[i].start <= pos {
		return i
	}
	return -1
}

// markStartingAt is the index of a mark starting at pos (after spaces), or
// -1.
func (sc *scan) markStartingAt(pos int) int {
	i := firstMarkFrom(sc.marks, pos)
	if i < len(sc.marks) && strings.TrimSpace(sc.text[pos:sc.marks[i].start]) == "" {
		return i
	}
	return -1
}

// lastInSentence is the last attribution found so far when it lies in
// sentence si, or nil.
func (sc *scan) lastInSentence(si int) *attribution {
	if n := len(sc.out); n > 0 && sc.out[n-1].sent == si {
		return &sc.out[n-1]
	}
	return nil
}

// insideLastContent reports whether token k lies in what the sentence's
// last attribution reports.
func (sc *scan) insideLastContent(si, k int) bool {
	last := sc.lastInSentence(si)
	return last != nil && last.content[0] <= sc.toks[k].Start && sc.toks[k].End <= last.content[1]
}

// reportedInLast reports whether token k is a verb inside what the
// sentence's last attribution reports that opens no clause of its own
// (told reporters that the plant had not released any gas): that
// attribution's, not a report of its own.
func (sc *scan) reportedInLast(si, s0, k int) bool {
	return sc.insideLastContent(si, k) && !newClauseBetween(sc.toks, sc.lastInSentence(si).content[0], k) && !coordinatedVerb(sc.toks, sc.low, s0, k)
}

// keep runs what every placed candidate goes through: a relative clause's
// content ends where the main clause resumes, an empty content is dropped,
// and the attribution filter judges the whole candidate, so a rejected one
// neither cuts nor hides the attributions after it. It reports whether the
// candidate was kept.
func (sc *scan) keep(c *candidate) bool {
	toks, low, at := sc.toks, sc.low, &c.at
	// What a speaker said in a relative clause between commas ends where
	// the main clause resumes: "Anna Berg, who criticised it, spoke last."
	// A past participle there is the main verb too (a tagger reads "left
	// early" after a relative clause as one).
	if sp := at.speakerTok[0]; sp > c.s0 && at.speakerTok[1] == sp+1 && (low[sp] == "who" || low[sp] == "which") && toks[sp-1].Text == "," {
		for j := tokenAt(toks, at.content[0]); j > sp && j+1 < c.s1 && toks[j].Start < at.content[1]; j++ {
			if toks[j].Text == "," && (finiteVerbTag(toks[j+1].POS) || toks[j+1].POS == "VBN") {
				at.content[1] = toks[j-1].End
				break
			}
		}
	}
	if at.content[1] <= at.content[0] {
		return false
	}
	if sc.judged {
		at.kind = kindOfContent(sc.text[at.content[0]:at.content[1]], sc.marks, at.content)
		prior := len(sc.out) - sc.sentOut // the sentence's attributions so far
		sc.filterSc = filterFeatures(sc.filterSc[:0], toks, low, sc.d.Mentions, at, prior)
		if sc.collect != nil {
			at.filterFeats = slices.Clone(sc.filterSc)
		} else {
			at.judged, at.margin = true, sc.filter.score(sc.filterSc)
			if at.margin <= sc.filter.threshold && (at.fromModel || at.class != "deny") {
				// A denial the lexicon knows passes: a reader of claims
				// looks for it (the mayor had denied the rumours).
				return false
			}
		}
	}
	sc.useMarks(at.content)
	return true
}

// useMarks marks the quotation marks inside content as used.
func (sc *scan) useMarks(content [2]int) {
	marks := sc.marks
	for mi := sort.Search(len(marks), func(i int) bool { return marks[i].end > content[0] }); mi < len(marks) && marks[mi].start < content[1]; mi++ {
		sc.usedMark[mi] = true
	}
}

// document runs the passes over the whole document once every sentence is
// read: hearsay and polls, cutting contents at the next attribution,
// signed quotations, transcript turns, floating quotations, dropping
// nested and crossing attributions, and resolving each speaker.
func (sc *scan) document() []attribution {
	text, toks, low, marks := sc.text, sc.toks, sc.low, sc.marks
	out := append(sc.out, hearsayAndPolls(text, sc.d, low, marks, sc.out)...)
	sortAttributions(out)
	out = cutAtNextAttribution(text, toks, out)
	startAtComplement(toks, marks, out)
	out = append(out, signedQuotes(text, sc.d, marks, sc.usedMark)...)
	out = append(out, transcriptTurns(text, sc.d, marks, sc.usedMark)...)
	sortAttributions(out)
	// Floating quotations: a full quoted sentence with no cue of its own
	// takes the speaker of the attribution just before it.
	out = floatingQuotes(text, sc.d, marks, sc.usedMark, out, sc.cueSentences)
	out = dropAnonymity(text, out)
	out = dropNested(text, toks, out)
	sortAttributions(out)
	out = dropCrossing(out)
	for i := range out {
		at := &out[i]
		if impressionCue(strings.ToLower(text[at.cue[0]:at.cue[1]])) || passiveCue(toks, low, at.cue) || expletiveSpeaker(toks, low, at) {
			// "It seems …", "Cuban appeared to …": the writer's impression,
			// not a statement of the subject's; "Cruz is expected to win":
			// the subject of a passive is what is expected, not who expects;
			// "It is unclear whether …": nobody speaks.
			raiseSubject(toks, low, marks, at)
			at.speakerTok, at.appositive = [2]int{-1, -1}, [2]int{-1, -1}
		}
		if src := floatingSource(out[:i], at); src != nil {
			sc.res.resolveAs(at, src)
		} else {
			sc.res.resolve(at)
		}
		at.kind = kindOfContent(text[at.content[0]:at.content[1]], marks, at.content)
		if starts := sc.activeStarts(); starts != nil && startsAfterCue(at) {
			sc.startAt(at, starts.startOf(toks, low, at, sc.startSc[:0]))
		}
		at.act = actSense(toks, marks, sc.st.cues, *at)
		if at.parts != nil {
			at.parts = fitParts(at.parts, at.content)
		} else {
			at.parts = contentParts(text, marks, at.content)
		}
		if sc.filter != nil && sc.filter.calib != nil {
			at.score, at.hasScore = sc.filter.calib.probability(at), true
		}
	}
	return out
}

// floatingSource is the attribution a floating quotation took its speaker
// from (the latest before it with the same speaker tokens), or nil for
// any other attribution.
func floatingSource(before []attribution, at *attribution) *attribution {
	if at.rule != ruleFloatingQuote {
		return nil
	}
	for j := len(before) - 1; j >= 0; j-- {
		if before[j].speakerTok == at.speakerTok {
			return &before[j]
		}
	}
	return nil
}
