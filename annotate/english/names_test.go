package english

import "testing"

// TestGenderOfFirstName: the curated list first, then the longer one; a
// name neither holds, or one the longer list gives both genders, has none.
func TestGenderOfFirstName(t *testing.T) {
	g := GenderOfFirstName()
	for name, want := range map[string]byte{"thad": 'm', "imelda": 'f', "bill": 'm', "anna": 'f'} {
		if got := g[name]; got != want {
			t.Errorf("gender of %q = %q; want %q", name, got, want)
		}
	}
	for _, name := range []string{"robin", "jordan", "zzyzx"} {
		if got, ok := g[name]; ok {
			t.Errorf("gender of %q = %q; want none", name, got)
		}
	}
	if _, ok := FirstNameGender()["thad"]; ok {
		t.Error("the longer list leaked into FirstNameGender, which makes a word a first name")
	}
}

func TestCommonAcronym(t *testing.T) {
	for w, want := range map[string]bool{"DVD": true, "DVDs": true, "TV": true, "PCs": true, "BBC": false, "NATO": false, "IDS": false, "Ds": false} {
		if got := CommonAcronym(w); got != want {
			t.Errorf("CommonAcronym(%q) = %v; want %v", w, got, want)
		}
	}
}
