package annotate

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// headlineRows annotates one headline and renders its denials: the kind,
// the speaker ("-" for the outlet), the cue and the rule.
func headlineRows(t *testing.T, a *Annotator, text string) []string {
	t.Helper()
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, q := range d.Quotes {
		if q.Label != "denial" {
			continue
		}
		speaker := q.Speaker.Text
		if q.Kind == "author" {
			speaker = "-"
			if q.Speaker.Text != "" || q.SpeakerResolution != "author" {
				t.Errorf("%q: an author row with speaker %q, resolution %s", text, q.Speaker.Text, q.SpeakerResolution)
			}
		}
		out = append(out, fmt.Sprintf("%s %s [%s]", q.Kind, speaker, q.Cue.Text))
	}
	return out
}

// Headlines of the project's own writing (not from the headline set):
// each pattern the stage reads, and what it must leave alone.
func TestHeadlines(t *testing.T) {
	a := newTestAnnotator(t)
	for _, tc := range []struct {
		text string
		want []string
	}{
		// Attributed denials.
		{"Brightwater Council Denies Selling The Old Pier", []string{"indirect Brightwater Council [Denies]"}},
		{"Airport Operator Rejects Reports Of Runway Cracks", []string{"indirect Airport Operator [Rejects]"}},
		{"Goalkeeper denies he was paid to lose", []string{"indirect Goalkeeper [denies]"}},
		{"Glass maker hits back at pollution claims", []string{"indirect Glass maker [hits back at]"}},
		{"Orchestra Says Rumours Of Its Closure Are False", []string{"indirect Orchestra [Says]"}},
		{"Harbour board: reports of a toxic leak are untrue", []string{"indirect Harbour board []"}}, // a colon is no cue
		// Denials in the outlet's own voice.
		{"No, The Lighthouse Is Not For Sale", []string{"author - [No]"}},
		{"The story of a bear in the library is a hoax", []string{"author - [hoax]"}},
		{"Fake: Picture Shows Frozen Waterfall In July", []string{"author - [Fake]"}},
		{"There is no evidence the reservoir was poisoned", []string{"author - [no evidence]"}},
		{"The ferry captain did not abandon the ship", []string{"author - [did not]"}},
		{"Glacier Park Is Open, Despite Online Rumours", []string{"author - [Despite Online]"}},
		{"Famous diver dead? Of course not", []string{"author - [Of course not]"}},
		// Not denials: refusals, passives, forecasts, questions, quantifiers.
		{"Ferry Company Rejects Plan For Night Sailings", nil},
		{"Goalkeeper Denied Clean Sheet By Late Own Goal", nil},
		{"Landlord denies tenants a rent cut", nil},
		{"Bakery won't reopen after the fire", nil},
		{"Is The Lighthouse For Sale?", nil},
		{"No one hurt as crane topples in harbour", nil},
		{"Mayor says if we do not build now, prices will rise", nil},
		{"Grand Slam talk grows after win in Paris", nil},
	} {
		if got := headlineRows(t, a, tc.text); !cmp.Equal(got, tc.want) {
			t.Errorf("%q: denials %q, want %q", tc.text, got, tc.want)
		}
	}
}

// A headline in a title zone is read; the body's sentences are left to the
// quotes and claims stages, and an article's own claims are not rows.
func TestHeadlineInTitleZone(t *testing.T) {
	a := newTestAnnotator(t)
	text := "Harbour Board Denies Dumping Silt In The Bay\n\nThe harbour board met on Monday. The bay is calm.\n"
	d, err := a.Annotate(context.Background(), text, "Harbour Board Denies Dumping Silt In The Bay")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range d.Quotes {
		got = append(got, fmt.Sprintf("%s %s %s", q.Kind, q.Label, q.Rule))
	}
	if want := []string{"indirect denial headline-denial"}; !cmp.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}
