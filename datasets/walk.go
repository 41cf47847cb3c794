package datasets

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// walk lists the files of a folder argument that hold articles, in lexical
// order: hidden files and folders, files of unknown format, files matching
// Options.Exclude, and README, LICENSE and the like are passed over.
func (c *Corpus) walk(root string) ([]source, error) {
	var out []source
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// A subdirectory that cannot be listed becomes one source that
			// fails to open, so it is reported rather than lost.
			out = append(out, source{name: p, path: p, format: FormatTXT})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == root {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if strings.HasPrefix(name, ".") || c.excluded(name, rel) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		f := c.formatOf(p)
		if f == "" {
			return nil
		}
		if isReadme(name) {
			c.skip("readme_file")
			return nil
		}
		s := source{name: p, path: p, format: f, inFolder: true, idBase: rel}
		if fi, err := d.Info(); err == nil {
			s.size = fi.Size()
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("input %q: %w", root, err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].path < out[j].path })
	if len(out) == 0 {
		return nil, fmt.Errorf("input %q: %w (the folder holds no .jsonl, .json, .csv, .tsv, .txt, .html, .warc or .parquet file that is not excluded)", root, ErrNoInput)
	}
	return out, nil
}

// excluded tells whether a file or folder matches one of Options.Exclude,
// by its base name or its path relative to the folder argument.
func (c *Corpus) excluded(name, rel string) bool {
	for _, pat := range c.opts.Exclude {
		pat = filepath.ToSlash(pat)
		if ok, _ := path.Match(pat, name); ok {
			return true
		}
		if ok, _ := path.Match(pat, filepath.ToSlash(rel)); ok {
			return true
		}
	}
	return false
}

// readmeNames are the base names (before any extension, any case) of files
// that come with a corpus but are not articles.
var readmeNames = map[string]bool{"readme": true, "license": true, "licence": true, "copying": true,
	"changelog": true, "authors": true, "notice": true, "contributing": true}

func isReadme(name string) bool {
	base := strings.ToLower(name)
	if i := strings.IndexByte(base, '.'); i >= 0 {
		base = base[:i]
	}
	return readmeNames[base]
}

// disambiguate gives sources that would share an idBase (news.jsonl from
// two folders) their paths relative to the folder their absolute paths
// have in common (2023/news.jsonl, 2024/news.jsonl), which still do not
// depend on how the paths were typed. A .txt file or web page found in a
// folder, whose doc_id is its idBase, takes the longer path as doc_id too.
func disambiguate(srcs []source) {
	byBase := map[string][]int{}
	for i, s := range srcs {
		if s.path != "" && s.idBase != "" {
			byBase[s.idBase] = append(byBase[s.idBase], i)
		}
	}
	for _, idx := range byBase {
		if len(idx) < 2 {
			continue
		}
		abs := make([]string, len(idx))
		for k, i := range idx {
			a, err := filepath.Abs(srcs[i].path)
			if err != nil {
				a = srcs[i].path
			}
			abs[k] = a
		}
		common := filepath.Dir(abs[0])
		for _, a := range abs[1:] {
			for common != filepath.Dir(common) && !strings.HasPrefix(a, common+string(filepath.Separator)) {
				common = filepath.Dir(common)
			}
		}
		for k, i := range idx {
			if rel, err := filepath.Rel(common, abs[k]); err == nil {
				srcs[i].idBase = filepath.ToSlash(rel)
			}
		}
	}
}
