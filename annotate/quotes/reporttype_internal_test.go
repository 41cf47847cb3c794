package quotes

import "testing"

func TestReportType(t *testing.T) {
	for _, c := range []struct {
		lemma, class string
		learned      bool
		want         string
	}{
		{"say", "assert", false, TypeSpeech},
		{"according to", "assert", false, TypeSpeech},
		{"think", "assert", false, TypeBelief},
		{"Believe", "", false, TypeBelief},
		{"know", "", false, TypePerception},
		{"want", "", false, TypeAttitude},
		{"vote for", "", false, TypeAttitude},      // phrasal, whole
		{"hope for", "", false, TypeAttitude},      // phrasal, whole
		{"see through", "", false, TypePerception}, // phrasal, by its first word
		{"call for", "ask", false, TypeSpeech},
		{"reject", "deny", false, TypeSpeech},
		{"fear", "warn", false, TypeSpeech}, // a speech act the lexicon names wins
		{"", "", false, TypeSpeech},         // a colon, a floating quotation
		// A cue the model found with no lexicon word: speech when it is a
		// verb or noun of communication, else an act (an attitude).
		{"slam", "assert", true, TypeSpeech},
		{"refer to", "assert", true, TypeSpeech},
		{"statement", "assert", true, TypeSpeech},
		{"introduce", "assert", true, TypeAttitude},
		{"make sure", "assert", true, TypeAttitude},
		{"want", "assert", true, TypeAttitude},
		{"introduce", "assert", false, TypeSpeech}, // held a lexicon word
	} {
		if got := reportType(c.lemma, c.class, c.learned); got != c.want {
			t.Errorf("reportType(%q, %q, learned %v) = %q; want %q", c.lemma, c.class, c.learned, got, c.want)
		}
	}
}
