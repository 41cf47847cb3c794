package evaluate

import (
	"github.com/newsnlp/newsnlp/annotate/doc"
	"github.com/newsnlp/newsnlp/output"
)

// quotePairs are the opening and closing marks the baseline pairs.
var quotePairs = map[rune]rune{'"': '"', '“': '”', '«': '»'}

// QuoteMarkBaseline predicts every span between a pair of double quote
// marks as a quote with no cue and no speaker: the baseline that quote-mark
// matching alone reaches. Offsets are code points.
func QuoteMarkBaseline(docID, text string) []output.QuoteRow {
	var out []output.QuoteRow
	runes := []rune(text)
	for i := 0; i < len(runes); i++ {
		closing, ok := quotePairs[runes[i]]
		if !ok {
			continue
		}
		for j := i + 1; j < len(runes); j++ {
			if runes[j] == closing {
				if j > i+1 {
					out = append(out, output.QuoteRow{
						DocID: docID, QuoteIdx: int32(len(out)), Kind: doc.KindDirect,
						ContentStart: int32(i + 1), ContentEnd: int32(j), Content: string(runes[i+1 : j]),
						SpeakerResolution: doc.ResolvedUnresolved, Label: doc.LabelClaim,
					})
				}
				i = j
				break
			}
		}
	}
	return out
}
