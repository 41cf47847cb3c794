// Command newsnlp turns a corpus of news articles into analysis-ready
// Parquet: sentences, tokens with part-of-speech tags, named entities,
// quotations with their speakers, and claim/denial labels.
//
// main only calls Main; everything else lives in one file per subcommand.
// cmd/newsnlp is the only package that imports cobra.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
}
