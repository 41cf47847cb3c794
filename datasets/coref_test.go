package datasets

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Two documents written for this test in GUM's way: Entity= opens a
// mention with "(ID-…", closes it with "ID)", and "(ID-…)" is a mention
// of one word.
const corefText = `# newdoc id = doc-a
# newpar
# sent_id = a-1
# text = Anna Berg spoke.
1	Anna	Anna	PROPN	NNP	_	3	nsubj	_	Entity=(1-person-new-cf1-1-coref
2	Berg	Berg	PROPN	NNP	_	1	flat	_	Entity=1)
3	spoke	speak	VERB	VBD	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = a-2
# text = She said the city's bridge is safe.
1	She	she	PRON	PRP	_	2	nsubj	_	Entity=(1-person-giv-cf1-1-coref)
2	said	say	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	6	det	_	Entity=(2-object-new-cf2-1-coref(3-place-new-cf3-1-sgl
4-5	city's	_	_	_	_	_	_	_	_
4	city	city	NOUN	NN	_	6	nmod:poss	_	_
5	's	's	PART	POS	_	4	case	_	Entity=3)
6	bridge	bridge	NOUN	NN	_	8	nsubj	_	Entity=2)
7	is	be	AUX	VBZ	_	8	cop	_	_
8	safe	safe	ADJ	JJ	_	2	ccomp	_	SpaceAfter=No
9	.	.	PUNCT	.	_	2	punct	_	_

# newdoc id = doc-b
# sent_id = b-1
# text = No entities here.
1	No	no	DET	DT	_	2	det	_	_
2	entities	entity	NOUN	NNS	_	0	root	_	_
3	here	here	ADV	RB	_	2	advmod	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_
`

func TestTreebankDocuments(t *testing.T) {
	sents, err := readTreebankString(corefText)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := TreebankDocuments("t.conllu", sents)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents; want 1 (doc-b has no coreference)", len(docs))
	}
	d := docs[0]
	if want := "Anna Berg spoke. She said the city's bridge is safe."; d.ID != "doc-a" || d.Text != want || !d.HasCoref {
		t.Errorf("document %q %q (coref %v); want doc-a %q", d.ID, d.Text, d.HasCoref, want)
	}
	want := []GoldCoref{
		{Start: 0, End: 9, Chain: "1", Proper: true}, // Anna Berg
		{Start: 17, End: 20, Chain: "1"},             // She
		{Start: 26, End: 36, Chain: "3"},             // the city's
		{Start: 26, End: 43, Chain: "2"},             // the city's bridge
	}
	if diff := cmp.Diff(want, d.Coref); diff != "" {
		t.Errorf("coreference (-want +got):\n%s", diff)
	}
}

func TestTreebankDocumentErrors(t *testing.T) {
	for _, c := range []struct{ name, misc string }{
		{"a closing never opened", "Entity=7)"},
		{"an opening with no id", "Entity=(-person)"},
	} {
		text := "# newdoc id = d\n# text = Hi\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t" + c.misc + "\n"
		sents, err := readTreebankString(text)
		if err != nil {
			t.Fatal(err)
		}
		_, err = TreebankDocuments("t.conllu", sents)
		var ge *GoldError
		if !errors.As(err, &ge) || ge.Path != "t.conllu" || ge.Line != 3 || !errors.Is(err, ErrCoNLLU) {
			t.Errorf("%s: error %v; want a CoNLL-U error at t.conllu:3", c.name, err)
		}
	}
}

func readTreebankString(text string) ([]TreebankSentence, error) {
	return NewTreebankReader("t.conllu", strings.NewReader(text)).All()
}
