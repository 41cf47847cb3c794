// Package syntax is newsnlp's own part-of-speech tagger, lemmatiser and
// dependency parser, trained on Universal Dependencies English (EWT and
// GUM) by Train and embedded as one model file.
//
//   - The Tagger is a greedy left-to-right averaged perceptron over hashed
//     features that gives each word a Penn Treebank tag and a universal
//     (UPOS) tag together. A sentence written in title case or in capitals
//     (a headline) is seen through: the word features are lower case, the
//     shape features are conjoined with the sentence's casing, and the
//     training data holds title-cased and upper-cased copies of sentences.
//   - The Lemmatiser gives each word an edit script (a case rule, characters
//     cut from the end, characters added) from a table of the training
//     data's (word, tag) pairs, and from a classifier over suffixes for the
//     words the table lacks.
//   - The Parser is a greedy arc-eager transition parser with UD relations,
//     trained with Goldberg and Nivre's dynamic oracle on tags predicted by
//     taggers that never saw the sentence (jackknifing). The oracle needs
//     projective trees: a training tree's non-projective arcs are lifted
//     (the dependent is reattached to its head's head until the arc is
//     projective), so the parser never produces a crossing arc. Parsing is
//     linear in the sentence's length: 2n transitions of constant work.
//
// All three are read-only after loading and safe for concurrent use.
// syntax imports only annotate/perceptron and annotate/english of
// newsnlp's packages.
package syntax
