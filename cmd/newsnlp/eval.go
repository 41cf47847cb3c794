package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
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
	tagger   string
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
  Universal Dependencies treebanks (.conllu): the tagger, lemmatiser and
    parser are run on the gold words and scored (syntax.xpos_accuracy,
    syntax.upos_accuracy, syntax.lemma_accuracy, syntax.uas, syntax.las,
    syntax.las.RELATION, and XPOS accuracy on title-cased and upper-cased
    copies of the sentences: syntax.title_xpos_accuracy,
    syntax.upper_xpos_accuracy); every word counts, punctuation included.
    A treebank with a coreference layer (GUM's MISC Entity=) also checks
    the speakers the annotate pipeline resolves in its documents, rebuilt
    from the sentences' text: a pronoun or description speaker is right
    when the entity it is resolved to has a mention in its gold chain
    (speakers.pronoun_accuracy, speakers.nominal_accuracy;
    speakers.name_accuracy for a name whose entity has another mention, in
    the same chain; speakers.named_recall: of the speakers whose chain is
    named before them, the share resolved right)

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
  newsnlp eval ../shared/data/polnear/dev --errors quote-errors.jsonl
  newsnlp eval ../shared/data/conll2003/eng.testa --errors ner-errors.jsonl
  newsnlp eval ../shared/data/ud/ewt/dev.conllu --min syntax.las=0.80
  newsnlp eval ../shared/data/ud/gum/dev.conllu --tagger prose
  newsnlp eval ../shared/data/ud/gum/dev.conllu --min speakers.pronoun_accuracy=0.6`,
		Args: needArgs(true, "GOLD (native gold JSONL, CoNLL-2003, CoNLL-U, or a brat/PolNeAR folder)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEval(cmd, opts, args, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.pred, "pred", "", "score this existing output folder instead of annotating the gold texts")
	f.StringVar(&opts.jsonPath, "json", "", "also write the full report as JSON to this file")
	f.StringVar(&opts.errors, "errors", "", "also write every entity error (missed, spurious, wrong_label, wrong_span, wrong_both) and quote error (missed, spurious, wrong_speaker, wrong_span) as JSON lines to this file, and print the commonest: entities by kind and labels, quotes by kind and cue and by the rule that placed the prediction")
	f.StringVar(&opts.junit, "junit", "", "also write one JUnit test case per floor to this file")
	f.StringArrayVar(&opts.mins, "min", nil, "floor task.metric=value; exit status 1 when missed (repeatable)")
	f.IntVar(&opts.workers, "workers", runtime.NumCPU(), "annotating workers (without --pred)")
	f.StringVar(&opts.tagger, "tagger", annotate.DefaultConfig().Tagger, "part-of-speech tagger (without --pred): newsnlp or prose; the lemmatiser and parser are newsnlp's and read its tags")
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
	if isTreebank(args) {
		return runEvalSyntax(cmd, o, floors, args, stdout, stderr)
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
	if !evaluate.HasAnnotations(gold) {
		return usagef("eval: %s holds no gold annotations (no entities, quotes or zones in any of its %d documents): it is a corpus to annotate, not gold to score against", strings.Join(args, ", "), len(gold))
	}
	if err := evaluate.CheckFloorNames(floors, evaluate.MetricsFor(gold, o.pred == "" && o.baseline == "")); err != nil {
		return usagef("eval: %v", err)
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
	if o.pred != "" && len(report.Missing) == len(gold) {
		return usagef("eval: the predictions in %s share no doc_id with the gold (%d gold documents, the first %q): annotate the gold file itself, or leave out --pred", o.pred, len(gold), gold[0].ID)
	}
	if o.pred == "" && o.baseline == "" {
		if err := scoreRecasedEntities(cmd, o, gold, report); err != nil {
			return err
		}
	}

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
	if o.errors != "" {
		if err := writeErrors(stdout, o.errors, report); err != nil {
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
	cfg.Tagger = o.tagger
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

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// writeQuoteErrors writes every quote error to path as JSON lines and
// prints the commonest.
func writeErrors(stdout io.Writer, path string, report *evaluate.Report) error {
	var quoteErrs []evaluate.QuoteError
	var entityErrs []evaluate.EntityError
	if report.Quotes != nil {
		quoteErrs = report.Quotes.Errors
	}
	if report.Entities != nil {
		entityErrs = report.Entities.Errors
	}
	err := writeFileAtomic(path, func(w io.Writer) error {
		if err := evaluate.WriteErrors(w, entityErrs); err != nil {
			return err
		}
		return evaluate.WriteErrors(w, quoteErrs)
	})
	if err != nil {
		return err
	}
	if report.Entities != nil {
		evaluate.WriteEntityErrorSummary(stdout, entityErrs, path)
	}
	if report.Quotes != nil {
		evaluate.WriteQuoteErrorSummary(stdout, quoteErrs, path)
	}
	return nil
}

// isTreebank reports whether every gold path is a CoNLL-U file.
func isTreebank(args []string) bool {
	for _, a := range args {
		if !strings.HasSuffix(a, ".conllu") {
			return false
		}
	}
	return true
}

// runEvalSyntax scores the tagger, lemmatiser and parser on treebanks,
// and, where a treebank has a coreference layer (GUM), the speakers the
// annotate pipeline resolves in its documents.
func runEvalSyntax(cmd *cobra.Command, o *evalOptions, floors []evaluate.Floor, args []string, stdout, stderr io.Writer) error {
	if o.pred != "" || o.baseline != "" || o.errors != "" {
		return usagef("eval: %s is a treebank: --pred, --baseline and --errors do not apply", args[0])
	}
	for _, f := range floors {
		if !evaluate.IsSyntaxMetric(f.Metric) && !evaluate.IsSpeakerMetric(f.Metric) {
			return usagef("eval: --min %s: no such metric for a treebank (metrics: syntax.xpos_accuracy, syntax.upos_accuracy, syntax.lemma_accuracy, syntax.uas, syntax.las, syntax.title_xpos_accuracy, syntax.upper_xpos_accuracy, syntax.las.RELATION; with a coreference layer: speakers.pronoun_accuracy, speakers.nominal_accuracy, speakers.name_accuracy, speakers.named_recall)", f.Metric)
		}
	}
	gold, err := evaluate.ReadTreebanks(args...)
	if err != nil {
		return usageError{fmt.Errorf("eval: %w", err)}
	}
	p, err := annotate.NewSentenceParser(o.tagger)
	if err != nil {
		return usageError{fmt.Errorf("eval: %w", err)}
	}
	report := evaluate.ScoreSyntax(gold, p.Parse)
	docs, err := treebankDocuments(args)
	if err != nil {
		return usageError{fmt.Errorf("eval: %w", err)}
	}
	if len(docs) > 0 {
		if err := scoreSpeakers(cmd, o, docs, report); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "gold: %s (conllu)\npredictions: tagger %s, newsnlp's lemmatiser and parser, on the gold words", strings.Join(args, ", "), o.tagger)
	if len(docs) > 0 {
		fmt.Fprintf(stdout, "; speakers from the annotate pipeline, in-process, on the %d documents with a coreference layer", len(docs))
	}
	fmt.Fprintln(stdout)
	return finishEval(o, floors, args, []string{"conllu"}, report, stdout, stderr)
}

// treebankDocuments are the documents of the treebanks that have a
// coreference layer.
func treebankDocuments(paths []string) ([]datasets.GoldDoc, error) {
	var docs []datasets.GoldDoc
	for _, path := range paths {
		sents, err := datasets.ReadTreebank(path)
		if err != nil {
			return nil, err
		}
		d, err := datasets.TreebankDocuments(path, sents)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// scoreSpeakers annotates the treebank's documents and checks their
// speakers against the coreference layer.
func scoreSpeakers(cmd *cobra.Command, o *evalOptions, docs []datasets.GoldDoc, report *evaluate.Report) error {
	ids := map[string]bool{}
	for _, d := range docs {
		if ids[d.ID] {
			return usagef("eval: treebank document id %q appears twice (%s)", d.ID, d.Source)
		}
		ids[d.ID] = true
	}
	tmp, err := os.MkdirTemp("", "newsnlp-eval-coref-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "out")
	if err := annotateGold(cmd, o, docs, dir); err != nil {
		return err
	}
	preds, err := evaluate.LoadPredictions(dir, ids)
	if err != nil {
		return fmt.Errorf("eval: read predictions: %w", err)
	}
	report.AddSpeakers(evaluate.ScoreSpeakers(docs, preds))
	return nil
}
