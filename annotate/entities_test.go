package annotate

import (
	"testing"

	"github.com/newsnlp/newsnlp/annotate/english"
)

func TestNameKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Al-Nusra", "al nusra"},
		{"Al Nusra", "al nusra"},
		{"U.S.", "u s"},
		{"O'Brien", "obrien"},
		{"O’Brien", "obrien"},
		{"  Sergei   LAVROV ", "sergei lavrov"},
		{"-Ban Ki-moon.", "ban ki moon"},
		{"Élysée\tPalace", "élysée palace"},
		{"E\u0301lyse\u0301e Palace", "élysée palace"}, // decomposed accents
		{"", ""},
		{"-.-", ""},
	} {
		if got := english.NameKey(c.in); got != c.want {
			t.Errorf("english.NameKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWordShape(t *testing.T) {
	for _, c := range []struct {
		in     string
		maxRun int
		want   string
	}{
		{"Lavrov", 3, "Xxxx"},
		{"Lavrov", 1, "Xx"},
		{"NATO", 3, "XXX"},
		{"1990s", 3, "dddx"},
		{"U.S.", 3, "X.X."},
		{"Al-Nusra", 1, "Xx-Xx"},
		{"Élysée", 3, "Xxxx"},
		{"", 3, ""},
		{"antidisestablishmentarianism-and-counter-revolutionaries", 3, "xxx-xxx-xxx-xxx"},
		{"«Привет»", 3, "«Xxxx»"},
	} {
		if got := wordShape(c.in, c.maxRun); got != c.want {
			t.Errorf("wordShape(%q, %d) = %q, want %q", c.in, c.maxRun, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { wordShape("Lavrov", 3) }); n != 0 {
		t.Errorf("wordShape of a common shape allocates %v times", n)
	}
}
