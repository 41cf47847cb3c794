package annotate_test

import (
	"context"
	"fmt"

	"github.com/newsnlp/newsnlp/annotate"
)

// Annotate one scraped article: zones say what is title, dateline, body and
// boilerplate, without editing the text; offsets are code points.
func ExampleAnnotator_Annotate() {
	a, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		panic(err)
	}
	text := "Bridge Talks Resume In Oslo\n\nOslo: The mayor said the bridge would open in May.\n\nLeave a Reply"
	doc, err := a.Annotate(context.Background(), text, "")
	if err != nil {
		panic(err)
	}
	runes := []rune(doc.Text)
	for _, z := range doc.Zones {
		fmt.Printf("%s: %q\n", z.Kind, string(runes[z.Start:z.End]))
	}
	fmt.Println(len(doc.Sentences), "sentences,", len(doc.Tokens), "tokens")
	// Output:
	// title: "Bridge Talks Resume In Oslo"
	// dateline: "Oslo"
	// body: "The mayor said the bridge would open in May."
	// boilerplate: "Leave a Reply"
	// 4 sentences, 18 tokens
}
