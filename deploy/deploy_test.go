// Package deploy_test checks the deployment examples in this folder: the
// Kubernetes Indexed Job parses and runs newsnlp as the README says, and
// the Dockerfile's build command builds a static binary that accepts the
// Job's arguments.
package deploy_test

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type job struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Spec       struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int    `yaml:"completions"`
		Parallelism    int    `yaml:"parallelism"`
		Template       struct {
			Spec struct {
				RestartPolicy   string `yaml:"restartPolicy"`
				SecurityContext struct {
					RunAsNonRoot bool `yaml:"runAsNonRoot"`
					RunAsUser    int  `yaml:"runAsUser"`
				} `yaml:"securityContext"`
				Containers []struct {
					Name  string   `yaml:"name"`
					Image string   `yaml:"image"`
					Args  []string `yaml:"args"`
				} `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

func readJob(t *testing.T) job {
	t.Helper()
	b, err := os.ReadFile("k8s-indexed-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var j job
	if err := yaml.Unmarshal(b, &j); err != nil {
		t.Fatalf("k8s-indexed-job.yaml: %v", err)
	}
	return j
}

func TestIndexedJob(t *testing.T) {
	j := readJob(t)
	s := j.Spec
	if j.APIVersion != "batch/v1" || j.Kind != "Job" || s.CompletionMode != "Indexed" {
		t.Errorf("want a batch/v1 Job with completionMode Indexed; got %s %s %s", j.APIVersion, j.Kind, s.CompletionMode)
	}
	if s.Completions < 2 || s.Parallelism < 1 || s.Parallelism > s.Completions {
		t.Errorf("completions %d, parallelism %d", s.Completions, s.Parallelism)
	}
	ps := s.Template.Spec
	if ps.RestartPolicy != "Never" || !ps.SecurityContext.RunAsNonRoot || ps.SecurityContext.RunAsUser == 0 {
		t.Errorf("want restartPolicy Never and a non-root user; got %q, %+v", ps.RestartPolicy, ps.SecurityContext)
	}
	if len(ps.Containers) != 1 {
		t.Fatalf("%d containers; want 1", len(ps.Containers))
	}
	args := ps.Containers[0].Args
	if len(args) == 0 || args[0] != "annotate" {
		t.Fatalf("args %v: want annotate …", args)
	}
	i := slices.Index(args, "--shards")
	if i < 0 || i+1 >= len(args) {
		t.Fatalf("args %v: want --shards N", args)
	}
	if n, err := strconv.Atoi(args[i+1]); err != nil || n != s.Completions {
		t.Errorf("--shards %s but completions %d: every index must be a shard", args[i+1], s.Completions)
	}
	if !slices.Contains(args, "--resume") {
		t.Error("want --resume, so that a retried pod continues its shard")
	}
}

// TestDockerfileBuild runs the Dockerfile's go build command, checks the
// binary is static, and runs it with the Job's arguments as pod 3 would
// (JOB_COMPLETION_INDEX=3), on a small corpus in place of /data.
func TestDockerfileBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	df, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)RUN (CGO_ENABLED=0 go build .*?\./cmd/newsnlp)`).FindSubmatch(df)
	if m == nil {
		t.Fatal("Dockerfile: no 'CGO_ENABLED=0 go build … ./cmd/newsnlp' step")
	}
	line := strings.ReplaceAll(string(m[1]), "\\\n", " ")
	line = strings.ReplaceAll(line, "${VERSION}", "test")
	line = strings.ReplaceAll(line, "${COMMIT}", "test")
	dir := t.TempDir()
	bin := filepath.Join(dir, "newsnlp")
	line = strings.Replace(line, "-o /out/newsnlp", "-o "+bin, 1)
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary asks for a dynamic loader: it is not static, and distroless/static cannot run it")
		}
	}
	f.Close()

	in := filepath.Join(dir, "data", "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	var corpus strings.Builder
	for i := 0; i < 40; i++ {
		corpus.WriteString(`{"id": "a` + strconv.Itoa(i) + `", "text": "The mayor said the bridge would open on Monday."}` + "\n")
	}
	if err := os.WriteFile(filepath.Join(in, "news.jsonl"), []byte(corpus.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, a := range readJob(t).Spec.Template.Spec.Containers[0].Args {
		switch {
		case strings.HasPrefix(a, "/data/in/"):
			a = filepath.Join(in, "*.jsonl")
		case strings.HasPrefix(a, "/data/"):
			a = filepath.Join(dir, strings.TrimPrefix(a, "/"))
		}
		args = append(args, a)
	}
	run := exec.Command(bin, args...)
	run.Env = append(os.Environ(), "JOB_COMPLETION_INDEX=3")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("newsnlp %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "out", "manifest-shard-00003-of-00008.json")); err != nil {
		t.Errorf("pod 3 wrote no shard manifest: %v\n%s", err, out)
	}
}
