// Package output writes annotated documents as a Parquet dataset (one
// folder of part files per table, manifest.json), reads it back, and
// diffs two runs. It reads the Document of annotate/doc, never annotate.
package output
