package output

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
)

// tableFile is what Writer needs of a table whatever its row type.
type tableFile interface {
	// finish flushes the rows and writes the footer to the temporary file.
	finish() error
	// publish renames the finished temporary file into place.
	publish() error
	// abort closes and removes the temporary file.
	abort()
	// count is the number of rows written.
	count() int64
}

// table is one part file of one table, written through a temporary file.
type table[T any] struct {
	name       string
	final, tmp string
	f          *os.File
	w          *parquet.GenericWriter[T]
	buf        []T
	groupBytes int
	limit      int
	rows       int64
}

// batchRows is how many rows are collected before one call to the Parquet
// writer, which amortises its per-call cost.
const batchRows = 512

func newTable[T any](name, final string, limit int, opts []parquet.WriterOption) (*table[T], error) {
	dir := filepath.Dir(final)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output %s: %w", name, err)
	}
	// The temporary name starts with a dot and does not end in .parquet, so
	// readers globbing *.parquet never pick up a half-written file.
	tmp := filepath.Join(dir, "."+filepath.Base(final)+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", name, err)
	}
	opts = append(opts[:len(opts):len(opts)], parquet.KeyValueMetadata(MetaTable, name))
	return &table[T]{
		name:  name,
		final: final,
		tmp:   tmp,
		f:     f,
		w:     parquet.NewGenericWriter[T](f, opts...),
		limit: limit,
		buf:   make([]T, 0, batchRows),
	}, nil
}

// write adds one row; size is a rough count of the bytes it holds, used to
// cut row groups so that memory stays bounded.
func (t *table[T]) write(r T, size int) error {
	t.buf = append(t.buf, r)
	t.rows++
	t.groupBytes += size
	if len(t.buf) == cap(t.buf) {
		if err := t.drain(); err != nil {
			return err
		}
	}
	if t.groupBytes >= t.limit {
		if err := t.drain(); err != nil {
			return err
		}
		if err := t.w.Flush(); err != nil {
			return fmt.Errorf("output %s: flush row group: %w", t.name, err)
		}
		t.groupBytes = 0
	}
	return nil
}

func (t *table[T]) drain() error {
	if len(t.buf) == 0 {
		return nil
	}
	if _, err := t.w.Write(t.buf); err != nil {
		return fmt.Errorf("output %s: %w", t.name, err)
	}
	clear(t.buf)
	t.buf = t.buf[:0]
	return nil
}

func (t *table[T]) finish() error {
	if err := t.drain(); err != nil {
		t.abort()
		return err
	}
	if err := t.w.Close(); err != nil {
		t.abort()
		return fmt.Errorf("output %s: write footer: %w", t.name, err)
	}
	if err := t.f.Sync(); err != nil {
		t.abort()
		return fmt.Errorf("output %s: %w", t.name, err)
	}
	if err := t.f.Close(); err != nil {
		t.f = nil
		t.abort()
		return fmt.Errorf("output %s: %w", t.name, err)
	}
	t.f = nil
	return nil
}

func (t *table[T]) publish() error {
	if err := os.Rename(t.tmp, t.final); err != nil {
		return fmt.Errorf("output %s: %w", t.name, err)
	}
	return nil
}

func (t *table[T]) count() int64 { return t.rows }

func (t *table[T]) abort() {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
	os.Remove(t.tmp)
}
