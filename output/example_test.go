package output_test

import (
	"fmt"

	"github.com/newsnlp/newsnlp/output"
)

// The schema is read from the row types, so it always matches what is
// written.
func ExampleSchema() {
	for _, t := range output.Schema() {
		fmt.Printf("%s: %d columns, first %s\n", t.Name, len(t.Columns), t.Columns[0].Name)
	}
	// Output:
	// documents: 22 columns, first doc_id
	// sentences: 6 columns, first doc_id
	// tokens: 11 columns, first doc_id
	// entities: 12 columns, first doc_id
	// quotes: 30 columns, first doc_id
	// errors: 8 columns, first source
}
