package english

import "testing"

func TestEntityKey(t *testing.T) {
	for _, c := range []struct{ name, label, want string }{
		{"José García", "PERSON", "jose garcia"},
		{"Jose\u0301 Garci\u0301a", "PERSON", "jose garcia"}, // decomposed accents
		{"Chancellor Gordon Brown", "PERSON", "gordon brown"},
		{"Tory MP Boris Johnson", "PERSON", "boris johnson"},
		{"Boris Johnson MP", "PERSON", "boris johnson"},
		{"Martin Luther King", "PERSON", "martin luther king"}, // a title word after a name is a surname
		{"Mr Blair", "PERSON", "blair"},
		{"Prince Charles", "PERSON", "prince charles"},
		{"Former President Bill Clinton", "PERSON", "bill clinton"},
		{"Lavrov's", "PERSON", "lavrov"},
		{"U.S.", "GPE", "united states"},
		{"United States", "GPE", "united states"},
		{"Tory", "NORP", "conservative party"},
		{"Conservatives", "ORG", "conservative party"},
		{"The Conservative Party", "ORG", "conservative party"},
		{"Syrian Observatory for Human Rights", "ORG", "syrian observatory for human rights"},
		{"SOHR", "ORG", "syrian observatory for human rights"},
		{"Al-Nusra Front", "ORG", "al nusra front"},
		{"President", "ORG", "president"}, // not a person: titles stay
		{"Chancellor Gordon Brown", "ORG", "chancellor gordon brown"},
	} {
		if got := EntityKey(c.name, c.label); got != c.want {
			t.Errorf("EntityKey(%q, %s) = %q; want %q", c.name, c.label, got, c.want)
		}
	}
}

func TestNFC(t *testing.T) {
	if got := NFC("Jose\u0301 Garci\u0301a"); got != "José García" {
		t.Errorf("NFC of decomposed accents = %q; want the composed letters", got)
	}
	for _, s := range []string{"Lavrov", "José", ""} {
		if got := NFC(s); got != s {
			t.Errorf("NFC(%q) = %q; want it unchanged", s, got)
		}
	}
	if n := testing.AllocsPerRun(100, func() { NFC("José") }); n != 0 {
		t.Errorf("NFC of text already composed allocates %v times", n)
	}
}
