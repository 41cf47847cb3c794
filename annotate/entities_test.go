package annotate

import "testing"

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
		{"", ""},
		{"-.-", ""},
	} {
		if got := nameKey(c.in); got != c.want {
			t.Errorf("nameKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
