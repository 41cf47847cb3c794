package annotate

import "unicode/utf8"

// runeIndex converts byte offsets into code point offsets for one text.
//
// Stages work in byte offsets (prose's, and Go's string indexing) and convert
// once, when a span leaves the package. Queries arrive nearly in text order,
// so a cursor that walks forward or back from the previous answer costs
// amortised O(1) per offset and allocates nothing; ASCII text, the common
// case, is answered without walking at all.
type runeIndex struct {
	text  string
	ascii bool
	b, r  int
}

func newRuneIndex(text string) *runeIndex {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	return &runeIndex{text: text, ascii: ascii}
}

// at returns the code point offset of byte offset b. b must fall on a rune
// boundary, as every offset prose and this package produce does.
func (x *runeIndex) at(b int) int {
	if x.ascii {
		return b
	}
	for x.b < b {
		_, n := utf8.DecodeRuneInString(x.text[x.b:])
		x.b += n
		x.r++
	}
	for x.b > b {
		_, n := utf8.DecodeLastRuneInString(x.text[:x.b])
		x.b -= n
		x.r--
	}
	return x.r
}
