package output

import (
	"fmt"
	"strconv"
)

// The tables' diff specs: their keys, compared columns and descriptions.
var (
	documentsDiff = diffSpec[DocumentRow]{
		table: TableDocuments,
		key:   func(r *DocumentRow) string { return r.DocID },
		cols: []string{"text", "title", "author", "url", "published", "lang", "zones", "duplicate_of", "n_sentences", "n_tokens",
			"n_entities", "n_quotes", "n_claims", "n_denials", "warnings", "meta"},
		describe: func(r *DocumentRow) string {
			return fmt.Sprintf("%s %q: %d sentences, %d tokens, %d entities, %d quotes", r.DocID, clip(deref(r.Title), 50), r.NSentences, r.NTokens, r.NEntities, r.NQuotes)
		},
	}
	sentencesDiff = diffSpec[SentenceRow]{
		table: TableSentences,
		key:   func(r *SentenceRow) string { return span(r.DocID, r.Start, r.End) },
		cols:  []string{"zone", "n_tokens"},
		describe: func(r *SentenceRow) string {
			return fmt.Sprintf("%s %s, %d tokens", span(r.DocID, r.Start, r.End), r.Zone, r.NTokens)
		},
	}
	tokensDiff = diffSpec[TokenRow]{
		table: TableTokens,
		key:   func(r *TokenRow) string { return span(r.DocID, r.Start, r.End) },
		cols:  []string{"text", "pos", "lemma", "upos", "head", "dep"},
		describe: func(r *TokenRow) string {
			return fmt.Sprintf("%s %q/%s lemma %q, %s of %s", span(r.DocID, r.Start, r.End), r.Text, r.POS, r.Lemma, r.Dep, relativeHead(r))
		},
		value: func(r *TokenRow, col string) (string, bool) {
			if col == "head" {
				return relativeHead(r), true
			}
			return "", false
		},
	}
	entitiesDiff = diffSpec[EntityRow]{
		table: TableEntities,
		key:   func(r *EntityRow) string { return span(r.DocID, r.Start, r.End) },
		cols:  []string{"text", "label", "canonical", "entity_key", "title", "origin"},
		describe: func(r *EntityRow) string {
			return fmt.Sprintf("%s %q %s (canonical %q, %s)", span(r.DocID, r.Start, r.End), r.Text, r.Label, r.Canonical, r.Origin)
		},
	}
	quotesDiff = diffSpec[QuoteRow]{
		table: TableQuotes,
		key:   func(r *QuoteRow) string { return span(r.DocID, r.ContentStart, r.ContentEnd) },
		cols: []string{"kind", "content_parts", "cue_start", "cue_end", "cue", "cue_lemma", "cue_class", "report_type", "rule", "score",
			"speaker_start", "speaker_end", "speaker", "speaker_canonical", "speaker_key", "speaker_label", "speaker_resolution",
			"label", "confidence", "negated", "hedged", "conditional", "evidence"},
		describe: func(r *QuoteRow) string {
			return fmt.Sprintf("%s %q, speaker %q (%s), cue %q, %s", span(r.DocID, r.ContentStart, r.ContentEnd), clip(r.Content, 60), deref(r.Speaker), r.SpeakerResolution, deref(r.Cue), r.Label)
		},
	}
	errorsDiff = diffSpec[ErrorRow]{
		table: TableErrors,
		key:   func(r *ErrorRow) string { return r.Source + "#" + strconv.FormatInt(r.Record, 10) },
		cols:  []string{"line", "doc_id", "stage", "kind", "error"},
		describe: func(r *ErrorRow) string {
			return fmt.Sprintf("%s:%d %s: %s", r.Source, r.Line, r.Kind, clip(r.Error, 80))
		},
	}
)
