package output

import (
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/format"
)

// zstdCodec is Parquet's ZSTD codec with a window sized to a page. The
// codec parquet-go ships keeps its encoders in a sync.Pool with the
// library's default 8 MiB window: each encoder holds a 16 MiB history, and
// every garbage collection empties the pool, so the next page allocates a
// new one. One encoder made once, with a window no larger than a page
// (nothing outside a page can be referenced anyway), holds about 1 MiB.
// Its frames are standard zstd and any reader decodes them.
type zstdCodec struct {
	level  zstd.EncoderLevel
	window int

	encOnce sync.Once
	enc     *zstd.Encoder
	encErr  error
	decOnce sync.Once
	dec     *zstd.Decoder
	decErr  error
}

func newZstdCodec(level zstd.EncoderLevel, pageBytes int) *zstdCodec {
	w := zstd.MinWindowSize
	for w < pageBytes && w < zstd.MaxWindowSize {
		w <<= 1
	}
	return &zstdCodec{level: level, window: w}
}

func (c *zstdCodec) String() string { return "ZSTD" }

func (c *zstdCodec) CompressionCodec() format.CompressionCodec { return format.Zstd }

// Encode compresses src into dst. The encoder is safe for concurrent use
// (calls wait for it in turn).
func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	c.encOnce.Do(func() {
		c.enc, c.encErr = zstd.NewWriter(nil,
			zstd.WithEncoderLevel(c.level),
			zstd.WithEncoderConcurrency(1),
			zstd.WithWindowSize(c.window),
			zstd.WithZeroFrames(true),
			zstd.WithEncoderCRC(false),
		)
	})
	if c.encErr != nil {
		return dst[:0], c.encErr
	}
	return c.enc.EncodeAll(src, dst[:0]), nil
}

// Decode decompresses src into dst. Readers pick their codec by the file's
// codec id, so this is here for the interface and for any caller that
// holds the writer's codec.
func (c *zstdCodec) Decode(dst, src []byte) ([]byte, error) {
	c.decOnce.Do(func() {
		c.dec, c.decErr = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
	})
	if c.decErr != nil {
		return dst[:0], c.decErr
	}
	return c.dec.DecodeAll(src, dst[:0])
}

// The output's compression settings, chosen by measuring size, CPU and
// peak memory on the BBC corpus and on it repeated tenfold (make bench):
// zstd's default level, 256 KiB pages (1 MiB pages made files 4% smaller
// and peak memory 45% larger), and row groups of about 4 MiB of values per
// table (DefaultRowGroupBytes), which keeps peak memory the same however
// long the run: at 32 MiB a tenfold run peaked 40% higher than a single
// one.
const (
	zstdLevel = zstd.SpeedDefault
	pageBytes = 256 << 10
)
