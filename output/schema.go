package output

import (
	"reflect"
	"strings"
	"time"
)

// Column documents one output column.
type Column struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Nullable bool   `json:"nullable"`
	Doc      string `json:"doc"`
}

// TableSchema documents one output table.
type TableSchema struct {
	Name    string   `json:"name"`
	Doc     string   `json:"doc"`
	Columns []Column `json:"columns"`
}

// Schema describes every output table, read from the row types' tags so
// that it cannot drift from what is written.
func Schema() []TableSchema {
	return []TableSchema{
		describe(TableDocuments, "one row per article", reflect.TypeFor[DocumentRow]()),
		describe(TableSentences, "one row per sentence", reflect.TypeFor[SentenceRow]()),
		describe(TableTokens, "one row per token", reflect.TypeFor[TokenRow]()),
		describe(TableEntities, "one row per entity mention", reflect.TypeFor[EntityRow]()),
		describe(TableQuotes, "one row per attribution, with its claim/denial label", reflect.TypeFor[QuoteRow]()),
		describe(TableErrors, "one row per input record (or source) that could not be annotated", reflect.TypeFor[ErrorRow]()),
	}
}

func describe(name, doc string, t reflect.Type) TableSchema {
	ts := TableSchema{Name: name, Doc: doc}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("parquet")
		col, _, _ := strings.Cut(tag, ",")
		typ, nullable := typeName(f.Type, tag)
		ts.Columns = append(ts.Columns, Column{Name: col, Type: typ, Nullable: nullable, Doc: f.Tag.Get("doc")})
	}
	return ts
}

// typeName renders a Go field type as the Parquet logical type a reader
// sees.
func typeName(t reflect.Type, tag string) (string, bool) {
	nullable := false
	if t.Kind() == reflect.Pointer {
		nullable = true
		t = t.Elem()
	}
	if t == reflect.TypeFor[time.Time]() {
		return "timestamp(us, UTC)", nullable
	}
	switch t.Kind() {
	case reflect.String:
		return "string", nullable
	case reflect.Int32:
		return "int32", nullable
	case reflect.Int64:
		return "int64", nullable
	case reflect.Float32:
		return "float", nullable
	case reflect.Float64:
		return "double", nullable
	case reflect.Bool:
		return "boolean", nullable
	case reflect.Slice:
		elem, _ := typeName(t.Elem(), "")
		return "list<" + elem + ">", nullable
	case reflect.Struct:
		var parts []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			col, _, _ := strings.Cut(f.Tag.Get("parquet"), ",")
			ft, _ := typeName(f.Type, "")
			parts = append(parts, col+" "+ft)
		}
		return "struct<" + strings.Join(parts, ", ") + ">", nullable
	}
	return t.String(), nullable
}
