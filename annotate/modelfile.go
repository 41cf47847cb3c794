package annotate

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// compressModel and decompressModel are the container of the trained
// models' files: zstd at its best level, one thread, so that the same
// weights always give the same bytes.
func compressModel(raw []byte) ([]byte, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer enc.Close()
	return enc.EncodeAll(raw, nil), nil
}

func decompressModel(what string, b []byte) ([]byte, error) {
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	raw, err := dec.DecodeAll(b, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return raw, nil
}

// byteOffsets maps each code point offset of text (and its end) to a byte
// offset, for projecting gold spans onto tokens when building training
// examples.
func byteOffsets(text string) []int {
	at := make([]int, 0, len(text)+1)
	for i := range text {
		at = append(at, i)
	}
	return append(at, len(text))
}

// openModel checks and opens a model file: errEmpty when nothing is
// embedded, else the decompressed contents positioned after the magic.
func openModel(what string, magic, b []byte, errEmpty error) (*bytes.Reader, error) {
	if len(b) == 0 {
		return nil, errEmpty
	}
	raw, err := decompressModel(what, b)
	if err != nil {
		return nil, err
	}
	r := bytes.NewReader(raw)
	got := make([]byte, len(magic))
	if _, err := io.ReadFull(r, got); err != nil || !bytes.Equal(got, magic) {
		return nil, errors.New(what + ": not a newsnlp model")
	}
	return r, nil
}
