package datasets_test

import (
	"errors"
	"fmt"
	"io"

	"github.com/newsnlp/newsnlp/datasets"
)

// Read a corpus record by record: a bad record is a *RecordError, and
// reading goes on.
func ExampleCorpus_Next() {
	c := datasets.OpenSample(datasets.Options{MaxDocBytes: datasets.DefaultMaxDocBytes})
	defer c.Close()
	n := 0
	for {
		a, err := c.Next()
		if err == io.EOF {
			break
		}
		var re *datasets.RecordError
		if errors.As(err, &re) {
			fmt.Println("skipped:", re)
			continue
		}
		if err != nil {
			panic(err)
		}
		if n < 2 {
			fmt.Println(a.ID, "|", a.Title, "|", a.Published.Format("2006-01-02"))
		}
		n++
	}
	fmt.Println(n, "articles")
	// Output:
	// sample-01 | Harbour Authority Denies Dumping Claims In Port Alvera | 2026-03-10
	// sample-02 | Council votes to keep the old library open | 2026-03-16
	// 10 articles
}
