package syntax

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/newsnlp/newsnlp/annotate/perceptron"
)

// Models are the tagger, lemmatiser and parser, loaded together.
type Models struct {
	Tagger     *Tagger
	Lemmatiser *Lemmatiser
	Parser     *Parser
	// Clusters are the word classes the tagger and parser read; nil when
	// they were trained without unlabelled text.
	Clusters *Clusters
}

// Annotate tags, lemmatises and parses s.
func (m *Models) Annotate(s *Sentence) {
	m.Tagger.Tag(s)
	m.Lemmatiser.Lemmatise(s)
	m.Parser.Parse(s)
}

//go:embed model/syntax.model
var embedded []byte

// ErrNoModel is returned when no trained syntax model is embedded.
var ErrNoModel = errors.New("no trained syntax model is embedded (run make train-syntax)")

var modelMagic = []byte("newsnlp syntax 1\n")

// Embedded loads the models built into newsnlp.
func Embedded() (*Models, error) { return Load(embedded) }

// Load reads models written by Write.
func Load(b []byte) (*Models, error) {
	r, closeFn, err := perceptron.Stream("syntax model", modelMagic, b, ErrNoModel)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	m, err := readModels(r)
	if err != nil {
		return nil, fmt.Errorf("syntax model: %w", err)
	}
	return m, nil
}

// Write writes the models, compressed; the same models give the same bytes.
func (m *Models) Write(w io.Writer) error {
	var raw bytes.Buffer
	raw.Write(modelMagic)
	m.Clusters.write(&raw)
	t := m.Tagger
	writeStrings(&raw, t.xpos)
	writeStrings(&raw, t.upos)
	if _, err := t.model.WriteTo(&raw); err != nil {
		return err
	}
	dictKeys := sortedKeys(t.dict)
	writeStrings(&raw, dictKeys)
	for _, k := range dictKeys {
		binary.Write(&raw, binary.LittleEndian, t.dict[k])
	}
	ambKeys := sortedKeys(t.amb)
	writeStrings(&raw, ambKeys)
	for _, k := range ambKeys {
		binary.Write(&raw, binary.LittleEndian, t.amb[k])
	}
	l := m.Lemmatiser
	tableKeys := sortedKeys(l.table)
	writeStrings(&raw, tableKeys)
	for _, k := range tableKeys {
		writeStrings(&raw, []string{l.table[k]})
	}
	writeStrings(&raw, l.scripts)
	if _, err := l.model.WriteTo(&raw); err != nil {
		return err
	}
	p := m.Parser
	writeStrings(&raw, p.labels)
	if _, err := p.moves.WriteTo(&raw); err != nil {
		return err
	}
	if _, err := p.labeler.WriteTo(&raw); err != nil {
		return err
	}
	z, err := perceptron.Compress(raw.Bytes())
	if err != nil {
		return err
	}
	_, err = w.Write(z)
	return err
}

func readModels(r io.Reader) (*Models, error) {
	clusters, err := readClusters(r)
	if err != nil {
		return nil, err
	}
	t := &Tagger{dict: map[string]int32{}, amb: map[string]uint64{}, clusters: clusters}
	if t.xpos, err = readStrings(r); err != nil {
		return nil, err
	}
	if t.upos, err = readStrings(r); err != nil {
		return nil, err
	}
	if t.model, err = perceptron.ReadSparse(r); err != nil {
		return nil, err
	}
	if err := readMap(r, t.dict); err != nil {
		return nil, err
	}
	if err := readMap(r, t.amb); err != nil {
		return nil, err
	}
	for _, v := range t.dict {
		if int(v) >= len(t.xpos) || v < 0 {
			return nil, errors.New("tag dictionary: tag out of range")
		}
	}
	l := &Lemmatiser{table: map[string]string{}, vocab: clusters}
	keys, err := readStrings(r)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		v, err := readStrings(r)
		if err != nil || len(v) != 1 || !validScript(v[0]) {
			return nil, errors.New("lemma table: bad entry")
		}
		l.table[k] = v[0]
	}
	if l.scripts, err = readStrings(r); err != nil {
		return nil, err
	}
	for _, s := range l.scripts {
		if !validScript(s) || strings.HasPrefix(s, "=") {
			return nil, errors.New("lemma scripts: bad script")
		}
	}
	if l.model, err = perceptron.ReadSparse(r); err != nil {
		return nil, err
	}
	p := &Parser{clusters: clusters}
	if p.labels, err = readStrings(r); err != nil {
		return nil, err
	}
	p.root = slices.Index(p.labels, "root")
	if p.moves, err = perceptron.ReadHashed(r); err != nil {
		return nil, err
	}
	if p.labeler, err = perceptron.ReadSparse(r); err != nil {
		return nil, err
	}
	if p.root < 0 || p.moves.Classes() != moveCount || p.labeler.Classes() != len(p.labels) ||
		t.model.Classes() != len(t.xpos) || len(t.upos) != len(t.xpos) || l.model.Classes() != len(l.scripts) {
		return nil, errors.New("models disagree on their classes")
	}
	return &Models{Tagger: t, Lemmatiser: l, Parser: p, Clusters: clusters}, nil
}

func validScript(s string) bool {
	return strings.HasPrefix(s, "=") || len(s) >= 2 && (s[0] == 'k' || s[0] == 'l') && s[1] >= '0' && s[1] <= '0'+40
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func writeStrings(w *bytes.Buffer, ss []string) {
	binary.Write(w, binary.LittleEndian, uint32(len(ss)))
	for _, s := range ss {
		binary.Write(w, binary.LittleEndian, uint16(len(s)))
		w.WriteString(s)
	}
}

func readStrings(r io.Reader) ([]string, error) {
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	if n > 1<<24 {
		return nil, errors.New("string list too long")
	}
	out := make([]string, 0, min(n, 1<<16))
	for range n {
		var l uint16
		if err := binary.Read(r, binary.LittleEndian, &l); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		out = append(out, string(b))
	}
	return out, nil
}

func readMap[V int32 | uint64](r io.Reader, m map[string]V) error {
	keys, err := readStrings(r)
	if err != nil {
		return err
	}
	for _, k := range keys {
		var v V
		if err := binary.Read(r, binary.LittleEndian, &v); err != nil {
			return io.ErrUnexpectedEOF
		}
		m[k] = v
	}
	return nil
}

// Describe says how big each model is, for the training log.
func (m *Models) Describe() string {
	classes := "no word classes"
	if c := m.Clusters; c != nil && len(c.Of) > 0 {
		classes = fmt.Sprintf("word classes %v of %d words", c.Sizes, len(c.Of[0]))
	}
	return classes + fmt.Sprintf("; tagger %d tags, %d features, %d dictionary words; lemmatiser %d table entries, %d scripts, %d features; parser %d relations, %d move features, %d label features",
		len(m.Tagger.xpos), m.Tagger.model.Features(), len(m.Tagger.dict), len(m.Lemmatiser.table), len(m.Lemmatiser.scripts), m.Lemmatiser.model.Features(),
		len(m.Parser.labels), m.Parser.moves.Features(), m.Parser.labeler.Features())
}

// write writes the classes: the granularities, then per granularity the
// (hash, class) pairs in hash order. nil writes no granularities.
func (c *Clusters) write(w *bytes.Buffer) {
	if c == nil {
		binary.Write(w, binary.LittleEndian, uint32(0))
		return
	}
	binary.Write(w, binary.LittleEndian, uint32(len(c.Sizes)))
	for g, size := range c.Sizes {
		binary.Write(w, binary.LittleEndian, uint32(size))
		keys := make([]uint64, 0, len(c.Of[g]))
		for k := range c.Of[g] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		binary.Write(w, binary.LittleEndian, uint32(len(keys)))
		for _, k := range keys {
			binary.Write(w, binary.LittleEndian, k)
			binary.Write(w, binary.LittleEndian, c.Of[g][k])
		}
	}
}

func readClusters(r io.Reader) (*Clusters, error) {
	var n uint32
	if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	if n == 0 {
		return nil, nil
	}
	if n > 8 {
		return nil, errors.New("word classes: too many granularities")
	}
	c := &Clusters{}
	for range n {
		var size, count uint32
		if binary.Read(r, binary.LittleEndian, &size) != nil || binary.Read(r, binary.LittleEndian, &count) != nil {
			return nil, io.ErrUnexpectedEOF
		}
		buf := make([]byte, 10*int(min(count, 1<<24)))
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		m := make(map[uint64]uint16, count)
		for i := range int(count) {
			m[binary.LittleEndian.Uint64(buf[10*i:])] = binary.LittleEndian.Uint16(buf[10*i+8:])
		}
		c.Sizes = append(c.Sizes, int(size))
		c.Of = append(c.Of, m)
	}
	return c, nil
}
