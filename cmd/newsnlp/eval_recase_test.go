package main

import (
	"testing"
	"unicode/utf8"
)

// TestRecasers: a recased copy has the same code points at the same
// offsets, so the gold spans still fit it.
func TestRecasers(t *testing.T) {
	in := "the straße of São Paulo, said ﬁve officials\tin EU talks"
	want := map[string]string{
		"title": "The Straße Of São Paulo, Said ﬁve Officials\tIn EU Talks",
		"upper": "THE STRAßE OF SÃO PAULO, SAID ﬁVE OFFICIALS\tIN EU TALKS",
	}
	for name, f := range recasers {
		got := f(in)
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(in) {
			t.Errorf("%s: %d code points from %d", name, utf8.RuneCountInString(got), utf8.RuneCountInString(in))
		}
		if got != want[name] {
			t.Errorf("%s(%q) = %q; want %q", name, in, got, want[name])
		}
	}
}
