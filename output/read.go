package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/parquet-go/parquet-go"
)

// Row is any of the table row types.
type Row interface {
	DocumentRow | SentenceRow | TokenRow | EntityRow | QuoteRow | ErrorRow
}

// ErrNoTable is wrapped when an output has no part file for a table.
var ErrNoTable = errors.New("no such table in the output")

// PartFiles lists a table's part files in OUT, in name order (which is the
// order rows were written within a run, and shard order across shards).
func PartFiles(dir, table string) ([]string, error) {
	parts, err := filepath.Glob(filepath.Join(dir, table, "*.parquet"))
	if err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("%s: %w (%s)", dir, ErrNoTable, table)
	}
	sort.Strings(parts)
	return parts, nil
}

// ReadRows streams every row of one table of OUT to fn, part file by part
// file, in order, holding one batch of rows in memory at a time. fn may not
// keep the row's slices past the call.
func ReadRows[T Row](dir, table string, fn func(*T) error) error {
	parts, err := PartFiles(dir, table)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if err := readPart(p, fn); err != nil {
			return err
		}
	}
	return nil
}

func readPart[T Row](path string, fn func(*T) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := parquet.NewGenericReader[T](f)
	defer r.Close()
	buf := make([]T, 256)
	for {
		n, err := r.Read(buf)
		for i := 0; i < n; i++ {
			if ferr := fn(&buf[i]); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
}

// CountRows sums the row counts in the footers of part files, reading no
// rows.
func CountRows(parts []string) (int64, error) {
	var n int64
	for _, p := range parts {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return 0, err
		}
		pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
		if err != nil {
			f.Close()
			return 0, fmt.Errorf("%s: %w", p, err)
		}
		n += pf.NumRows()
		f.Close()
	}
	return n, nil
}
