package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Export formats.
const (
	ExportCSV   = "csv"
	ExportJSONL = "jsonl"
)

// ExportFormats lists the formats Export writes.
var ExportFormats = []string{ExportCSV, ExportJSONL}

// Export writes tables of the output in out to dir, one file per table
// (TABLE.csv or TABLE.jsonl), with the same columns, in the same order,
// as the Parquet tables. In JSONL every value keeps its type: offsets are
// integers, nulls are null, lists and zones are arrays. In CSV nulls are
// empty fields, and lists and zones are JSON text. Each file is written
// beside its final name and renamed into place, so a failed export leaves
// no partial file. It returns the rows written per table.
func Export(out, dir, format string, tables []string) (map[string]int64, error) {
	if format != ExportCSV && format != ExportJSONL {
		return nil, fmt.Errorf("unknown export format %q (want csv or jsonl)", format)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	counts := map[string]int64{}
	for _, t := range tables {
		n, err := exportTable(out, dir, format, t)
		if err != nil {
			return counts, err
		}
		counts[t] = n
	}
	return counts, nil
}

func exportTable(out, dir, format, table string) (int64, error) {
	switch table {
	case TableDocuments:
		return exportRows[DocumentRow](out, dir, format, table)
	case TableSentences:
		return exportRows[SentenceRow](out, dir, format, table)
	case TableTokens:
		return exportRows[TokenRow](out, dir, format, table)
	case TableEntities:
		return exportRows[EntityRow](out, dir, format, table)
	case TableQuotes:
		return exportRows[QuoteRow](out, dir, format, table)
	case TableErrors:
		return exportRows[ErrorRow](out, dir, format, table)
	}
	return 0, fmt.Errorf("unknown table %q (tables: %s)", table, strings.Join(Tables, ", "))
}

func exportRows[T Row](out, dir, format, table string) (n int64, err error) {
	final := filepath.Join(dir, table+"."+format)
	f, err := os.CreateTemp(dir, "."+table+".*.tmp")
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	enc := newRowEncoder(reflect.TypeFor[T](), format, bw)
	if err := enc.header(); err != nil {
		return 0, err
	}
	err = ReadRows(out, table, func(r *T) error {
		n++
		return enc.row(reflect.ValueOf(r).Elem())
	})
	if err != nil {
		return n, err
	}
	if err := enc.flush(); err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, err
	}
	if err := f.Close(); err != nil {
		return n, err
	}
	return n, os.Rename(f.Name(), final)
}

// rowEncoder writes rows of one table type as CSV or JSONL.
type rowEncoder struct {
	names  []string // column names, from the parquet tags
	format string
	w      io.Writer
	csv    *csv.Writer
	buf    bytes.Buffer
	fields []string
}

func newRowEncoder(t reflect.Type, format string, w io.Writer) *rowEncoder {
	e := &rowEncoder{names: columnNames(t), format: format, w: w}
	if format == ExportCSV {
		e.csv = csv.NewWriter(w)
		e.fields = make([]string, len(e.names))
	}
	return e
}

func columnNames(t reflect.Type) []string {
	names := make([]string, t.NumField())
	for i := range names {
		names[i], _, _ = strings.Cut(t.Field(i).Tag.Get("parquet"), ",")
	}
	return names
}

func (e *rowEncoder) header() error {
	if e.csv != nil {
		return e.csv.Write(e.names)
	}
	return nil
}

func (e *rowEncoder) flush() error {
	if e.csv != nil {
		e.csv.Flush()
		return e.csv.Error()
	}
	return nil
}

func (e *rowEncoder) row(v reflect.Value) error {
	if e.csv != nil {
		for i := range e.names {
			e.fields[i] = csvValue(v.Field(i))
		}
		return e.csv.Write(e.fields)
	}
	e.buf.Reset()
	e.buf.WriteByte('{')
	for i, name := range e.names {
		if i > 0 {
			e.buf.WriteByte(',')
		}
		writeJSONString(&e.buf, name)
		e.buf.WriteByte(':')
		writeJSONValue(&e.buf, v.Field(i))
	}
	e.buf.WriteString("}\n")
	_, err := e.w.Write(e.buf.Bytes())
	return err
}

var timeType = reflect.TypeFor[time.Time]()

// writeJSONValue writes one column value as JSON, keeping its type.
func writeJSONValue(b *bytes.Buffer, v reflect.Value) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == timeType:
		writeJSONString(b, v.Interface().(time.Time).UTC().Format(time.RFC3339Nano))
	case v.Kind() == reflect.String:
		writeJSONString(b, v.String())
	case v.Kind() == reflect.Int32 || v.Kind() == reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case v.Kind() == reflect.Float32:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 32))
	case v.Kind() == reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case v.Kind() == reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case v.Kind() == reflect.Slice:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONValue(b, v.Index(i))
		}
		b.WriteByte(']')
	case v.Kind() == reflect.Struct:
		b.WriteByte('{')
		for i, name := range columnNames(v.Type()) {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, name)
			b.WriteByte(':')
			writeJSONValue(b, v.Field(i))
		}
		b.WriteByte('}')
	default:
		b.WriteString("null")
	}
}

func writeJSONString(b *bytes.Buffer, s string) {
	enc, _ := json.Marshal(s) // a string always marshals
	b.Write(enc)
}

// csvValue is one column value as a CSV field: null is empty, lists and
// structs are JSON text.
func csvValue(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.String:
		return v.String()
	case v.Kind() == reflect.Slice || (v.Kind() == reflect.Struct && v.Type() != timeType):
		var b bytes.Buffer
		writeJSONValue(&b, v)
		return b.String()
	}
	var b bytes.Buffer
	writeJSONValue(&b, v)
	return strings.Trim(b.String(), `"`)
}
