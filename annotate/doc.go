// Package annotate owns newsnlp's language stages: zone, nlp, entities,
// quotes and claims. Each stage is a plain synchronous function over the
// structs in this package; an Annotator holds the models, loaded once and
// safe for concurrent use, and runs the stages in order for one document.
//
// Every offset this package returns is a Unicode code point offset into the
// document text, 0-based and end exclusive. The text itself is never
// rewritten: cleaning is expressed as zones.
//
// annotate must not import datasets, output, pipeline or cmd. It is the only
// package that imports prose.
package annotate
