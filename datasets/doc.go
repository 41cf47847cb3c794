// Package datasets reads news corpora: JSONL, CSV/TSV, folders of .txt
// files, any of them gzip- or zstd-compressed, from files, directories,
// globs or standard input, and the sample corpus embedded in the binary.
//
// Readers are shaped like encoding/csv: call Next until io.EOF. A record
// that cannot be read comes back as a *RecordError naming the source, line
// and field, and reading goes on with the next record; a source that breaks
// part-way (a truncated gzip stream, a binary file) ends with one
// *RecordError and reading goes on with the next source. Nothing is dropped
// silently.
//
// datasets must not import annotate, output, pipeline or cmd.
package datasets
