package quotes

import (
	"testing"

	"github.com/newsnlp/newsnlp/annotate/doc"
)

func TestReportType(t *testing.T) {
	for _, c := range []struct {
		lemma, class string
		learned      bool
		want         string
	}{
		{"say", "assert", false, doc.ReportSpeech},
		{"according to", "assert", false, doc.ReportSpeech},
		{"think", "assert", false, doc.ReportBelief},
		{"Believe", "", false, doc.ReportBelief},
		{"know", "", false, doc.ReportPerception},
		{"want", "", false, doc.ReportAttitude},
		{"vote for", "", false, doc.ReportAttitude},      // phrasal, whole
		{"hope for", "", false, doc.ReportAttitude},      // phrasal, whole
		{"see through", "", false, doc.ReportPerception}, // phrasal, by its first word
		{"call for", "ask", false, doc.ReportSpeech},
		{"reject", "deny", false, doc.ReportSpeech},
		{"fear", "warn", false, doc.ReportSpeech}, // a speech act the lexicon names wins
		{"", "", false, doc.ReportSpeech},         // a colon, a floating quotation
		// A cue the model found with no lexicon word: speech when it is a
		// verb or noun of communication, else an act (an attitude).
		{"slam", "assert", true, doc.ReportSpeech},
		{"refer to", "assert", true, doc.ReportSpeech},
		{"statement", "assert", true, doc.ReportSpeech},
		{"introduce", "assert", true, doc.ReportAttitude},
		{"make sure", "assert", true, doc.ReportAttitude},
		{"want", "assert", true, doc.ReportAttitude},
		{"introduce", "assert", false, doc.ReportSpeech}, // held a lexicon word
	} {
		if got := reportType(c.lemma, c.class, c.learned); got != c.want {
			t.Errorf("reportType(%q, %q, learned %v) = %q; want %q", c.lemma, c.class, c.learned, got, c.want)
		}
	}
}
