package annotate

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// claimsOf renders each quote's label, evidence and flags:
// "content | label | evidence | nhc" where nhc marks negated, hedged and
// conditional with their initials.
func claimsOf(t *testing.T, a *Annotator, text string) []string {
	t.Helper()
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, q := range d.Quotes {
		flags := ""
		for _, f := range []struct {
			on bool
			c  string
		}{{q.Negated, "n"}, {q.Hedged, "h"}, {q.Conditional, "c"}} {
			if f.on {
				flags += f.c
			}
		}
		if q.Confidence <= 0 || q.Confidence > 1 {
			t.Errorf("%q: confidence %v outside (0, 1]", q.Content.Text, q.Confidence)
		}
		out = append(out, fmt.Sprintf("%s | %s | %s | %s", q.Content.Text, q.Label, strings.Join(q.Evidence, ", "), flags))
	}
	return out
}

func TestClaims(t *testing.T) {
	a := newTestAnnotator(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"a denial cue", "The harbour board denied the accusations.",
			[]string{"the accusations | denial | cue:deny | "}},
		{"a denial cue with a that-clause", "Tomas Reyna denied that he had taken the money.",
			[]string{"that he had taken the money | denial | cue:deny | "}},
		{"a negated denial cue is no denial", "Tomas Reyna did not deny the reports.",
			[]string{"the reports | claim | cue:deny, negated-cue:not | "}},
		// Where the content starts is the quotes stage's start model's
		// choice (PolNeAR's cue is "refused to deny").
		{"refusing to deny is no denial", "The council refused to deny that the pool would close.",
			[]string{"that the pool would close | claim | cue:refuse | "}},
		{"turning down a request is a denial by its cue, marked a refusal", "The tribunal rejected the union's application for an injunction.",
			[]string{"the union's application for an injunction | denial | cue:reject, refusal:application | "}},
		{"a content that calls something untrue", "Reyna said the newspaper's story was untrue.",
			[]string{"the newspaper's story was untrue | denial | cue:say, falsity:untrue | "}},
		{"a negated truth", "“That is not true,” Reyna said.",
			[]string{"“That is not true,” | denial | cue:say, falsity:not true | n"}},
		{"a falsity word used attributively is no denial", "Reyna said the fire was started by a false alarm system.",
			[]string{"the fire was started by a false alarm system | claim | cue:say | "}},
		{"absence of support", "The inspectors said there was no evidence of fraud at the depot.",
			[]string{"there was no evidence of fraud at the depot | denial | cue:say, no-support:no evidence | n"}},
		{"a negation answering an allegation", "Neighbours accuse the depot of dumping oil. The owners said they had never dumped anything.",
			[]string{"the depot of dumping oil | claim | cue:accuse | ", "they had never dumped anything | denial | cue:say, negation:never, answers:accuse | n"}},
		{"a negation that rejects nothing", "Reyna said he would not stand for mayor again.",
			[]string{"he would not stand for mayor again | claim | cue:say, negation:not | n"}},
		{"a negated claim with no allegation near", "The ferry company said the crossing had not been rough.",
			[]string{"the crossing had not been rough | claim | cue:say, negation:not | n"}},
		{"a reported denial inside a claim is the inner one's", "The radio station reported that the mayor had denied the rumours.",
			[]string{"that the mayor had denied the rumours | claim | cue:report | ", "the rumours | denial | cue:deny | "}},
		{"hedged", "Police said the man had allegedly stolen a boat.",
			[]string{"the man had allegedly stolen a boat | claim | cue:say | h"}},
		{"claimed keeps its distance", "Reyna claimed the vote had been fair.",
			[]string{"the vote had been fair | claim | cue:claim | h"}},
		{"conditional", "Reyna said that if the dam failed, the valley would flood.",
			[]string{"that if the dam failed, the valley would flood | claim | cue:say | c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, claimsOf(t, a, tt.text)); diff != "" {
				t.Errorf("claims of %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}
