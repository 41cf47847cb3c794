package quotes

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// attribution is one quote found by the quotes stage, in bytes and token
// indexes, before offsets are converted.
type attribution struct {
	kind string
	// rule names the rule that placed the attribution (rules.go).
	rule         string
	content, cue [2]int // bytes; cue [0,0] when none
	// parts are the quotations a split content is made of (contentParts),
	// nil when it is one stretch.
	parts           [][2]int
	speakerTok      [2]int // token range of the speaker; [-1,-1] when none
	appositive      [2]int // token range of an appositive next to the speaker, if any
	relativeTo      [2]int // for a relative pronoun speaker (X, who said), X's token range
	speaker         [2]int // bytes of the speaker, set once resolved
	cueLemma, class string
	// learnedCue is set when the cue model found the cue and it holds no
	// word of the lexicon: what it reports is speech only when its lemma
	// is a verb or noun of communication (reporttype.go).
	learnedCue bool
	// act is set when the cue is a reporting verb used for an act
	// (actSense): the attribution is then no speech.
	act             bool
	sent            int
	entityID, canon string
	speakerLabel    string
	speakerKey      string
	resolving       string
	// How the cue was found: by the cue model alone, and the model's score
	// of its first word (scored is false when the model did not score it).
	fromModel, scored bool
	cueScore          float32
	// fallback is set when no rule placed the speaker next to the cue and
	// the clause's subject (or no speaker) stands in: the filter judges it.
	fallback bool
	// The attribution filter's features, kept only while collecting
	// training examples.
	filterFeats []uint64
	// judged is set when the filter judged the attribution, with its
	// margin; score is the calibrated probability that it is right, and
	// scored says whether there is one (a model file with no calibration
	// gives none).
	judged   bool
	margin   float32
	score    float32
	hasScore bool
}

// auxiliaries and adverbs that belong to a cue (has also said, later told).
var cueAux = map[string]bool{
	"has": true, "have": true, "had": true, "did": true, "does": true, "do": true, "is": true, "was": true, "were": true, "are": true, "will": true,
	"would": true, "also": true, "later": true, "previously": true, "again": true, "repeatedly": true,
	"once": true, "then": true, "publicly": true, "privately": true, "recently": true, "earlier": true, "had been": true,
}

// audienceWords are objects of "told" that are part of the cue (told
// reporters).
var audienceWords = map[string]bool{"reporters": true, "journalists": true, "media": true, "press": true, "the": true, "a": true, "an": true, "news": true, "conference": true}

// beForms make a following participle passive (were told, is expected).
var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

// mediumWords carry what their sender says: "X released a statement
// saying …" is X's statement.
var mediumWords = map[string]bool{
	"statement": true, "statements": true, "release": true, "email": true, "emails": true, "e-mail": true,
	"letter": true, "letters": true, "memo": true, "note": true, "message": true, "messages": true,
	"tweet": true, "tweets": true, "post": true, "posts": true, "ad": true, "ads": true, "advert": true,
	"advertisement": true, "commercial": true, "spot": true, "video": true, "sign": true, "signs": true,
	"banner": true, "banners": true, "petition": true, "filing": true, "motion": true, "lawsuit": true,
	"complaint": true, "op-ed": true, "column": true, "editorial": true, "speech": true, "response": true,
	"interview": true, "appeal": true, "mailer": true, "flyer": true, "leaflet": true,
}

// clauseSubordinators open an adverbial clause (…, because she thinks …).
var clauseSubordinators = map[string]bool{
	"because": true, "although": true, "though": true, "while": true, "whereas": true, "as": true,
	"since": true, "when": true, "after": true, "before": true, "if": true, "unless": true, "until": true,
}

// gerundPrepositions take a reporting gerund whose subject is the
// clause's (by saying, after telling, while arguing); "without" negates
// and is left out.
var gerundPrepositions = map[string]bool{"by": true, "after": true, "before": true, "while": true, "since": true, "in": true, "when": true, "upon": true}

// questionWords open the question after "asked".
var questionWords = map[string]bool{
	"whether": true, "if": true, "what": true, "how": true, "why": true, "who": true, "whom": true,
	"when": true, "where": true, "which": true, "about": true,
}

// askedQuestion returns the token range of the question when token k is
// "asked" with no asker before it: opening the sentence (Asked whether …,)
// or after a be-form (was asked if …), followed by the question. It returns
// an empty range otherwise. "When asked about X, Y said Z" is left to Y's
// answer: PolNeAR annotates such a question on its own, the seed's
// annotator did not, and the difference in cross-validation is 0.0005.
func askedQuestion(toks []doc.Token, low []string, k, s0, s1 int) (int, int) {
	if low[k] != "asked" || k+1 >= s1 || !questionWords[low[k+1]] {
		return 0, 0
	}
	if k > s0 {
		switch p := low[k-1]; {
		case beForms[p], p == "being":
		default:
			return 0, 0
		}
	}
	end := k + 1
	for end < s1 {
		switch toks[end].Text {
		case ",", ";", ":", ".", "?", "!":
			return k + 1, end
		}
		end++
	}
	return k + 1, end
}

// matchCue matches the cue lexicon at token k; it returns the entry and the
// number of tokens, 0 when none. A single verb must be tagged as a verb,
// except said, says and told, which prose sometimes mistags and which are
// always reporting verbs.
func (a *Stage) matchCue(toks []doc.Token, low []string, k, end int) (cueEntry, int) {
	for _, e := range a.cues[low[k]] {
		if k+len(e.words) > end {
			continue
		}
		ok := true
		for w := 1; w < len(e.words); w++ {
			ok = ok && strings.EqualFold(toks[k+w].Text, e.words[w])
		}
		if !ok {
			continue
		}
		if len(e.words) == 1 && !strings.HasPrefix(toks[k].POS, "VB") {
			next := ""
			if k+1 < end {
				next = low[k+1]
			}
			switch {
			case low[k] == "said", low[k] == "says", low[k] == "told":
			case next == "that" || next == ":" || next == "“" || next == "\"":
				// The Post reports that …: prose may tag the verb a noun.
			case (next == "." || next == "") && k > 0 && toks[k-1].POS != "DT" && toks[k-1].POS != "PRP$" && toks[k-1].POS != "JJ":
				// "…, the Daily Caller reports.": a sentence-final cue after
				// a name, not a noun after its determiner (read the reports).
			default:
				continue
			}
		}
		return e, len(e.words)
	}
	return cueEntry{}, 0
}

// coordinatedVerb reports whether the verb at token k opens a verb phrase
// coordinated with the clause before it: after "and" or "but" (and called
// it …, but was careful not to …), or a participle after a comma (…,
// implying that …). Auxiliaries and adverbs before it are stepped over.
func coordinatedVerb(toks []doc.Token, low []string, s0, k int) bool {
	if !strings.HasPrefix(toks[k].POS, "VB") {
		return false
	}
	j := k - 1
	for j > s0 && (cueAux[low[j]] || toks[j].POS == "RB" || toks[j].POS == "MD") {
		j--
	}
	if j <= s0 {
		return false
	}
	if low[j] == "and" || low[j] == "but" {
		// A bare participle or infinitive right after "and" goes on with
		// the verb before it (was arrested and charged, to build and
		// run); with an auxiliary or adverb between, it is a verb phrase
		// of its own (and has since described).
		return toks[j+1].POS != "VBN" && toks[j+1].POS != "VB" || j+1 < k
	}
	return toks[j+1].POS == "VBG" && afterComma(toks, s0, j+1)
}

func finiteOrParticiple(p string) bool {
	return p == "VBD" || p == "VBZ" || p == "VBP" || p == "VBG"
}

// afterComma reports whether token k follows a comma, or a comma and the
// quotation mark closing after it (called it "corrupt," noting …).
func afterComma(toks []doc.Token, s0, k int) bool {
	if k > s0 && toks[k-1].Text == "," {
		return true
	}
	return k-1 > s0 && isClosingMark(toks[k-1].Text) && toks[k-2].Text == ","
}

// newClauseBetween reports whether a new clause starts between byte
// offset from and token k: a semicolon, or a comma and a conjunction (…,
// but she called it false).
func newClauseBetween(toks []doc.Token, from, k int) bool {
	for j := k - 1; j > 0 && toks[j].Start >= from; j-- {
		if toks[j].Text == ";" || toks[j].POS == "CC" && toks[j-1].Text == "," {
			return true
		}
	}
	return false
}

// onlyAuxiliaries reports whether the tokens are auxiliaries, modals and
// adverbs only (has, was, will also).
func onlyAuxiliaries(toks []doc.Token, low []string) bool {
	for j := range toks {
		if !beForms[low[j]] && !cueAux[low[j]] && toks[j].POS != "RB" && toks[j].POS != "MD" {
			return false
		}
	}
	return true
}

// antecedentWindow bounds how many mentions back a pronoun looks: its
// antecedent is in the recent text, and the bound keeps a long article
// linear.
const antecedentWindow = 200
