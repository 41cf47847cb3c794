package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version and commit are set at build time by the Makefile
// (-ldflags "-X main.version=… -X main.commit=…").
var (
	version = "dev"
	commit  = "unknown"
)

// buildInfo describes the binary for `newsnlp version` and the manifest.
type buildInfo struct {
	Version      string `json:"version"`
	Commit       string `json:"commit"`
	ProseVersion string `json:"prose_version"`
	GoVersion    string `json:"go_version"`
}

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, ProseVersion: "unknown", GoVersion: runtime.Version()}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/jdkato/prose/v3" {
				b.ProseVersion = d.Version
			}
		}
		if b.Commit == "unknown" {
			for _, s := range info.Settings {
				if s.Key == "vcs.revision" {
					b.Commit = s.Value
				}
			}
		}
	}
	return b
}

// describe is the version and the commit, the commit said once: a build
// from an untagged commit has the commit as its version (a70ef57-dirty).
func (b buildInfo) describe() string {
	short := b.Commit
	if len(short) > 7 {
		short = short[:7]
	}
	if b.Commit == "unknown" || strings.Contains(b.Version, short) {
		return b.Version
	}
	return fmt.Sprintf("%s (commit %s)", b.Version, b.Commit)
}

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print newsnlp's version, commit and prose version",
		Args:  needArgs(false),
		RunE: func(*cobra.Command, []string) error {
			b := currentBuild()
			fmt.Fprintf(stdout, "newsnlp %s\nprose %s\n%s\n", b.describe(), b.ProseVersion, b.GoVersion)
			return nil
		},
	}
}
