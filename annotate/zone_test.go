package annotate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/newsnlp/newsnlp/annotate/doc"
)

// zoneTexts renders zones as "kind: text" for readable comparisons.
func zoneTexts(text string, zones []doc.Zone) []string {
	var out []string
	for _, z := range zones {
		out = append(out, z.Kind+": "+text[z.Start:z.End])
	}
	return out
}

func TestFindZones(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		title string
		want  []string
	}{
		{
			name: "scraped page with repeated title, dateline and trailing boilerplate",
			text: "Mayor Rejects Bridge Plan\n\nMayor Rejects Bridge Plan\n\n\nOslo: The mayor said the bridge would cost too much.\n\nShe added that a ferry was cheaper.\n\nLeave a Reply\n\nYour email address will not be published.\n\nYou may also like\n\nTeaser headline here",
			want: []string{
				"title: Mayor Rejects Bridge Plan",
				"title_repeat: Mayor Rejects Bridge Plan",
				"dateline: Oslo",
				"body: The mayor said the bridge would cost too much.\n\nShe added that a ferry was cheaper.",
				"boilerplate: Leave a Reply\n\nYour email address will not be published.\n\nYou may also like\n\nTeaser headline here",
			},
		},
		{
			name:  "metadata title matching the first line",
			text:  "Ad sales boost profit\n\nQuarterly profits jumped 76%.",
			title: "Ad sales boost profit",
			want:  []string{"title: Ad sales boost profit", "body: Quarterly profits jumped 76%."},
		},
		{
			name:  "metadata title not in the text",
			text:  "Quarterly profits jumped 76%.\n\nThe firm said sales rose.",
			title: "Ad sales boost profit",
			want:  []string{"body: Quarterly profits jumped 76%.\n\nThe firm said sales rose."},
		},
		{
			name: "agency dateline with a dash",
			text: "WASHINGTON (Reuters) - The Senate passed the bill on Friday.",
			want: []string{"dateline: WASHINGTON (Reuters)", "body: The Senate passed the bill on Friday."},
		},
		{
			name: "dateline with a date and an em dash",
			text: "KORVIK, March 3 (Northwire) — Residents reported a smell.",
			want: []string{"dateline: KORVIK, March 3 (Northwire)", "body: Residents reported a smell."},
		},
		{
			name: "two places and a state abbreviation",
			text: "WEST PALM BEACH, Fla./WASHINGTON (Reuters) - The White House said on Friday it was ready.",
			want: []string{"dateline: WEST PALM BEACH, Fla./WASHINGTON (Reuters)", "body: The White House said on Friday it was ready."},
		},
		{
			name: "agency alone",
			text: "(Reuters) - Officials on Thursday certified the result.",
			want: []string{"dateline: (Reuters)", "body: Officials on Thursday certified the result."},
		},
		{
			name: "a speaker's label is not a dateline; a capitalised place is",
			text: "Berg: The bridge is safe.\n\nAnna Berg spoke on Monday.",
			want: []string{"body: Berg: The bridge is safe.\n\nAnna Berg spoke on Monday."},
		},
		{
			name: "a place of the gazetteer before a colon",
			text: "Kabul: Officials said the road had reopened.",
			want: []string{"dateline: Kabul", "body: Officials said the road had reopened."},
		},
		{
			name: "a page label is not a dateline",
			text: "Update: Prices dropped again on Monday, traders said.\n\nThey rose later.",
			want: []string{"body: Update: Prices dropped again on Monday, traders said.\n\nThey rose later."},
		},
		{
			name: "a sentence is not a dateline",
			text: "The mayor said - and meant it - that the bridge would open.",
			want: []string{"body: The mayor said - and meant it - that the bridge would open."},
		},
		{
			name: "a name and an appositive between dashes is not a dateline",
			text: "Anna Berg — a teacher from Harbourtown — says the bridge is safe.",
			want: []string{"body: Anna Berg — a teacher from Harbourtown — says the bridge is safe."},
		},
		{
			name: "a speaker's colon before a quote is not a dateline",
			text: "Haley: \"We will not back down.\"\n\nShe spoke in Ohio.",
			want: []string{"body: Haley: \"We will not back down.\"\n\nShe spoke in Ohio."},
		},
		{
			name: "share block in the middle splits the body",
			text: "The vote was close.\n\nShare this article\n\nThe count ends tonight.",
			want: []string{"body: The vote was close.", "boilerplate: Share this article", "body: The count ends tonight."},
		},
		{
			name: "share buttons after a share label",
			text: "The vote was close.\n\nShare this article\n\nFacebook Twitter Email",
			want: []string{"body: The vote was close.", "boilerplate: Share this article\n\nFacebook Twitter Email"},
		},
		{
			name: "first paragraph ending like a sentence is not a title",
			text: "The minister resigned on Monday.\n\nHe gave no reason.",
			want: []string{"body: The minister resigned on Monday.\n\nHe gave no reason."},
		},
		{
			name: "furniture words alone stay body",
			text: "Comments",
			want: []string{"body: Comments"},
		},
		{
			name: "empty",
			text: " \n\n \t",
			want: nil,
		},
		{
			name: "CRLF line endings",
			text: "Flood Warning Issued Today\r\n\r\nRivers rose overnight.\r\n\r\nRelated articles\r\n\r\nOther story",
			want: []string{"title: Flood Warning Issued Today", "body: Rivers rose overnight.", "boilerplate: Related articles\r\n\r\nOther story"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := zoneTexts(tt.text, FindZones(tt.text, tt.title))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FindZones(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// FuzzFindZones checks the zone finder's invariants on any input: zones are
// in order, do not overlap, lie on rune boundaries within the text, and
// never start or end with white space.
func FuzzFindZones(f *testing.F) {
	f.Add("Title Line Here\n\nTitle Line Here\n\nMoscow: Body text.\n\nLeave a Reply\n\nx", "")
	f.Add("WASHINGTON (Reuters) - Text.", "Some title")
	f.Add("\n\n\n", "")
	f.Add("a\r\n\r\nb", "a")
	f.Add("“doc.Quote” — said\u00a0someone\u2028next", "")
	f.Fuzz(func(t *testing.T, text, title string) {
		// Text reaching annotate is valid UTF-8: datasets replaces bad
		// bytes on reading. FindZones must still not panic on it.
		zones := FindZones(text, title)
		if !utf8.ValidString(text) {
			return
		}
		prev := 0
		for _, z := range zones {
			if z.Start < prev || z.End < z.Start || z.End > len(text) {
				t.Fatalf("FindZones(%q): zone %+v out of order or range (prev end %d)", text, z, prev)
			}
			if !utf8.RuneStart(text[z.Start]) && z.Start < len(text) {
				t.Fatalf("FindZones(%q): zone %+v starts inside a rune", text, z)
			}
			if z.End < len(text) && !utf8.RuneStart(text[z.End]) {
				t.Fatalf("FindZones(%q): zone %+v ends inside a rune", text, z)
			}
			if s := text[z.Start:z.End]; strings.TrimSpace(s) != s {
				t.Fatalf("FindZones(%q): zone %+v = %q has surrounding space", text, z, s)
			}
			prev = z.End
		}
	})
}

func TestRuneIndex(t *testing.T) {
	text := "aé“b”🙂c北"
	x := newRuneIndex(text)
	want := 0
	byteToRune := map[int]int{}
	for b := range text {
		byteToRune[b] = want
		want++
	}
	byteToRune[len(text)] = want
	// Forward, backward and repeated queries must all agree.
	order := []int{}
	for b := range text {
		order = append(order, b)
	}
	order = append(order, len(text))
	for i := len(order) - 1; i >= 0; i-- {
		order = append(order, order[i])
	}
	for _, b := range order {
		if got := x.at(b); got != byteToRune[b] {
			t.Errorf("at(%d) = %d; want %d", b, got, byteToRune[b])
		}
	}
}
