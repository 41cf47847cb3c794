package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
	"github.com/newsnlp/newsnlp/pipeline"
	"github.com/newsnlp/newsnlp/pipeline/evaluate"
)

// evalOptions are the flags of `newsnlp eval`.
type evalOptions struct {
	pred     string
	jsonPath string
	junit    string
	mins     []string
	workers  int
	ner      string
	cueModel string
	baseline string
	errors   string
}

func newEvalCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval GOLD... [--pred OUT]",
		Short: "Score annotations against gold: entities, quotes and speakers, claims, zones",
		Long: `Score newsnlp against gold annotations. GOLD is any mix of:

  native gold JSONL (one document per line: id, text, zones, entities,
    quotes; offsets in code points), e.g. ../shared/data/seed/*.gold.jsonl
  CoNLL-2003 NER files (IOB1 or IOB2, -DOCSTART- between documents); the
    tokens are detokenised the way news is written and offsets computed on
    that text
  brat standoff attribution folders (PolNeAR's text/ and attributions/, or
    .txt beside .ann)

The gold texts are annotated in-process with exactly the pipeline
'newsnlp annotate' runs, or, with --pred OUT, an existing output is scored.
Matching is one-to-one, greedy by overlap. Quotes: content matches when the
overlap covers at least 0.3 (and, separately, 0.8) of the gold span, or
exactly; quote+speaker, the headline, also needs the predicted speaker
mention to overlap the gold one.

--min task.metric=value (repeatable) sets a floor; the exit status is 1 when
one is missed and 2 for bad gold or flags. Metric names are printed by
--json and listed when a floor names one that does not exist, e.g.
entities.f1, entities.f1_no_misc, entities.PER.f1, quotes.content30.f1,
quotes.quote_speaker.f1, quotes.cue.f1, quotes.speaker_accuracy,
claims.macro_f1, zones.accuracy, zones.body.accuracy.`,
		Example: `  newsnlp eval ../shared/data/seed/lavrov-syria.gold.jsonl
  newsnlp eval ../shared/data/conll2003/eng.testa --min entities.f1_no_misc=0.45
  newsnlp eval ../shared/data/polnear/dev --json scores.json --junit floors.xml
  newsnlp eval gold.jsonl --pred out            # score an existing run
  newsnlp eval ../shared/data/polnear/dev --baseline quote-marks
  newsnlp eval ../shared/data/polnear/dev --errors quote-errors.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEval(cmd, opts, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.pred, "pred", "", "score this existing output folder instead of annotating the gold texts")
	f.StringVar(&opts.jsonPath, "json", "", "also write the full report as JSON to this file")
	f.StringVar(&opts.errors, "errors", "", "also write every quote error (missed, spurious, wrong_speaker) as JSON lines to this file, and print the commonest by kind and cue, and by the rule that placed the prediction")
	f.StringVar(&opts.junit, "junit", "", "also write one JUnit test case per floor to this file")
	f.StringArrayVar(&opts.mins, "min", nil, "floor task.metric=value; exit status 1 when missed (repeatable)")
	f.IntVar(&opts.workers, "workers", runtime.NumCPU(), "annotating workers (without --pred)")
	f.StringVar(&opts.ner, "ner", annotate.DefaultConfig().NER, "entity model (without --pred): newsnlp or prose")
	f.StringVar(&opts.cueModel, "cue-model", "", "attribution-cue model file from train-cues to use instead of the embedded one (without --pred; for cross-validation: make cv-cues)")
	f.StringVar(&opts.baseline, "baseline", "", "replace predicted quotes with a baseline: quote-marks (every span between double quote marks)")
	cmd.RegisterFlagCompletionFunc("baseline", cobra.FixedCompletions([]string{"quote-marks"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runEval(cmd *cobra.Command, o *evalOptions, args []string, stdout, stderr io.Writer) error {
	var floors []evaluate.Floor
	for _, m := range o.mins {
		f, err := evaluate.ParseFloor(m)
		if err != nil {
			return usagef("eval: --min: %v", err)
		}
		floors = append(floors, f)
	}
	if o.baseline != "" && o.baseline != "quote-marks" {
		return usagef("eval: --baseline %q: want quote-marks", o.baseline)
	}
	if o.workers < 1 {
		return usagef("eval: --workers %d: want at least 1", o.workers)
	}
	if len(args) == 1 && evaluate.IsExtractionGold(args[0]) {
		if o.pred != "" || o.baseline != "" {
			return usagef("eval: %s is an article-extraction set (pages and their article bodies): --pred and --baseline do not apply", args[0])
		}
		report, err := evaluate.ScoreExtraction(args[0])
		if err != nil {
			return usageError{fmt.Errorf("eval: %w", err)}
		}
		fmt.Fprintf(stdout, "gold: %s (article extraction)\npredictions: the HTML reader of annotate, in-process\n", args[0])
		return finishEval(o, floors, args, []string{"extraction"}, report, stdout, stderr)
	}
	gold, formats, err := datasets.ReadGoldFiles(args)
	if err != nil {
		return usageError{fmt.Errorf("eval: %w", err)}
	}
	ids := map[string]bool{}
	for _, d := range gold {
		if ids[d.ID] {
			return usagef("eval: gold document id %q appears twice (%s)", d.ID, d.Source)
		}
		ids[d.ID] = true
	}

	predDir := o.pred
	if predDir == "" {
		tmp, err := os.MkdirTemp("", "newsnlp-eval-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		predDir = filepath.Join(tmp, "out")
		if err := annotateGold(cmd, o, gold, predDir); err != nil {
			return err
		}
	}
	preds, err := evaluate.LoadPredictions(predDir, ids)
	if err != nil {
		return fmt.Errorf("eval: read predictions: %w", err)
	}
	if o.baseline == "quote-marks" {
		for _, d := range gold {
			p := preds[d.ID]
			if p == nil {
				p = &evaluate.PredDoc{}
				preds[d.ID] = p
			}
			p.Quotes = evaluate.QuoteMarkBaseline(d.ID, d.Text)
		}
	}
	report := evaluate.Score(gold, preds)

	source := "annotated in-process with the annotate pipeline"
	if o.pred != "" {
		source = "read from " + o.pred
	}
	if o.baseline != "" {
		source += "; quotes from the " + o.baseline + " baseline"
	}
	fmt.Fprintf(stdout, "gold: %s (%s)\npredictions: %s\n", strings.Join(args, ", "), strings.Join(formats, ", "), source)
	return finishEval(o, floors, args, formats, report, stdout, stderr)
}

// finishEval prints the report, checks the floors and writes the JSON and
// JUnit files asked for.
func finishEval(o *evalOptions, floors []evaluate.Floor, args, formats []string, report *evaluate.Report, stdout, stderr io.Writer) error {
	if err := report.WriteText(stdout); err != nil {
		return err
	}
	results, err := evaluate.CheckFloors(report, floors)
	if err != nil {
		return usagef("eval: %v", err)
	}
	if len(results) > 0 {
		fmt.Fprintln(stdout)
		evaluate.WriteFloors(stdout, results)
	}
	if o.jsonPath != "" {
		b, err := json.MarshalIndent(struct {
			Gold    []string               `json:"gold"`
			Formats []string               `json:"formats"`
			Report  *evaluate.Report       `json:"report"`
			Floors  []evaluate.FloorResult `json:"floors,omitempty"`
		}{args, formats, report, results}, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(o.jsonPath, append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("eval: --json: %w", err)
		}
	}
	if o.errors != "" && report.Quotes != nil {
		if err := writeQuoteErrors(stdout, o.errors, report.Quotes.Errors); err != nil {
			return fmt.Errorf("eval: --errors: %w", err)
		}
	}
	if o.junit != "" {
		f, err := os.Create(o.junit)
		if err != nil {
			return fmt.Errorf("eval: --junit: %w", err)
		}
		suite := strings.TrimSuffix(filepath.Base(args[0]), filepath.Ext(args[0]))
		if err := evaluate.WriteJUnit(f, suite, results); err != nil {
			f.Close()
			return fmt.Errorf("eval: --junit: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("eval: --junit: %w", err)
		}
	}
	for _, r := range results {
		if !r.Passed {
			fmt.Fprintln(stderr, "newsnlp: eval: a quality floor was missed")
			return errSomeFailed
		}
	}
	return nil
}

// annotateGold runs the annotate pipeline over the gold texts into dir.
func annotateGold(cmd *cobra.Command, o *evalOptions, gold []datasets.GoldDoc, dir string) error {
	cfg := annotate.DefaultConfig()
	cfg.NER = o.ner
	cfg.CueModel = o.cueModel
	ann, err := annotate.New(cfg)
	if err != nil {
		return usageError{fmt.Errorf("eval: %w", err)}
	}
	w, err := output.Create(dir, currentBuild().Version, output.Options{})
	if err != nil {
		return err
	}
	res, err := pipeline.Run(cmd.Context(), datasets.GoldCorpus(gold), ann, w, pipeline.Options{Workers: o.workers})
	if err != nil {
		w.Abort()
		return fmt.Errorf("eval: annotate gold: %w", err)
	}
	if _, err := w.Close(nil); err != nil {
		return err
	}
	if res.Status == output.StatusInterrupted {
		return errInterrupted
	}
	return nil
}

// writeQuoteErrors writes every quote error as a JSON line and prints the
// commonest, by kind and by the gold (else predicted) cue's last word, with
// an example of each.
func writeQuoteErrors(stdout io.Writer, path string, errs []evaluate.QuoteError) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	type group struct {
		kind, cue string
		n         int
		example   evaluate.QuoteError
	}
	groups := map[[2]string]*group{}
	for _, e := range errs {
		if err := enc.Encode(e); err != nil {
			return err
		}
		cue := firstNonEmpty(e.GoldCue, e.PredCue, "(no cue)")
		if f := strings.Fields(strings.ToLower(cue)); len(f) > 0 {
			cue = f[len(f)-1] // the verb of "has also said"
		}
		k := [2]string{e.Kind, cue}
		g := groups[k]
		if g == nil {
			g = &group{kind: e.Kind, cue: cue, example: e}
			groups[k] = g
		}
		g.n++
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return err
	}
	var list []*group
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].kind+list[i].cue < list[j].kind+list[j].cue
	})
	kinds := map[string]int{}
	for _, e := range errs {
		kinds[e.Kind]++
	}
	fmt.Fprintf(stdout, "\nquote errors: %d (%s), all in %s; the commonest by kind and cue:\n", len(errs), formatCounts(toInt64(kinds)), path)
	for i, g := range list {
		if i == 15 {
			break
		}
		e := g.example
		ex := firstNonEmpty(e.GoldContent, e.PredContent)
		who := firstNonEmpty(e.GoldSpeaker, e.PredSpeaker)
		fmt.Fprintf(stdout, "  %4d  %-13s %-14s e.g. %s: %q (%s)\n", g.n, g.kind, g.cue, e.DocID, clipText(ex, 70), clipText(who, 30))
	}
	printErrorsByRule(stdout, errs)
	return nil
}

// printErrorsByRule prints the spurious and wrong-speaker predictions of
// each rule that placed one, the commonest first.
func printErrorsByRule(stdout io.Writer, errs []evaluate.QuoteError) {
	byRule := map[string]*[2]int{}
	var rules []string
	for _, e := range errs {
		if e.Kind == "missed" {
			continue
		}
		c := byRule[e.PredRule]
		if c == nil {
			c = &[2]int{}
			byRule[e.PredRule] = c
			rules = append(rules, e.PredRule)
		}
		if e.Kind == "spurious" {
			c[0]++
		} else {
			c[1]++
		}
	}
	sort.Slice(rules, func(i, j int) bool {
		a, b := byRule[rules[i]], byRule[rules[j]]
		if a[0]+a[1] != b[0]+b[1] {
			return a[0]+a[1] > b[0]+b[1]
		}
		return rules[i] < rules[j]
	})
	fmt.Fprintf(stdout, "\nby the rule that placed the prediction (quotes.rule):\n  %-16s %9s %14s\n", "rule", "spurious", "wrong_speaker")
	for _, r := range rules {
		fmt.Fprintf(stdout, "  %-16s %9d %14d\n", firstNonEmpty(r, "(none)"), byRule[r][0], byRule[r][1])
	}
}

func toInt64(m map[string]int) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = int64(v)
	}
	return out
}
