package quotes

import (
	"strings"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

// What kind of report an attribution is (the doc.Report constants).
// PolNeAR annotates every attribution of content to a source: what the
// source said, and what it believes, perceives or wants. The seed's
// annotator, and most users counting statements, want only the first.

// reportTypes is the type of every cue lemma that is not speech, by
// lemma; a phrasal lemma (call for, vote for) is looked up whole, then by
// its first word.
var reportTypes = map[string]string{
	"think": doc.ReportBelief, "believe": doc.ReportBelief, "expect": doc.ReportBelief, "consider": doc.ReportBelief,
	"suspect": doc.ReportBelief, "doubt": doc.ReportBelief, "assume": doc.ReportBelief, "suppose": doc.ReportBelief,
	"feel": doc.ReportBelief, "fear": doc.ReportBelief, "worry": doc.ReportBelief, "trust": doc.ReportBelief,
	"view": doc.ReportBelief, "regard": doc.ReportBelief, "seem": doc.ReportBelief, "appear": doc.ReportBelief,
	"imagine": doc.ReportBelief, "guess": doc.ReportBelief, "reckon": doc.ReportBelief, "anticipate": doc.ReportBelief,
	"figure": doc.ReportBelief, "presume": doc.ReportBelief, "wonder": doc.ReportBelief, "sense": doc.ReportBelief,
	"be concerned": doc.ReportBelief, "be convinced": doc.ReportBelief, "be confident": doc.ReportBelief, "be sure": doc.ReportBelief,

	"see": doc.ReportPerception, "hear": doc.ReportPerception, "know": doc.ReportPerception, "learn": doc.ReportPerception,
	"notice": doc.ReportPerception, "watch": doc.ReportPerception, "realize": doc.ReportPerception,
	"realise": doc.ReportPerception, "recognize": doc.ReportPerception, "recognise": doc.ReportPerception,
	"discover": doc.ReportPerception, "remember": doc.ReportPerception, "understand": doc.ReportPerception,
	"read": doc.ReportPerception, "look": doc.ReportPerception, "witness": doc.ReportPerception, "forget": doc.ReportPerception,
	"be aware": doc.ReportPerception, "know as": doc.ReportPerception,

	"want": doc.ReportAttitude, "like": doc.ReportAttitude, "love": doc.ReportAttitude, "hate": doc.ReportAttitude,
	"prefer": doc.ReportAttitude, "support": doc.ReportAttitude, "oppose": doc.ReportAttitude, "favor": doc.ReportAttitude,
	"favour": doc.ReportAttitude, "hope": doc.ReportAttitude, "wish": doc.ReportAttitude, "need": doc.ReportAttitude,
	"seek": doc.ReportAttitude, "plan": doc.ReportAttitude, "intend": doc.ReportAttitude, "decide": doc.ReportAttitude,
	"choose": doc.ReportAttitude, "try": doc.ReportAttitude, "endorse": doc.ReportAttitude, "back": doc.ReportAttitude,
	"embrace": doc.ReportAttitude, "vote": doc.ReportAttitude, "vote for": doc.ReportAttitude, "push": doc.ReportAttitude,
	"focus on": doc.ReportAttitude, "fight": doc.ReportAttitude, "welcome": doc.ReportAttitude, "accept": doc.ReportAttitude,
	"approve": doc.ReportAttitude, "aim": doc.ReportAttitude, "hope for": doc.ReportAttitude, "dislike": doc.ReportAttitude,
	"enjoy": doc.ReportAttitude, "care": doc.ReportAttitude, "care about": doc.ReportAttitude, "desire": doc.ReportAttitude,
	"resent": doc.ReportAttitude, "value": doc.ReportAttitude, "admire": doc.ReportAttitude, "respect": doc.ReportAttitude,
	"be willing": doc.ReportAttitude, "be determined": doc.ReportAttitude, "be eager": doc.ReportAttitude,
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
		return doc.ReportSpeech
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
		return doc.ReportSpeech // made clear, made it clear
	}
	if t, ok := reportTypes[lemma]; ok {
		return t
	}
	if t, ok := reportTypes[first]; ok {
		return t
	}
	if learned && !communication[lemma] && !communication[first] {
		return doc.ReportAttitude
	}
	return doc.ReportSpeech
}
