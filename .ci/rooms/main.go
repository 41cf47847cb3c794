// rooms checks the size of the project's rooms: no non-test function over
// 100 lines and no non-test Go file over 800, third_party aside. A room
// that grows past them is a sign that a type or a package is missing.
// Usage: go run ./.ci/rooms [DIR]
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

const (
	maxFuncLines = 100
	maxFileLines = 800
)

func main() {
	root := "."
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	var problems []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "third_party" || name == "node_modules" || strings.HasPrefix(name, ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		p, err := check(path)
		problems = append(problems, p...)
		return err
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "rooms:", err)
		os.Exit(2)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Println("rooms: ok")
}

// check lists the functions of one file over maxFuncLines, and the file
// when it is over maxFileLines.
func check(path string) ([]string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var problems []string
	if n := lineCount(src); n > maxFileLines {
		problems = append(problems, fmt.Sprintf("%s: %d lines (at most %d)", path, n, maxFileLines))
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, 0)
	if err != nil {
		return nil, err
	}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		if n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1; n > maxFuncLines {
			problems = append(problems, fmt.Sprintf("%s:%d: func %s is %d lines (at most %d)", path, fset.Position(fn.Pos()).Line, fn.Name.Name, n, maxFuncLines))
		}
	}
	return problems, nil
}

func lineCount(src []byte) int {
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		n++
	}
	return n
}
