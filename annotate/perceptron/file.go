package perceptron

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/klauspost/compress/zstd"
)

// Compress and Decompress are the container of the trained
// models' files: zstd at its best level, one thread, so that the same
// weights always give the same bytes.
func Compress(raw []byte) ([]byte, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer enc.Close()
	return enc.EncodeAll(raw, nil), nil
}

func Decompress(what string, b []byte) ([]byte, error) {
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

// Open checks and opens a model file: errEmpty when nothing is
// embedded, else the decompressed contents positioned after the magic.
func Open(what string, magic, b []byte, errEmpty error) (*bytes.Reader, error) {
	if len(b) == 0 {
		return nil, errEmpty
	}
	raw, err := Decompress(what, b)
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

// Stream is Open without the decompressed copy: the contents
// are decoded as they are read, so that loading a large weight table
// touches its memory once (the NER model's 18 MB copy cost 100 ms of page
// faults at every start). close releases the decoder.
func Stream(what string, magic, b []byte, errEmpty error) (r io.Reader, close func(), err error) {
	if len(b) == 0 {
		return nil, nil, errEmpty
	}
	dec, err := zstd.NewReader(bytes.NewReader(b), zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", what, err)
	}
	got := make([]byte, len(magic))
	if _, err := io.ReadFull(dec, got); err != nil || !bytes.Equal(got, magic) {
		dec.Close()
		return nil, nil, errors.New(what + ": not a newsnlp model")
	}
	return dec, dec.Close, nil
}

// ReadFloat32s fills dst with little-endian float32 weights from r. It
// decodes through a small buffer: binary.Read on a slice this long
// allocates a copy of all of it first, which made loading the NER model
// take 160 ms of every run's start.
func ReadFloat32s(r io.Reader, dst []float32) error {
	var buf [64 << 10]byte
	for len(dst) > 0 {
		n := min(len(dst), len(buf)/4)
		if _, err := io.ReadFull(r, buf[:4*n]); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		for i := range n {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
		}
		dst = dst[n:]
	}
	return nil
}

// ReadInt16s fills dst with little-endian 16-bit integers from r, as
// ReadFloat32s does floats. The two loops are written out: one shared
// through a decoding function called per value started a one-article run
// slower (user CPU 0.25–0.27 s against 0.22–0.24 s, three runs each).
func ReadInt16s(r io.Reader, dst []int16) error {
	var buf [64 << 10]byte
	for len(dst) > 0 {
		n := min(len(dst), len(buf)/2)
		if _, err := io.ReadFull(r, buf[:2*n]); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		for i := range n {
			dst[i] = int16(binary.LittleEndian.Uint16(buf[2*i:]))
		}
		dst = dst[n:]
	}
	return nil
}
