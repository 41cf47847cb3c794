package quotes

import "testing"

func TestReportType(t *testing.T) {
	for _, c := range []struct{ lemma, class, want string }{
		{"say", "assert", TypeSpeech},
		{"according to", "assert", TypeSpeech},
		{"think", "assert", TypeBelief},
		{"Believe", "", TypeBelief},
		{"know", "", TypePerception},
		{"want", "", TypeAttitude},
		{"vote for", "", TypeAttitude},      // phrasal, whole
		{"hope for", "", TypeAttitude},      // phrasal, whole
		{"see through", "", TypePerception}, // phrasal, by its first word
		{"call for", "ask", TypeSpeech},
		{"reject", "deny", TypeSpeech},
		{"fear", "warn", TypeSpeech}, // a speech act the lexicon names wins
		{"", "", TypeSpeech},         // a colon, a floating quotation
	} {
		if got := reportType(c.lemma, c.class); got != c.want {
			t.Errorf("reportType(%q, %q) = %q; want %q", c.lemma, c.class, got, c.want)
		}
	}
}
