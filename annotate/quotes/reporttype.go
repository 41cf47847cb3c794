package quotes

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// What kind of report an attribution is. PolNeAR annotates every
// attribution of content to a source: what the source said, and what it
// believes, perceives or wants. The seed's annotator, and most users
// counting statements, want only the first.
const (
	TypeSpeech     = doc.ReportSpeech
	TypeBelief     = doc.ReportBelief
	TypePerception = doc.ReportPerception
	TypeAttitude   = doc.ReportAttitude
)

// reportTypes is the type of every cue lemma that is not speech, by
// lemma; a phrasal lemma (call for, vote for) is looked up whole, then by
// its first word.
var reportTypes = map[string]string{
	"think": TypeBelief, "believe": TypeBelief, "expect": TypeBelief, "consider": TypeBelief,
	"suspect": TypeBelief, "doubt": TypeBelief, "assume": TypeBelief, "suppose": TypeBelief,
	"feel": TypeBelief, "fear": TypeBelief, "worry": TypeBelief, "trust": TypeBelief,
	"view": TypeBelief, "regard": TypeBelief, "seem": TypeBelief, "appear": TypeBelief,
	"imagine": TypeBelief, "guess": TypeBelief, "reckon": TypeBelief, "anticipate": TypeBelief,
	"figure": TypeBelief, "presume": TypeBelief, "wonder": TypeBelief, "sense": TypeBelief,
	"be concerned": TypeBelief, "be convinced": TypeBelief, "be confident": TypeBelief, "be sure": TypeBelief,

	"see": TypePerception, "hear": TypePerception, "know": TypePerception, "learn": TypePerception,
	"notice": TypePerception, "watch": TypePerception, "realize": TypePerception,
	"realise": TypePerception, "recognize": TypePerception, "recognise": TypePerception,
	"discover": TypePerception, "remember": TypePerception, "understand": TypePerception,
	"read": TypePerception, "look": TypePerception, "witness": TypePerception, "forget": TypePerception,
	"be aware": TypePerception, "know as": TypePerception,

	"want": TypeAttitude, "like": TypeAttitude, "love": TypeAttitude, "hate": TypeAttitude,
	"prefer": TypeAttitude, "support": TypeAttitude, "oppose": TypeAttitude, "favor": TypeAttitude,
	"favour": TypeAttitude, "hope": TypeAttitude, "wish": TypeAttitude, "need": TypeAttitude,
	"seek": TypeAttitude, "plan": TypeAttitude, "intend": TypeAttitude, "decide": TypeAttitude,
	"choose": TypeAttitude, "try": TypeAttitude, "endorse": TypeAttitude, "back": TypeAttitude,
	"embrace": TypeAttitude, "vote": TypeAttitude, "vote for": TypeAttitude, "push": TypeAttitude,
	"focus on": TypeAttitude, "fight": TypeAttitude, "welcome": TypeAttitude, "accept": TypeAttitude,
	"approve": TypeAttitude, "aim": TypeAttitude, "hope for": TypeAttitude, "dislike": TypeAttitude,
	"enjoy": TypeAttitude, "care": TypeAttitude, "care about": TypeAttitude, "desire": TypeAttitude,
	"resent": TypeAttitude, "value": TypeAttitude, "admire": TypeAttitude, "respect": TypeAttitude,
	"be willing": TypeAttitude, "be determined": TypeAttitude, "be eager": TypeAttitude,
}

// communication are the verbs and nouns of communication that the cue
// lexicon lacks: a cue the cue model finds is speech when its lemma is one
// of these (or of the lexicon's), and otherwise an act the writer
// attributes (Vodafone introduced a control system, X made sure files
// were …), which is counted with the attitudes.
var communication = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`call label brand dub name term mention cite quote refer talk speak
		discuss comment tell inform notify remind reassure assure guarantee advise recommend propose
		urge plead beg appeal request order instruct direct invite challenge praise hail laud applaud
		commend congratulate thank welcome salute credit blast slam lambast criticise chide scold
		rebuke denounce decry deplore lament complain grumble protest object mock ridicule joke quip
		boast brag trumpet tout champion hint imply signal indicate show demonstrate illustrate find
		outline detail list highlight underline stress emphasise emphasize reiterate repeat restate
		echo express voice raise flag publish release issue unveil disclose leak broadcast air
		announce proclaim forecast project predict calculate reckon estimate judge rule conclude
		decree determine certify verify affirm reaffirm swear attest admit own confide recount
		relate narrate describe characterise characterize portray paint depict frame liken compare
		summarise summarize explain clarify elaborate argue reason counter retort rejoin answer reply
		respond write post tweet blog email text message phone telephone cable report document
		record log poll survey query ask inquire enquire interview question testify
		statement claim comment remark criticism allegation accusation warning announcement report
		ruling verdict testimony interview speech tweet letter message email note memo appeal demand
		request promise pledge vow threat denial admission assertion suggestion proposal
		recommendation question answer response reply description prediction forecast estimate
		argument complaint praise condemnation charge insistence contention explanation
		acknowledgement acknowledgment confirmation revelation disclosure call plea agree disagree
		refuse decline speculate identify attribute herald portrayal`) {
		communication[w] = true
	}
	for _, p := range strings.Split("go on,set out,play down,hit back,hit out,hit out at,shrug off,point to,point out,"+
		"bill as,single out,make no mention of,distance himself from,distance herself from,campaign against,"+
		"push for,call for,ask for,argue for,speak out,speak up,weigh in,sound off,come up with", ",") {
		communication[p] = true
	}
}

// reportType is the type of an attribution with cue lemma lemma: speech
// unless the lemma is a verb of belief, perception or attitude. A cue
// the lexicon knows as a speech act other than assert (deny, accuse,
// admit, promise, warn, ask) is speech whatever its lemma. A cue the cue
// model found with no word of the lexicon in it (learned) is speech only
// when its lemma is one of communication.
func reportType(lemma, class string, learned bool) string {
	if class != "" && class != "assert" {
		return TypeSpeech
	}
	lemma = strings.ToLower(lemma)
	// The cue's verb is its first word after any adverbs (also expect,
	// widely seen, later told).
	words := strings.Fields(lemma)
	for len(words) > 1 && (strings.HasSuffix(words[0], "ly") || cueAux[words[0]]) {
		words = words[1:]
	}
	first := ""
	if len(words) > 0 {
		first = words[0]
	}
	if strings.HasPrefix(lemma, "make") && strings.HasSuffix(lemma, "clear") {
		return TypeSpeech // made clear, made it clear
	}
	if t, ok := reportTypes[lemma]; ok {
		return t
	}
	if t, ok := reportTypes[first]; ok {
		return t
	}
	if learned && !communication[lemma] && !communication[first] {
		return TypeAttitude
	}
	return TypeSpeech
}
