// Package annotate owns newsnlp's language stages: zone, nlp, ner,
// entities, quotes (package annotate/quotes), claims and offsets. Each is a
// Stage over the one doc.Document; an Annotator is their ordered list, its
// models loaded once and safe for concurrent use.
//
// Every offset this package returns is a Unicode code point offset into the
// document text, 0-based and end exclusive. The text itself is never
// rewritten: cleaning is expressed as zones.
//
// annotate must not import datasets, output, pipeline or cmd. It is the only
// package that imports prose.
package annotate
