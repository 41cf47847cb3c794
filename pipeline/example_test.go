package pipeline_test

import (
	"context"
	"fmt"
	"os"

	"github.com/newsnlp/newsnlp/annotate"
	"github.com/newsnlp/newsnlp/datasets"
	"github.com/newsnlp/newsnlp/output"
	"github.com/newsnlp/newsnlp/pipeline"
)

// Annotate the embedded sample corpus into a Parquet dataset.
func ExampleRun() {
	dir, _ := os.MkdirTemp("", "newsnlp-example")
	defer os.RemoveAll(dir)

	ann, err := annotate.New(annotate.DefaultConfig())
	if err != nil {
		panic(err)
	}
	w, err := output.Create(dir, "example", output.Options{})
	if err != nil {
		panic(err)
	}
	res, err := pipeline.Run(context.Background(), datasets.OpenSample(datasets.Options{}), ann, w, pipeline.Options{Workers: 2})
	if err != nil {
		w.Abort()
		panic(err)
	}
	counts, err := w.Close(nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Status, counts[output.TableDocuments], "documents", counts[output.TableErrors], "errors")
	// Output: complete 10 documents 0 errors
}
