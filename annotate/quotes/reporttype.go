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
	"find": TypePerception, "notice": TypePerception, "watch": TypePerception, "realize": TypePerception,
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

// reportType is the type of an attribution with cue lemma lemma: speech
// unless the lemma is a verb of belief, perception or attitude. A cue
// the lexicon knows as a speech act other than assert (deny, accuse,
// admit, promise, warn, ask) is speech whatever its lemma.
func reportType(lemma, class string) string {
	if class != "" && class != "assert" {
		return TypeSpeech
	}
	lemma = strings.ToLower(lemma)
	if t, ok := reportTypes[lemma]; ok {
		return t
	}
	if first, _, ok := strings.Cut(lemma, " "); ok {
		if t, ok := reportTypes[first]; ok {
			return t
		}
	}
	return TypeSpeech
}
