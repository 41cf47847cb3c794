package quotes_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/annotate/quotes"
)

// newTestAnnotator is the whole pipeline, with the cue model file model
// (nil: the embedded one).
func newTestAnnotator(t testing.TB, model []byte) *annotate.Annotator {
	t.Helper()
	cfg := annotate.DefaultConfig()
	if model != nil {
		cfg.CueModel = filepath.Join(t.TempDir(), "cue.model")
		if err := os.WriteFile(cfg.CueModel, model, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, err := annotate.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// quotesOf annotates text and renders each quote as
// "speaker | cue | content | resolution | canonical | label".
func quotesOf(t *testing.T, a *annotate.Annotator, text string) []string {
	t.Helper()
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(text)
	var out []string
	for _, q := range d.Quotes {
		if got := string(runes[q.Content.Start:q.Content.End]); got != q.Content.Text {
			t.Errorf("content offsets slice to %q, not %q", got, q.Content.Text)
		}
		out = append(out, fmt.Sprintf("%s | %s | %s | %s | %s | %s", q.Speaker.Text, q.Cue.Text, q.Content.Text, q.SpeakerResolution, q.SpeakerCanonical, q.Label))
	}
	return out
}

func TestQuotes(t *testing.T) {
	a := newTestAnnotator(t, nil)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"X said that", "Anna Berg said that the bridge would open in May.",
			[]string{"Anna Berg | said | that the bridge would open in May | name | Anna Berg | claim"}},
		{"…, X said", "The bridge will open in May, Anna Berg said.",
			[]string{"Anna Berg | said | The bridge will open in May | name | Anna Berg | claim"}},
		{"a trailing cue speaks the whole clause before a quotation", "Tom Berg's budget was not about the country, but “all about the party,” Anna Holm said.",
			[]string{"Anna Holm | said | Tom Berg's budget was not about the country, but “all about the party,” | name | Anna Holm | claim"}},
		{"a sentence that opens with a reporting gerund", "Commenting on the delay, Anna Berg said sales were strong.",
			[]string{"Anna Berg | Commenting on | the delay | name | Anna Berg | claim", "Anna Berg | said | sales were strong | name | Anna Berg | claim"}},
		{"of two crossing attributions, the one with a speaker", "Consumers are thought to be buying more phones, according to the World Bank.",
			[]string{"the World Bank | according to | Consumers are thought to be buying more phones | name | World Bank | claim"}},
		{"…, said X", "“The bridge is safe,” said Anna Berg.",
			[]string{"Anna Berg | said | “The bridge is safe,” | name | Anna Berg | claim"}},
		{"a quotation split by its cue", "“The bridge is safe,” Anna Berg said. “We checked it.”",
			[]string{"Anna Berg | said | “The bridge is safe,” Anna Berg said. “We checked it.” | name | Anna Berg | claim"}},
		{"a quotation split by a cue with its audience and place", "“The bridge is safe,” Anna Berg told reporters in Harbourtown. “We checked it.”",
			[]string{"Anna Berg | told reporters | “The bridge is safe,” Anna Berg told reporters in Harbourtown. “We checked it.” | name | Anna Berg | claim"}},
		{"a second quotation after a clause with a verb is not the first one's", "“The bridge is safe,” Anna Berg said, explaining why it opened. “We checked it.”",
			[]string{"Anna Berg | said | “The bridge is safe,” | name | Anna Berg | claim", "Anna Berg | explaining | why it opened | name | Anna Berg | claim"}},
		{"a participle after a quotation closing on its comma", "Anna Berg called the plan “reckless,” noting that the bridge had no permit.",
			[]string{"Anna Berg | called | the plan “reckless,” | name | Anna Berg | claim", "Anna Berg | noting | that the bridge had no permit | name | Anna Berg | claim"}},
		{"a learned cue coordinated inside the content before it", "Anna Berg supported the plan in May and has repeatedly characterized the bridge as a danger.",
			[]string{"Anna Berg | supported | the plan in May | name | Anna Berg | claim", "Anna Berg | has repeatedly characterized | the bridge as a danger | name | Anna Berg | claim"}},
		{"a speaker placed by a preposition is the noun before it", "The senator from Vermont said the bridge is safe.",
			[]string{"The senator from Vermont | said | the bridge is safe | nominal |  | claim"}},
		{"a name after the preposition is not who spoke", "A spokesman for Anna Berg said the bridge is safe.",
			[]string{"A spokesman for Anna Berg | said | the bridge is safe | nominal |  | claim"}},
		{"a speaker with a post-modifier", "The bridge will open in May, a source close to the council said.",
			[]string{"a source close to the council | said | The bridge will open in May | nominal |  | claim"}},
		{"a plural noun tagged as a verb before the cue", "Unless there is a single dominant performance in Harbourtown, strategists think that at least two candidates will move on.",
			[]string{"strategists | think | that at least two candidates will move on | nominal |  | claim"}},
		{"a subordinate clause ends the content before it", "Anna Berg criticized the bridge, although the council said it was safe.",
			[]string{"Anna Berg | criticized | the bridge | name | Anna Berg | claim", "the council | said | it was safe | nominal |  | claim"}},
		{"a straight quotation closed by a curly mark", "\"The bridge is safe,” said Anna Berg.",
			[]string{"Anna Berg | said | \"The bridge is safe,” | name | Anna Berg | claim"}},
		{"a report nested in a statement is the statement's", "Anna Berg said that engineers told her the bridge is safe.",
			[]string{"Anna Berg | said | that engineers told her the bridge is safe | name | Anna Berg | claim"}},
		{"a statement a source is credited with stays", "“The bridge is safe,” Anna Berg said, according to the Harbour Times.",
			[]string{"Anna Berg | said | “The bridge is safe,” | name | Anna Berg | claim", "the Harbour Times | according to | “The bridge is safe,” Anna Berg said | name | Harbour Times | claim"}},
		{"a cue with an aside between it and its subject", "Anna Berg described, in unusually blunt terms, a budget process that had broken down.",
			[]string{"Anna Berg | described | a budget process that had broken down | name | Anna Berg | claim"}},
		{"a gerund opening the sentence has the subject after its comma", "Conceding that the bridge was late, Anna Berg praised the builders.",
			[]string{"Anna Berg | Conceding | that the bridge was late | name | Anna Berg | claim", "Anna Berg | praised | the builders | name | Anna Berg | claim"}},
		{"the agent of a passive cue speaks, its subject is what was said", "The delay was first reported by the Harbour Times.",
			[]string{"the Harbour Times | was first reported | The delay | name | Harbour Times | claim"}},
		{"the subject of a passive cue is not its speaker", "Peter Holm was told that the bridge was safe.",
			[]string{" | was told | that the bridge was safe | unresolved |  | claim"}},
		{"all but is part of the cue", "Anna Berg all but accused the council of hiding the cost.",
			[]string{"Anna Berg | all but accused | the council of hiding the cost | name | Anna Berg | claim"}},
		{"a middle initial's full stop stays in the name", "The cost has risen, Peter J. Holm, the council treasurer, wrote in a memo.",
			[]string{"Peter J. Holm | wrote | The cost has risen | name | Peter J. Holm | claim"}},
		{"a noun cue after a possessive", "Her criticism of the bridge was sharp.",
			[]string{"Her | criticism of | the bridge | nominal |  | claim"}},
		{"a cue opening the sentence before its speaker", "Said Anna Berg, \"The bridge is safe.\"",
			[]string{"Anna Berg | Said | \"The bridge is safe.\" | name | Anna Berg | claim"}},
		{"a question put in a reduced clause has no speaker of its own", "When asked about the cost of the bridge, Anna Berg said the council would pay.",
			[]string{"Anna Berg | said | the council would pay | name | Anna Berg | claim"}},
		{"a party and state abbreviation as an appositive", "The bridge is safe, Senator Anna Berg, D-Me., said Tuesday.",
			[]string{"Senator Anna Berg | said | The bridge is safe | name | Anna Berg | claim"}},
		{"a cue closing its sentence, then a quotation", "Anna Berg said in a statement. “The bridge is safe.”",
			[]string{"Anna Berg | said | “The bridge is safe.” | name | Anna Berg | claim"}},
		{"a quotation with its own cue is not the sentence before's", "Anna Berg said in a statement. “The bridge is safe,” Peter Holm said.",
			[]string{"Peter Holm | said | “The bridge is safe,” | name | Peter Holm | claim"}},
		{"according to a source with a prepositional phrase", "According to Anna Berg of the Harbour Club, the bridge is safe.",
			[]string{"Anna Berg of the Harbour Club | According to | the bridge is safe | name | Anna Berg | claim"}},
		{"a prepositional aside between speaker and cue", "Anna Berg, during a town hall meeting in Harbourtown, Maine, said the bridge is safe.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		{"a relative pronoun before a time phrase", "The vote went ahead despite Anna Berg, who last year warned that the bridge was unsafe.",
			[]string{"who | warned | that the bridge was unsafe | pronoun | Anna Berg | claim"}},
		{"a progressive cue", "Anna Berg is telling reporters that the bridge is safe.",
			[]string{"Anna Berg | is telling reporters | that the bridge is safe | name | Anna Berg | claim"}},
		{"according to a long source up to its comma", "According to early results of a survey conducted by the Harbour Times, most voters back the bridge.",
			[]string{"early results of a survey conducted by the Harbour Times | According to | most voters back the bridge | name | Harbour Times | claim"}},
		{"a cue coordinated with a verb that is no cue", "Anna Berg voted on Saturday and says she backed the plan.",
			[]string{"Anna Berg | says | she backed the plan | name | Anna Berg | claim"}},
		{"a party and state in brackets, then a comma", "Senator Anna Berg (D-Maine), said the bridge is safe.",
			[]string{"Senator Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		{"an appositive between dashes", "Anna Berg — a teacher from Harbourtown — says the bridge is safe.",
			[]string{"Anna Berg | says | the bridge is safe | name | Anna Berg | claim"}},
		{"a share of those asked", "About 4 in 10 said the bridge is safe.",
			[]string{"4 in 10 | said | the bridge is safe | nominal |  | claim"}},
		{"a title before a name that is also a word", "The site was busy. ''People turn to us first,'' Ms. White said.",
			[]string{"Ms. White | said | ''People turn to us first,'' | name | White | claim"}},
		{"a possessive apostrophe in an appositive", "Polls closed. “It was fine,” Jeff Weaver, Sanders’ campaign manager, said.",
			[]string{"Jeff Weaver | said | “It was fine,” | name | Jeff Weaver | claim"}},
		{"has since said", "Anna Berg has since said that the bridge is safe.",
			[]string{"Anna Berg | has since said | that the bridge is safe | name | Anna Berg | claim"}},
		{"an aside between the cue and that", "Anna Berg said, however, that the bridge is safe.",
			[]string{"Anna Berg | said | that the bridge is safe | name | Anna Berg | claim"}},
		{"a participle of two words after the speaker", "“It is safe,” said Anna Berg, referring to the new bridge.",
			[]string{"Anna Berg | said | “It is safe,” | name | Anna Berg | claim", "Anna Berg | referring to | the new bridge | name | Anna Berg | claim"}},
		{"a name before a pronoun subject is not the speaker", "Peter Holm spoke first. Then on Wednesday she said the bridge is safe.",
			[]string{"she | said | the bridge is safe | unresolved |  | claim"}},
		{"a name the speaker phrase's head stops short of is found whole", "Prices rose in May, the Office for National Statistics said.",
			[]string{"the Office for National Statistics | said | Prices rose in May | name | Office for National Statistics | claim"}},
		{"the commission is the one commission the article named", "The Electoral Commission met on Monday. The commission said the rules were clear.",
			[]string{"The commission | said | the rules were clear | nominal | Electoral Commission | claim"}},
		{"a role is the person the sentence before is about", "Anna Berg has opened the bridge. The minister said it is safe.",
			[]string{"The minister | said | it is safe | nominal | Anna Berg | claim"}},
		{"a role is the person the article has just named as a speaker", "The bridge is safe, Anna Berg has said. The minister said it was checked twice.",
			[]string{"Anna Berg | has said | The bridge is safe | name | Anna Berg | claim", "The minister | said | it was checked twice | nominal | Anna Berg | claim"}},
		{"a pronoun after a name the parse heads with its title", "Mayor Anna Berg opened the bridge. She said it is safe.",
			[]string{"She | said | it is safe | pronoun | Anna Berg | claim"}},
		{"a role speaking a quotation is the person the sentence before names", "Anna Berg has dismissed reports she told Peter Holm she would quit. \"You don't do deals over jobs like this,\" the minister told reporters.",
			[]string{"Anna Berg | has dismissed | reports she told Peter Holm she would quit | name | Anna Berg | denial", "the minister | told reporters | \"You don't do deals over jobs like this,\" | nominal | Anna Berg | denial"}},
		{"a speaker phrase that stops inside a name is that name", "Fighting killed 30 people, according to the Syrian Observatory for Human Rights. The monitor said most were rebels.",
			[]string{"the Syrian Observatory | according to | Fighting killed 30 people | name | Syrian Observatory for Human Rights | claim", "The monitor | said | most were rebels | nominal | Syrian Observatory for Human Rights | claim"}},
		{"a role is not a person the article gives another role", "Mayor Anna Berg opened the bridge. The minister said it is safe.",
			[]string{"The minister | said | it is safe | nominal |  | claim"}},
		{"a role is not the last speaker the text called he", "“It is safe,” Peter Holm said. “We checked it,” he said. The minister said it was old.",
			[]string{"Peter Holm | said | “It is safe,” | name | Peter Holm | claim", "he | said | “We checked it,” | pronoun | Peter Holm | claim", "The minister | said | it was old | nominal |  | claim"}},
		{"a role's spokesman is not the role", "Anna Berg has opened the bridge. The minister's spokesman said it is safe.",
			[]string{"The minister's spokesman | said | it is safe | nominal |  | claim"}},
		{"the group is not the organisation named most", "Google opened an office. Google hired staff. The group said the move was wrong.",
			[]string{"The group | said | the move was wrong | nominal |  | claim"}},
		{"a participle aside between speaker and cue", "An engineer, speaking on condition of anonymity to discuss the plans, said the bridge is safe.",
			[]string{"An engineer | said | the bridge is safe | nominal |  | claim"}},
		{"a determiner standing for people", "Voters were split. Another said, “The bridge is safe.”",
			[]string{"Another | said | “The bridge is safe.” | nominal |  | claim"}},
		{"a split quotation around a speaker with a long appositive", "“It is safe,” said Anna Berg, the city engineer and former mayor of Harbourtown. “We checked it twice.”",
			[]string{"Anna Berg | said | “It is safe,” said Anna Berg, the city engineer and former mayor of Harbourtown. “We checked it twice.” | name | Anna Berg | claim"}},
		{"a speech verb no lexicon lists, before the name", "Voters cheered. “This is fantastic!” beamed Anna Berg.",
			[]string{"Anna Berg | beamed | “This is fantastic!” | name | Anna Berg | claim"}},
		{"a speech verb no lexicon lists, after the name", "Voters cheered. “We did it,” Anna Berg beamed.",
			[]string{"Anna Berg | beamed | “We did it,” | name | Anna Berg | claim"}},
		{"a split quotation around a speaker with a relative clause", "“It is safe,” said Anna Berg, an engineer who has worked on the bridge for years. “We checked it twice.”",
			[]string{"Anna Berg | said | “It is safe,” said Anna Berg, an engineer who has worked on the bridge for years. “We checked it twice.” | name | Anna Berg | claim"}},
		{"a second quotation with a cue of its own", "“It is safe,” Anna Berg said. “We checked it,” Peter Holm said.",
			[]string{"Anna Berg | said | “It is safe,” | name | Anna Berg | claim", "Peter Holm | said | “We checked it,” | name | Peter Holm | claim"}},
		{"a title in quotation marks before the speaker is not the statement", "Speaking on Harbour TV’s “Morning Talk,” Anna Berg said the bridge is safe.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		// The subject of "seem" is the first part of what seems
		// (raiseSubject); TestSplitQuotationParts checks the parts.
		{"an impression after an auxiliary", "So far, Anna Berg does not seem to be enjoying the fight.",
			[]string{" | does not seem | Anna Berg does not seem to be enjoying the fight | unresolved |  | claim"}},
		{"a straight quotation mark right after the cue opens the statement", "Anna Berg said \"The bridge is safe.\"",
			[]string{"Anna Berg | said | \"The bridge is safe.\" | name | Anna Berg | claim"}},
		{"a question put by someone the sentence does not name", "Asked whether the bridge was safe, Anna Berg said it was.",
			[]string{" | Asked | whether the bridge was safe | unresolved |  | claim", "Anna Berg | said | it was | name | Anna Berg | claim"}},
		{"a passive question has no speaker", "Anna Berg was asked about the bridge.",
			[]string{" | asked | the bridge | unresolved |  | claim"}},
		{"a statement saying is its sender's", "The council sent a letter urging residents to stay calm.",
			[]string{"The council | sent a letter urging | residents to stay calm | nominal |  | claim"}},
		{"a party and state, then an appositive, before the cue", "Rep. Anna Berg (D-Md.), chair of the bridge committee, said that the bridge is safe.",
			[]string{"Rep. Anna Berg | said | that the bridge is safe | name | Anna Berg | claim"}},
		{"the people a survey asked", "Again, those surveyed said the bridge is safe.",
			[]string{"those surveyed | said | the bridge is safe | nominal |  | claim"}},
		{"a cue coordinated after a comma takes the sentence's subject", "Anna Berg brought the cost down in five years, but said the bridge is not safe.",
			[]string{"Anna Berg | said | the bridge is not safe | name | Anna Berg | claim"}},
		{"a reporting gerund after a preposition", "Anna Berg began her speech by saying the bridge is safe.",
			[]string{"Anna Berg | saying | the bridge is safe | name | Anna Berg | claim"}},
		{"a reporting gerund opening the sentence", "After saying the bridge was safe, Anna Berg left the meeting.",
			[]string{"Anna Berg | saying | the bridge was safe | name | Anna Berg | claim"}},
		{"a quotation opening the sentence after a long cue sentence goes on with it", "“It is safe,” Anna Berg told reporters at the bridge, where workers were painting the rails. “We checked it twice.”",
			[]string{"Anna Berg | told reporters | “It is safe,” Anna Berg told reporters at the bridge, where workers were painting the rails. “We checked it twice.” | name | Anna Berg | claim"}},
		{"but not across another reporting verb", "“It is safe,” Anna Berg said, adding that the rails were new. “We checked it twice.”",
			[]string{"Anna Berg | said | “It is safe,” | name | Anna Berg | claim", "Anna Berg | adding | that the rails were new | name | Anna Berg | claim", "Anna Berg |  | “We checked it twice.” | name | Anna Berg | claim"}},
		{"a long appositive with a participle before the cue", "Anna Berg, dressed in a coat that carried the city's arms, said the bridge is safe.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		{"a whose-clause between speaker and cue", "Anna Berg, whose office faces the river, said the bridge is safe.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		{"a cue coordinated with the verb of a subject with an appositive", "Anna Berg, the city engineer, closed the road and said the bridge is not safe.",
			[]string{"Anna Berg | said | the bridge is not safe | name | Anna Berg | claim"}},
		{"but not with a verb in a clause of its own", "When Anna Berg arrived, the crowd cheered and said the bridge is not safe.",
			[]string{"the crowd | said | the bridge is not safe | nominal |  | claim"}},
		{"an appositive ending in a relative clause", "Anna Berg, a friend of the mayor who chairs the council, said, “The bridge is safe.”",
			[]string{"Anna Berg | said | “The bridge is safe.” | name | Anna Berg | claim"}},
		{"a gloss in brackets inside the speaker's noun phrase", "Volunteers from the Hua Ning (华宁) association said the shelter is open.",
			[]string{"Volunteers from the Hua Ning (华宁) association | said | the shelter is open | nominal |  | claim"}},
		{"a time phrase between the cue and that", "Redmoor United's coach insisted on Saturday that his team could still win the league, despite a third defeat in a row.",
			[]string{"Redmoor United's coach | insisted | that his team could still win the league, despite a third defeat in a row | name | Redmoor United | claim"}},
		{"a plural noun right before a lexicon cue is its subject", "Party officials said the bridge is safe.",
			[]string{"Party officials | said | the bridge is safe | nominal |  | claim"}},
		{"an appositive, then a time phrase before the cue", "Anna Berg, who chairs the council, on Sunday defended the plan.",
			[]string{"Anna Berg | defended | the plan | name | Anna Berg | claim"}},
		{"an appositive with a possessive and an adverb", "Peter Holm lost. Anna Berg, his former adviser and once a rival, said the count was fair.",
			[]string{"Anna Berg | said | the count was fair | name | Anna Berg | claim"}},
		{"a time phrase after and", "Anna Berg freed up funds and on Monday announced that more was coming.",
			[]string{"Anna Berg | announced | that more was coming | name | Anna Berg | claim"}},
		// The cue's words are the cue model's: since its retrain on the
		// averaged tagger's tags it takes the auxiliary and "both" in.
		// Whether the filter keeps "has both endorsed the plan" has moved
		// with retrains (one of them dropped it).
		{"both after an auxiliary is no speaker: the relative pronoun is, and its clause ends at the comma", "The plan passed. Anna Berg, who has both endorsed the plan and criticised it, spoke last.",
			[]string{"who | has both endorsed | the plan | pronoun | Anna Berg | claim", "who | criticised | it | pronoun | Anna Berg | claim"}},
		{"split mid-sentence", "Anna Berg spoke last. “My hope,” Berg said, “is a new bridge.”",
			[]string{"Berg | said | “My hope,” Berg said, “is a new bridge.” | name | Anna Berg | claim"}},
		{"X says, quote", "Anna Berg says, “The bridge is safe.”",
			[]string{"Anna Berg | says | “The bridge is safe.” | name | Anna Berg | claim"}},
		{"X: quote", "Anna Berg: “The bridge is safe.”",
			[]string{"Anna Berg | : | “The bridge is safe.” | name | Anna Berg | claim"}},
		{"According to X, …", "According to Anna Berg, the bridge is safe.",
			[]string{"Anna Berg | According to | the bridge is safe | name | Anna Berg | claim"}},
		{"…, according to X", "The bridge is safe, according to Anna Berg.",
			[]string{"Anna Berg | according to | The bridge is safe | name | Anna Berg | claim"}},
		{"told reporters", "Anna Berg told reporters that the bridge is safe.",
			[]string{"Anna Berg | told reporters | that the bridge is safe | name | Anna Berg | claim"}},
		{"auxiliary and adverb in the cue", "Anna Berg has also said that the bridge is safe.",
			[]string{"Anna Berg | has also said | that the bridge is safe | name | Anna Berg | claim"}},
		{"appositive", "Anna Berg, the city engineer, said the bridge is safe.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		{"denial cue", "Anna Berg denied the claims.",
			[]string{"Anna Berg | denied | the claims | name | Anna Berg | denial"}},
		{"words without a verb after an according-to source describe it", "Fighting killed 20 people, according to the Syrian Observatory for Human Rights, a Britain-based monitor.",
			[]string{"the Syrian Observatory for Human Rights | according to | Fighting killed 20 people | name | Syrian Observatory for Human Rights | claim"}},
		{"a passive's agent after the cue speaks", "The firm has been accused by the city council of dumping silt in the bay.",
			[]string{"the city council | accused | dumping silt in the bay | nominal |  | claim"}},
		{"a day after a party designation is no speaker", "Sen. Anna Berg (D-Vt.) on Saturday criticized the accord.",
			[]string{"Sen. Anna Berg | criticized | the accord | name | Anna Berg | claim"}},
		{"an oblique before the subject is the cue's, not the speaker's", "On Wednesday Anna Berg said the bridge is safe. In a statement the council said the road would close.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim", "the council | said | the road would close | nominal |  | claim"}},
		{"pronoun", "Anna Berg arrived on Monday. She said the bridge is safe.",
			[]string{"She | said | the bridge is safe | pronoun | Anna Berg | claim"}},
		{"he skips a woman who spoke more", "Anna Berg said the bridge is safe. Anna Berg said it will open soon. Peter Holm said the budget is spent. He added that the council must decide.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim", "Anna Berg | said | it will open soon | name | Anna Berg | claim",
				"Peter Holm | said | the budget is spent | name | Peter Holm | claim", "He | added | that the council must decide | pronoun | Peter Holm | claim"}},
		{"she by honorific", "Ms Holm met Peter Berg on Monday. Peter Berg said the talks went well. She said they did not.",
			[]string{"Peter Berg | said | the talks went well | name | Peter Berg | claim", "She | said | they did not | pronoun | Holm | claim"}},
		{"nominal tied to a name", "The city engineer Anna Berg arrived. The engineer said the bridge is safe.",
			[]string{"The engineer | said | the bridge is safe | nominal | Anna Berg | claim"}},
		{"nominal with no name", "A spokesman said the bridge is safe.",
			[]string{"A spokesman | said | the bridge is safe | nominal |  | claim"}},
		{"pronoun with no antecedent", "They said the bridge is safe.",
			[]string{"They | said | the bridge is safe | unresolved |  | claim"}},
		{"floating quote", "Anna Berg said the bridge is safe. “We checked every cable twice this year.”",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim", "Anna Berg |  | “We checked every cable twice this year.” | name | Anna Berg | claim"}},
		{"coordinated cue", "Anna Berg denied the claims and said the bridge is safe.",
			[]string{"Anna Berg | denied | the claims | name | Anna Berg | denial", "Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		{"a quotation signed with a dash", "“The bridge is the best thing in town.” ― Anna Berg",
			[]string{"Anna Berg | ― | “The bridge is the best thing in town.” | name | Anna Berg | claim"}},
		{"a transcript turn", "The interview went on.\n\nBERG: The bridge is safe and we checked it.\n\nIt ended there.",
			[]string{"BERG | : | The bridge is safe and we checked it | name | BERG | claim"}},
		{"a headline credited with a colon; a table row is no statement", "Berg: The bridge is safe and will stay open.\n\nAnna Berg, the city engineer, said on Monday that the cables were sound.\n\nVotes counted so far:\n\nBerg: 1,769.\n\nLund: 1,501.",
			[]string{"Berg | : | The bridge is safe and will stay open | name | Anna Berg | claim", "Anna Berg | said | that the cables were sound | name | Anna Berg | claim"}},
		{"a verb inside a quotation reports nothing past it", "'It was not what we expected to see,' said Anna Berg, who led the study.",
			[]string{"Anna Berg | said | 'It was not what we expected to see,' | name | Anna Berg | claim"}},
		{"a quotation after a short lead-in", "Anna Berg told her audience on Monday, “The bridge is safe.”",
			[]string{"Anna Berg | told | “The bridge is safe.” | name | Anna Berg | claim"}},
		{"a time phrase between speaker and cue", "The city council on Wednesday rejected the plan.",
			[]string{"The city council | rejected | the plan | nominal |  | denial"}},
		{"a direct object before that stays in the content", "Anna Berg rejected a report that blamed her.",
			[]string{"Anna Berg | rejected | a report that blamed her | name | Anna Berg | denial"}},
		{"a long appositive", "Anna Berg, a professor at the university and an adviser to the mayor, said the bridge is safe.",
			[]string{"Anna Berg | said | the bridge is safe | name | Anna Berg | claim"}},
		{"two apostrophes as marks", "Voters were angry. ''We have the votes,'' Anna Berg said.",
			[]string{"Anna Berg | said | ''We have the votes,'' | name | Anna Berg | claim"}},
		{"two apostrophes as marks before an honorific", "Voters were angry. ''We have the votes,'' Mr. Berg said on Monday.",
			[]string{"Mr. Berg | said | ''We have the votes,'' | name | Berg | claim"}},
		{"a speaker with of", "“It was the least bad outcome,” Mr. Berg of the Harbour Club said.",
			[]string{"Mr. Berg of the Harbour Club | said | “It was the least bad outcome,” | name | Berg | claim"}},
		{"the subject of a passive is not the source", "Anna Berg is expected to say that the bridge is safe.",
			[]string{" | is expected | Anna Berg is expected to say that the bridge is safe | unresolved |  | claim"}},
		{"a passive names no speaker", "Residents were told to leave.",
			[]string{" | were told | to leave | unresolved |  | claim"}},
		{"speech inside a quotation is not the article's", "“Tom said it was fine,” Anna Berg said.",
			[]string{"Anna Berg | said | “Tom said it was fine,” | name | Anna Berg | claim"}},
		{"a question closing its own sentence", "Voters were angry. “Is the bridge safe?” Anna Berg asked.",
			[]string{"Anna Berg | asked | “Is the bridge safe?” | name | Anna Berg | claim"}},
		{"a question, then cue and speaker", "“Is the bridge safe?” asked Anna Berg.",
			[]string{"Anna Berg | asked | “Is the bridge safe?” | name | Anna Berg | claim"}},
		{"a prepositional phrase is not the content", "Anna Berg said in a statement.", nil},
		{"a colon ending the sentence announces the next", "Bridge row\n\nVoters were angry. Anna Berg wrote on Twitter:\n\nThe bridge is safe and open to all.",
			[]string{"Anna Berg | wrote | The bridge is safe and open to all | name | Anna Berg | claim"}},
		{"as X noted", "As Anna Berg noted, the bridge was never safe.",
			[]string{"Anna Berg | noted | the bridge was never safe | name | Anna Berg | claim"}},
		{"as reported by X", "As reported by the Harbour Times, the bridge will close in May.",
			[]string{"the Harbour Times | reported | the bridge will close in May | name | Harbour Times | claim"}},
		{"a parenthetical cue inside the statement", "The bridge, Anna Berg said, will stay closed until the cables are replaced.",
			[]string{"Anna Berg | said | The bridge, Anna Berg said, will stay closed until the cables are replaced | name | Anna Berg | claim"}},
		{"according to inside the statement", "The plan, according to Anna Berg, would close the bridge for a year.",
			[]string{"Anna Berg | according to | The plan, according to Anna Berg, would close the bridge for a year | name | Anna Berg | claim"}},
		{"where it was said is not what was said", "Anna Berg told the council at its meeting in May that the bridge would close.",
			[]string{"Anna Berg | told | that the bridge would close | name | Anna Berg | claim"}},
		{"a parenthetical cue then a participle keeps the first part", "The bridge is safe and sound, Anna Berg said, adding that it will open.",
			[]string{"Anna Berg | said | The bridge is safe and sound | name | Anna Berg | claim", "Anna Berg | adding | that it will open | name | Anna Berg | claim"}},
		{"a relative pronoun speaker stands for the name before it", "The vote went ahead despite Anna Berg, who said the count was flawed.",
			[]string{"who | said | the count was flawed | pronoun | Anna Berg | claim"}},
		{"a restrictive that clause is not a report", "The mayor lost a memo that warned him.", nil},
		{"a participle, a comma, then the quotation", "Anna Berg backed the plan, saying, “The bridge must close.”",
			[]string{"Anna Berg | backed | the plan | name | Anna Berg | claim", "Anna Berg | saying | “The bridge must close.” | name | Anna Berg | claim"}},
		{"a sentence-final cue after the speaker", "The bridge will close in May, the Harbour Times reports.",
			[]string{"the Harbour Times | reports | The bridge will close in May | name | Harbour Times | claim"}},
		{"reports after a determiner is a noun", "Anna Berg lost the reports.", nil},
		{"reportedly reports without a source", "The harbour board is reportedly preparing to sell the ferry.",
			[]string{" | reportedly | The harbour board is reportedly preparing to sell the ferry | unresolved |  | claim"}},
		{"a finding credited to a poll", "Anna Berg had 38 percent support in a new poll released Monday.",
			[]string{"a new poll released Monday | in | Anna Berg had 38 percent support | nominal |  | claim"}},
		{"a poll a newspaper ran is the newspaper's", "Anna Berg had 38 percent support in a Harbour Times poll released Monday.",
			[]string{"a Harbour Times poll released Monday | in | Anna Berg had 38 percent support | name | Harbour Times | claim"}},
		{"a poll opening the sentence", "In a new survey, most voters back the bridge.",
			[]string{"a new survey | In | most voters back the bridge | nominal |  | claim"}},
		{"in a place is not a source", "Anna Berg lives in a small town by the harbour.", nil},
		{"quotes in boilerplate are not the article's", "The vote was close.\n\nYou may also like\n\nMayor: “we won big tonight”", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quotesOf(t, a, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("quotes of %q (-want +got):\n%s", tt.text, strings.ReplaceAll(diff, "\u00a0", " "))
			}
		})
	}
}

// TestFilterCandidates checks what the quotes stage proposes to the
// attribution filter, whatever the filter then decides: the candidates
// are built with no filter, as train-cues collects them.
func TestFilterCandidates(t *testing.T) {
	a := newTestAnnotator(t, nil)
	tests := []struct {
		name, text string
		want       []string // cue | content
	}{
		{"a verb coordinated inside a content", "Anna Berg criticized the bridge as unsafe and voted against the plan in May.",
			[]string{"criticized | the bridge as unsafe", "voted against | the plan in May"}},
		{"a passive with no agent", "Residents were told to leave.",
			[]string{"were told | to leave"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := quotes.Candidates(a.Prepare, tt.text)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("candidates of %q: no %q in %q", tt.text, w, got)
				}
			}
		})
	}
}

// FuzzAnnotate runs every stage over arbitrary text: no stage may fail or
// panic, and every quote's spans must slice the text, with content never
// empty.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"“It is safe,” said Anna Berg, an engineer who has worked on the bridge for years. “We checked it twice.”",
		"Anna Berg, during a town hall meeting in Harbourtown, Maine, said the bridge is safe.",
		"The site was busy. ''People turn to us first,'' Ms. White said.",
		"Anna Berg said in a statement. “The bridge is safe.”",
		"According to early results of a survey conducted by the Harbour Times, most voters back the bridge.",
		"Voters cheered. “This is fantastic!” beamed Anna Berg.",
		"Speaking on Harbour TV’s “Morning Talk,” Anna Berg said the bridge is safe.",
		"About 4 in 10 said — (D-Maine), , said “ ” '' ’ said, however, that",
		"Y BY",
		"Statement by the White House on Syria.",
	} {
		f.Add(s)
	}
	a := newTestAnnotator(f, nil)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || len(text) > 4000 {
			return
		}
		checkQuoteSpans(t, a, text)
	})
}

// checkQuoteSpans annotates text and checks that no stage fails and that
// every quote's spans slice the text, with content never empty.
func checkQuoteSpans(t *testing.T, a *annotate.Annotator, text string) {
	t.Helper()
	d, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		t.Fatalf("Annotate(%q): %v", text, err)
	}
	n := utf8.RuneCountInString(text)
	for _, q := range d.Quotes {
		for _, sp := range []doc.Span{q.Content, q.Cue, q.Speaker} {
			if sp.Start < 0 || sp.End < sp.Start || sp.End > n {
				t.Fatalf("Annotate(%q): span %+v outside the text (%d code points)", text, sp, n)
			}
		}
		if q.Content.End == q.Content.Start {
			t.Fatalf("Annotate(%q): empty content in %+v", text, q)
		}
		at := q.Content.Start
		for _, p := range q.Parts {
			if p[0] < at || p[1] <= p[0] || p[1] > q.Content.End {
				t.Fatalf("Annotate(%q): parts %v out of order or outside the content %+v", text, q.Parts, q.Content)
			}
			at = p[1]
		}
	}
}

// TestSplitQuotationParts: a quotation split by its cue is one statement
// whose parts are the two quotations, without the words of the writer's
// between them, and so is a statement a parenthetical cue interrupts, and
// one whose subject a raising cue interrupts; one quotation, or a
// statement after its cue, has no parts.
func TestSplitQuotationParts(t *testing.T) {
	a := newTestAnnotator(t, nil)
	tests := []struct {
		text string
		want []string // the parts' text; nil for none
	}{
		{"“We will finish the bridge by May,” Anna Berg said on Monday. “Nobody should doubt it.”",
			[]string{"“We will finish the bridge by May,”", "“Nobody should doubt it.”"}},
		{"\"It was a mistake,\" said Tom Reyes, the mayor. \"We are sorry.\"",
			[]string{"\"It was a mistake,\"", "\"We are sorry.\""}},
		{"“Why is the bridge still closed?” Anna Berg said. “Nobody has told us anything.”",
			[]string{"“Why is the bridge still closed?”", "“Nobody has told us anything.”"}},
		{"“We will finish the bridge by May,” Anna Berg said on Monday.", nil},
		{"The bridge, Anna Berg said, will be finished by May.", []string{"The bridge", "will be finished by May"}},
		{"The delay, Anna Berg said, was short but it cost the city dearly.", []string{"The delay", "was short but it cost the city dearly"}},
		{"The plan, according to aides, is to finish the bridge by May.", []string{"The plan", "is to finish the bridge by May"}},
		{"Anna Berg said the bridge would be finished by May.", nil},
		// A raising cue's subject is what is expected or seems, not who
		// speaks: it is the first part.
		{"Anna Berg is expected to win the vote.", []string{"Anna Berg", "to win the vote"}},
		{"The new bridge, too, appears to be sinking.", []string{"The new bridge", "to be sinking"}},
		{"Residents were told to leave.", nil},
	}
	for _, tc := range tests {
		d, err := a.Annotate(context.Background(), tc.text, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Quotes) != 1 {
			t.Fatalf("%q: %d quotes; want 1", tc.text, len(d.Quotes))
		}
		runes := []rune(tc.text)
		var got []string
		for _, p := range d.Quotes[0].Parts {
			got = append(got, string(runes[p[0]:p[1]]))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: parts %q; want %q", tc.text, got, tc.want)
		}
	}
}

// TestEagerCueModel runs the quotes stage with a cue model that marks
// every word it scores, so that learned cues run on over punctuation to
// the end of their sentence (a cue ending on its sentence's colon once
// indexed past the sentence).
func TestEagerCueModel(t *testing.T) {
	a := newTestAnnotator(t, quotes.EagerCueModel())
	for _, text := range []string{
		"Anna Berg smiled:",
		"Anna Berg smiled: “The bridge is safe.”",
		"The council members, who met on Monday, voted and then smiled, nodding.",
		"“It is safe,” Anna Berg beamed, grinning. “We checked it.”",
		"According to Anna Berg, who smiled:",
	} {
		checkQuoteSpans(t, a, text)
	}
}

// TestAttrFilterLearnsATinyCorpus trains the attribution filter on
// candidates made for the test, where what a named person says is an
// attribution and what "it" says is not, and checks that annotation then
// keeps the first kind and drops the second, deterministically, and that
// the filter travels in the cue model's file.
func TestAttrFilterLearnsATinyCorpus(t *testing.T) {
	b, err := quotes.NewTrainer(newTestAnnotator(t, nil).Prepare)
	if err != nil {
		t.Fatal(err)
	}
	// A cue model trained on a few sentences; the lexicon finds "said".
	var sents []quotes.CueSentence
	for i := range 40 {
		got, err := b.Sentences(fmt.Sprintf("Anna Berg visited the bridge in %d.", 1900+i), nil)
		if err != nil {
			t.Fatal(err)
		}
		sents = append(sents, got...)
	}
	res, err := b.TrainCueModel(sents[:30], sents[30:], 14, 2, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok, err := quotes.FilterSettings(res.Model); err != nil || ok {
		t.Fatalf("a cue model with no filter: filter %v, err %v", ok, err)
	}
	names := []string{"Anna Berg", "Karl Ek", "Maria Lind", "Peter Holm"}
	var ex []quotes.FilterExample
	for i := range 60 {
		name := names[i%len(names)]
		content := fmt.Sprintf("that the bridge will open in %d", 2000+i)
		text := fmt.Sprintf("%s said %s. It said %s.", name, content, content)
		// Only the person's statement is gold.
		start := len([]rune(name)) + 1
		gold := []quotes.FilterGold{{Content: [][2]int{{start + 5, start + 5 + len(content)}}, Cue: [][2]int{{start, start + 4}}}}
		e, err := b.FilterExamples(res.Model, -12, text, gold)
		if err != nil {
			t.Fatal(err)
		}
		if len(e) != 2 || !e[0].Good() || e[1].Good() {
			t.Fatalf("examples of %q: %+v; want one right, then one wrong", text, e)
		}
		ex = append(ex, e...)
	}
	model, err := b.TrainFilter(res.Model, ex, 12, 4, 1, -12, 0)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := b.TrainFilter(res.Model, ex, 12, 4, 1, -12, 0)
	if !bytes.Equal(model, again) {
		t.Error("the same examples and seed gave different bytes")
	}
	bits, candidate, threshold, ok, err := quotes.FilterSettings(model)
	if err != nil {
		t.Fatal(err)
	}
	if !ok || bits != 12 || candidate != -12 || threshold != 0 {
		t.Fatalf("filter read back: %v bits %d, candidate %v, threshold %v", ok, bits, candidate, threshold)
	}
	a := newTestAnnotator(t, model)
	d, err := a.Annotate(context.Background(), "Sofia Dahl said that the ferry is late. It said that the ferry is late.", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range d.Quotes {
		got = append(got, q.Speaker.Text+" | "+q.Content.Text)
	}
	if want := "Sofia Dahl | that the ferry is late"; strings.Join(got, "; ") != want {
		t.Errorf("quotes = %q; want %q", got, want)
	}
	// The filter's calibration travels in the file: every attribution
	// has a probability.
	for _, q := range d.Quotes {
		if q.Score == nil || *q.Score <= 0 || *q.Score >= 1 {
			t.Errorf("%q: score %v; want a probability", q.Content.Text, q.Score)
		}
	}
}

// TestCueModelLearnsATinyCorpus trains the cue model on sentences written
// for the test, where "shows" and "wants" are cues the lexicon lacks, and
// checks it finds them in new sentences, deterministically.
func TestCueModelLearnsATinyCorpus(t *testing.T) {
	b, err := quotes.NewTrainer(newTestAnnotator(t, nil).Prepare)
	if err != nil {
		t.Fatal(err)
	}
	subjects := []string{"A new poll", "The survey", "Anna Berg", "The council", "A study", "Karl Ek"}
	verbs := []string{"shows", "wants", "suggests"}
	var data []quotes.CueSentence
	for i := 0; i < 90; i++ {
		subj, verb := subjects[i%len(subjects)], verbs[i%len(verbs)]
		text := fmt.Sprintf("%s %s that the bridge should open in %d.", subj, verb, 2000+i)
		start := len([]rune(subj)) + 1
		data = append(data, sentencesOf(t, b, text, [][2]int{{start, start + len(verb)}})...)
		data = append(data, sentencesOf(t, b, fmt.Sprintf("%s visited the bridge in %d.", subj, 1900+i), nil)...)
	}
	res, err := b.TrainCueModel(data[:150], data[150:], 14, 6, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f1 := res.HeldOutF1[res.BestEpoch-1]; f1 < 0.9 {
		t.Errorf("held-out cue F1 = %.3f; want at least 0.9", f1)
	}
	again, _ := b.TrainCueModel(data[:150], data[150:], 14, 6, 3, nil)
	if !bytes.Equal(res.Model, again.Model) {
		t.Error("the same data and seed gave different bytes")
	}
	// A subject the corpus never had; the clause after "that" is one the
	// tagger reads unambiguously (it reads "that costs rose" as a verb and
	// a noun, which is not the cue model's fault).
	probe := "The report shows that the tunnel will close in 2031."
	cues, err := quotes.PredictCues(res.Model, sentencesOf(t, b, probe, nil)[0])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(cues, " ") != "shows" {
		t.Errorf("cues in %q = %v; want [shows]", probe, cues)
	}
	if _, _, _, _, err := quotes.FilterSettings(nil); err != quotes.ErrNoCueModel {
		t.Errorf("empty model: err = %v; want ErrNoCueModel", err)
	}
}

func sentencesOf(t *testing.T, b *quotes.Trainer, text string, cues [][2]int) []quotes.CueSentence {
	t.Helper()
	s, err := b.Sentences(text, cues)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRules gives each rule its own table: sentences whose attribution
// that rule places, with the speaker, cue and content it must find
// ("speaker | cue | content"), checked through the whole pipeline.
func TestRules(t *testing.T) {
	a := newTestAnnotator(t, nil)
	rules := map[string][]struct{ text, want string }{
		"nominal": {{"Her criticism of the bridge was sharp.", "Her | criticism of | the bridge"}},
		"according-to": {
			{"According to Anna Berg, the bridge will open in May.", "Anna Berg | According to | the bridge will open in May"},
			{"The bridge will open in May, according to Anna Berg.", "Anna Berg | according to | The bridge will open in May"},
		},
		"opening-gerund": {
			{"After saying the bridge was safe, Anna Berg left the meeting.", "Anna Berg | saying | the bridge was safe"},
			{"Conceding that the bridge was old, Anna Berg praised the engineers.", "Anna Berg | Conceding | that the bridge was old"},
		},
		"participle":     {{"Anna Berg spoke on Monday, saying the bridge was safe.", "Anna Berg | saying | the bridge was safe"}},
		"passive-agent":  {{"The delay was first reported by the Harbour Times.", "the Harbour Times | was first reported | The delay"}},
		"passive":        {{"Residents were told to leave their homes.", " | were told | to leave their homes"}},
		"colon-next":     {{"Anna Berg said in a statement:\n“The bridge is safe.”", "Anna Berg | said | “The bridge is safe.”"}},
		"as-clause":      {{"As Anna Berg noted, the bridge is old.", "Anna Berg | noted | the bridge is old"}},
		"as-reported-by": {{"As reported by the Harbour Times, the bridge is old.", "the Harbour Times | reported | the bridge is old"}},
		"quote-before":   {{"“Is the bridge safe?” Anna Berg asked.", "Anna Berg | asked | “Is the bridge safe?”"}},
		"same-speaker":   {{"Anna Berg denied the claims and said the bridge was safe.", "Anna Berg | said | the bridge was safe"}},
		"coordinated":    {{"Anna Berg voted on Saturday and says the bridge is safe.", "Anna Berg | says | the bridge is safe"}},
		"subject-cue": {
			{"Anna Berg said that the bridge would open in May.", "Anna Berg | said | that the bridge would open in May"},
			{"Anna Berg, who said the bridge was safe, left early.", "who | said | the bridge was safe"},
			// The stop, a bracket closed after it, or a colon the sentence
			// breaks off at are the writer's, not what was said.
			{"(Anna Berg said the bridge was unsafe.) The mayor agreed.", "Anna Berg | said | the bridge was unsafe"},
			{"Anna Berg said the bridge was unsafe:\nThe mayor agreed.", "Anna Berg | said | the bridge was unsafe"},
		},
		"quote-next":    {{"Anna Berg said in a statement. “The bridge is safe.”", "Anna Berg | said | “The bridge is safe.”"}},
		"quote-subject": {{"“The bridge is safe,” Anna Berg said.", "Anna Berg | said | “The bridge is safe,”"}},
		"quote-cue": {
			{"“The bridge is safe,” said Anna Berg.", "Anna Berg | said | “The bridge is safe,”"},
			{"Karl Ek, 49, a veteran who now works for the council, said Anna Berg should resign.", "Karl Ek | said | Anna Berg should resign"},
		},
		"clause-subject":  {{"Anna Berg, who chairs the council and has long opposed the plan, argued that the bridge was unsafe.", "who | has long opposed | the plan"}},
		"asked-question":  {{"Asked whether the bridge was safe, Anna Berg smiled.", " | Asked | whether the bridge was safe"}},
		"quote-then-verb": {{"“We won,” Karl Ek sighed.", "Karl Ek | sighed | “We won,”"}},
		"colon-quote":     {{"Anna Berg: “The bridge is safe.”", "Anna Berg | : | “The bridge is safe.”"}},
		"hearsay":         {{"The bridge is reportedly unsafe.", " | reportedly | The bridge is reportedly unsafe"}},
		"poll":            {{"Most voters back the bridge, in a new Harbour Times poll.", "a new Harbour Times poll | in | Most voters back the bridge"}},
		"signed-quote":    {{"“The bridge is safe.” ― Anna Berg", "Anna Berg | ― | “The bridge is safe.”"}},
		"transcript-turn": {{"Anna Berg spoke to the council.\n\nBERG: The bridge is safe and we checked it twice.", "BERG | : | The bridge is safe and we checked it twice"}},
		"floating-quote":  {{"Anna Berg said the bridge was safe. “We checked it twice and found nothing wrong.”", "Anna Berg |  | “We checked it twice and found nothing wrong.”"}},
	}
	for _, rule := range quotes.Rules {
		cases, ok := rules[rule]
		if !ok {
			t.Errorf("rule %s has no test", rule)
			continue
		}
		t.Run(rule, func(t *testing.T) {
			for _, tt := range cases {
				d, err := a.Annotate(context.Background(), tt.text, "")
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, q := range d.Quotes {
					if q.Rule == rule {
						got = append(got, q.Speaker.Text+" | "+q.Cue.Text+" | "+q.Content.Text)
					}
				}
				if !slices.Contains(got, tt.want) {
					t.Errorf("Quotes(%q) by rule %s = %q; want %q", tt.text, rule, got, tt.want)
				}
			}
		})
	}
}

// TestCueOpeningTheText annotates texts whose first word is a noun cue
// with its holder after it: the nominal rule once looked for a possessor
// before the text's first token and panicked, losing the article.
func TestCueOpeningTheText(t *testing.T) {
	a := newTestAnnotator(t, nil)
	for _, text := range []string{
		"Statement by the White House on Syria.",
		"Claims by rivals that the vote was rigged were dismissed.",
		"Y BY",
		"Statement by the Press Secretary on Syria\n\nThe president said the talks would go on.",
	} {
		checkQuoteSpans(t, a, text)
	}
}

// TestReportTypes: statements are speech; what a source believes, knows
// or wants is told apart, so that a count of statements can leave it out.
func TestReportTypes(t *testing.T) {
	a := newTestAnnotator(t, nil)
	d, err := a.Annotate(context.Background(), "Anna Berg said that the bridge would open in May. Karl Ek believes that the bridge will close. Maria Lind wants the bridge to stay open.", "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range d.Quotes {
		got = append(got, q.Speaker.Text+" "+q.ReportType)
	}
	if want := "Anna Berg speech; Karl Ek belief; Maria Lind attitude"; strings.Join(got, "; ") != want {
		t.Errorf("report types %q; want %q", got, want)
	}
}

// TestActSense: a reporting verb that takes a noun phrase and no clause
// names an act (added a trophy, wrote a song, released an album, was named
// player of the year), which is no statement; with a clause or a quotation
// it reports. What a source failed to say is no statement either, nor
// what it refused to do (sign, sell) rather than say.
func TestActSense(t *testing.T) {
	a := newTestAnnotator(t, nil)
	for _, c := range []struct {
		text string
		want string // the report type of the attribution whose cue is cue
		cue  string
	}{
		{"Roger Varga added the Open trophy to his list of titles.", "attitude", "added"},
		{"Roger Varga added that the final had been hard.", "speech", "added"},
		{"Anna Berg wrote the song with her brother in 1998.", "attitude", "wrote"},
		{"Anna Berg wrote that the bridge was unsafe.", "speech", "wrote"},
		{"The band released its third album on Monday.", "attitude", "released"},
		{"Walt Disney failed to disclose how family members were employed.", "attitude", "disclose"},
		{"The company disclosed how its directors were paid.", "speech", "disclosed"},
		{"The unions say the plant will close. Fiat has yet to comment on the matter.", "attitude", "comment"},
		{"Anna Berg refused to sign the new bridge contract.", "attitude", "refused"},
		{"The club declined to sell the stadium to the council.", "attitude", "sell"},
		{"Anna Berg refused to confirm the report about the bridge.", "speech", "refused"},
	} {
		d, err := a.Annotate(context.Background(), c.text, "")
		if err != nil {
			t.Fatal(err)
		}
		got := "none"
		for _, q := range d.Quotes {
			if strings.HasSuffix(q.Cue.Text, c.cue) {
				got = q.ReportType
			}
		}
		if got != c.want && got != "none" {
			t.Errorf("%q: cue %q is %s; want %s", c.text, c.cue, got, c.want)
		}
		if got == "none" && c.want == "speech" {
			t.Errorf("%q: no attribution with cue %q; want %s", c.text, c.cue, c.want)
		}
	}
}

// TestNominalSpeakers: a description the article has tied to a name (a
// role written before it, or an organisation's kind) resolves to it,
// rank and all; one it has not stays a description.
func TestNominalSpeakers(t *testing.T) {
	a := newTestAnnotator(t, nil)
	for _, c := range []struct{ text, want string }{
		{"Chancellor Gordon Brown unveiled the plan on Monday. The chancellor said the plan would work.",
			"The chancellor | said | the plan would work | nominal | Gordon Brown | claim"},
		{"Deputy Prime Minister John Prescott visited the site on Monday. The prime minister said the site would close.",
			"The prime minister | said | the site would close | nominal |  | claim"},
		{"Deputy Prime Minister John Prescott visited the site on Monday. Tony Blair has rejected calls for an inquiry. The prime minister said the site would close.",
			"The prime minister | said | the site would close | nominal | Tony Blair | claim"},
		{"Anna Berg spoke of tension in the cabinet. But the chancellor said Ms Berg was never at the meetings.",
			"the chancellor | said | Ms Berg was never at the meetings | nominal |  | claim"},
		{"Sony cut its prices. Sony also sold its film unit. The company said profits would rise.",
			"The company | said | profits would rise | nominal | Sony | claim"},
		{"Ryanair ordered ten jets on Monday. A spokesman said profits would double.",
			"A spokesman | said | profits would double | nominal | Ryanair | claim"},
		{"A Ryanair spokesman said fares would fall. Tom Berg won the award. The spokesman said profits would double.",
			"The spokesman | said | profits would double | nominal | Ryanair | claim"},
		{"A spokesman for the ministry said fares would fall. Ryanair ordered ten jets. The spokesman said profits would double.",
			"The spokesman | said | profits would double | nominal |  | claim"},
		{"Ryanair ordered ten jets, according to the Financial Times. The paper said profits would double.",
			"The paper | said | profits would double | nominal | Financial Times | claim"},
		{"According to a World Bank report, poverty fell last year. The report said growth would rise.",
			"The report | said | growth would rise | nominal | World Bank | claim"},
		{"A study by the Institute for Fiscal Studies found that sales fell. The study said growth would return.",
			"The study | said | growth would return | nominal | Institute for Fiscal Studies | claim"},
		{"Ryanair said fares would fall. A new study found that sales fell. The study said growth would return.",
			"The study | said | growth would return | nominal |  | claim"},
		{"Profits at Ryanair fell by half in the year to March. The airline said fuel costs had doubled.",
			"The airline | said | fuel costs had doubled | nominal | Ryanair | claim"},
		{"Shares in Ryanair fell after the Enron scandal. The regulator warned it could act.",
			"The regulator | warned | it could act | nominal |  | claim"},
		{"Gordon Brown flew to Kenya on Monday. Mr Brown met farmers. Aid groups praised Mr Brown. Critics were silent. There he is expected to sign a deal. The chancellor said the deal would help.",
			"The chancellor | said | the deal would help | nominal | Gordon Brown | claim"},
		{"Gordon Brown flew to Kenya on Monday. Mr Brown met Anna Berg. Aid groups praised Ms Berg. Critics were silent. There he is expected to sign a deal. The chancellor said the deal would help.",
			"The chancellor | said | the deal would help | nominal |  | claim"},
		{"Gordon Brown praised the plan. The Green Party's health spokeswoman, Eleanor Scott, said the plan was timid.",
			"Eleanor Scott | said | the plan was timid | name | Eleanor Scott | claim"},
		{"Gordon Brown cut taxes. Lib Dem Treasury spokesman Vince Cable said the cuts were small. Tom Berg won the award. But the Lib Dem spokesman said the cuts were welcome.",
			"the Lib Dem spokesman | said | the cuts were welcome | nominal | Vince Cable | claim"},
		{"Gordon Brown praised the plan. Liberal Democrat spokeswoman for women Sandra Gidley said the plan was timid.",
			"Liberal Democrat spokeswoman for women Sandra Gidley | said | the plan was timid | name | Sandra Gidley | claim"},
		{"John Prescott praised the plan. A spokesman for Mr Prescott said the plan was bold.",
			"A spokesman for Mr Prescott | said | the plan was bold | nominal |  | claim"},
		{"Gordon Brown praised the plan. The Shadow Secretary of State for the Family, Theresa May, said the plan was timid.",
			"Theresa May | said | the plan was timid | name | Theresa May | claim"},
		{"Cate Blanchett, who won for playing Katharine Hepburn, said the award was a surprise.",
			"Cate Blanchett | said | the award was a surprise | name | Cate Blanchett | claim"},
		{"Gordon Brown praised the plan. Eva Lichtenberg, an Austrian Green member of the European Parliament said the plan was timid.",
			"Eva Lichtenberg | said | the plan was timid | name | Eva Lichtenberg | claim"},
		{"Reacting to a comment by union chairman Tim Phillips, the American player said the plan was timid.",
			"the American player | said | the plan was timid | nominal |  | claim"},
		{"The bill was too complex. The Lord Chancellor, Lord Falconer, said the law would stay.",
			"Lord Falconer | said | the law would stay | name | Falconer | claim"},
		{"Sony cut its prices and Nintendo followed. A spokesman said profits would rise.",
			"A spokesman | said | profits would rise | nominal |  | claim"},
		{"Sony cut its prices and Nintendo followed. The company said profits would rise.",
			"The company | said | profits would rise | nominal |  | claim"},
		{"Ryanair ordered ten jets on Monday. The airline said profits would double.",
			"The airline | said | profits would double | nominal | Ryanair | claim"},
		{"Fighting killed 20 people, according to the Syrian Observatory for Human Rights, a Britain-based monitor. The monitor said the strikes went on.",
			"The monitor | said | the strikes went on | nominal | Syrian Observatory for Human Rights | claim"},
	} {
		got := quotesOf(t, a, c.text)
		if len(got) == 0 || got[len(got)-1] != c.want {
			t.Errorf("quotes of %q = %q; want last %q", c.text, got, c.want)
		}
	}
}

// A pronoun is read first against the subject of the clause above it, the
// speaker just before or the previous sentence's subject; they is never
// guessed from the entities around it.
func TestPronounSpeakers(t *testing.T) {
	a := newTestAnnotator(t, nil)
	for _, c := range []struct{ name, text, want string }{
		{"the previous sentence's subject, not the person quoted more",
			"Tom Berg said the bridge is safe. Tom Berg said the cables are sound. Peter Holm won the award on Monday. He said the team deserved it.",
			"He | said | the team deserved it | pronoun | Peter Holm | claim"},
		{"the subject of the clause a coordinated clause hangs on",
			"Tom Berg said the bridge is safe. Tom Berg said the cables are sound. Peter Holm revealed that engineers had found cracks and he said the bridge must close.",
			"he | said | the bridge must close | pronoun | Peter Holm | claim"},
		{"the speaker just before, over the quotation's own subject",
			"Tom Berg said the bridge is safe. Tom Berg said the cables are sound. Peter Holm admitted that he was worried. “The cables are old,” he said.",
			"he | said | “The cables are old,” | pronoun | Peter Holm | claim"},
		{"he after a spokesperson is the spokesperson, for the organisation",
			"Tom Berg said the bridge is safe. Tom Berg said the cables are sound. A spokesman for the Home Office said the plan was fair. “We will act,” he said.",
			"he | said | “We will act,” | pronoun | Home Office | claim"},
		{"he after an unnamed spokesperson is nobody named",
			"Tom Berg said the bridge is safe. Tom Berg said the cables are sound. A police spokesman said the plan was fair. “We will act,” he said.",
			"he | said | “We will act,” | unresolved |  | claim"},
		{"a floating quotation's speaker is its source's",
			"Charles Clarke said the plan was fair. Mr Clarke said the plan was needed. The BBC's home affairs correspondent, Daniel Sandford, said it appeared Mr Clarke was keen. But he said an agreement could be difficult. “Some of these people are accused of very serious crimes at home.”",
			"he |  | “Some of these people are accused of very serious crimes at home.” | pronoun | Daniel Sandford | claim"},
		{"the speaker whose quotation ran into the sentence before",
			"Gordon Brown said the cuts were needed. Mr Brown said jobs would go. Mark Serwotka, the union leader, said: “The cuts are deep. The workers are angry.” He said the budget had good parts.",
			"He | said | the budget had good parts | pronoun | Mark Serwotka | claim"},
		{"he is not the person the content names",
			"Gordon Brown said the cuts were needed. Mr Brown said jobs would go. The union was angry. He said Mr Brown had made welcome announcements.",
			"He | said | Mr Brown had made welcome announcements | unresolved |  | claim"},
		{"it after a report's words is the report",
			"Tom Berg said fares would fall. Tom Berg said growth would slow. Sony cut its prices. The report said growth would slow. It questioned whether prices could fall.",
			"It | questioned | whether prices could fall | unresolved |  | claim"},
		{"it after the organisation just named",
			"Nintendo said prices would fall. Nintendo said sales were flat. Sony cut its prices on Monday. It said profits would rise.",
			"It | said | profits would rise | pronoun | Sony | claim"},
		{"they after a common noun is nobody named",
			"Labour said the budget was fair. Analysts said the cut was small. They said profits would fall.",
			"They | said | profits would fall | unresolved |  | claim"},
		{"a relative pronoun through the parse, where the words before it give no name",
			"The problem has been highlighted by the Organisation for Economic Co-operation and Development, which argued in a report published on Tuesday that the continent could grow faster.",
			"which | argued | that the continent could grow faster | pronoun | Organisation for Economic Co-operation and Development | claim"},
		{"they after a party",
			"Labour said the budget was fair. Labour said taxes would fall. The Tories attacked the budget. They said taxes would rise.",
			"They | said | taxes would rise | pronoun | Conservative Party | claim"},
	} {
		got := quotesOf(t, a, c.text)
		if !slices.Contains(got, c.want) {
			t.Errorf("%s: quotes of %q = %q; want %q among them", c.name, c.text, got, c.want)
		}
	}
}

// A speaker after a possessor and a role word is who spoke; the possessor
// is who they work for. A person right after a possessive is the speaker
// too; the possessor stands when nobody is named after it.
func TestPossessiveSpeakers(t *testing.T) {
	a := newTestAnnotator(t, nil)
	for _, c := range []struct{ text, want string }{
		{"Senator Ruth Okafor's spokeswoman Mira Patel said the vote would wait.",
			"Senator Ruth Okafor's spokeswoman Mira Patel | said | the vote would wait | name | Mira Patel | claim"},
		{"Mr Hale's lawyer Dana Cole said the charges were weak.",
			"Mr Hale's lawyer Dana Cole | said | the charges were weak | name | Dana Cole | claim"},
		{"Labour's Paul Flynn said the meeting was tense.",
			"Labour's Paul Flynn | said | the meeting was tense | name | Paul Flynn | claim"},
		// Of two names, the later is the head when only modifiers stand
		// between them; not across "of".
		{"Harbour Bank economist Dana Cole said rates would rise.",
			"Harbour Bank economist Dana Cole | said | rates would rise | name | Dana Cole | claim"},
		{"Dana Cole of Harbour Bank said rates would rise.",
			"Dana Cole of Harbour Bank | said | rates would rise | name | Dana Cole | claim"},
	} {
		got := quotesOf(t, a, c.text)
		if len(got) == 0 || got[len(got)-1] != c.want {
			t.Errorf("quotes of %q = %q; want last %q", c.text, got, c.want)
		}
	}
}
