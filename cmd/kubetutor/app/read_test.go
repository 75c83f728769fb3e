package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs kubetutor with args in French (unless args say otherwise) and returns its
// exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("KUBETUTOR_HOME", t.TempDir())
	t.Setenv("KUBETUTOR_LANG", "fr")
	var out, errOut bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestReadPrints(t *testing.T) {
	code, out, errOut := run(t, "read", "00", "--width", "100")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"# 00. Architecture de Kubernetes", "## 11. Points clés à retenir", "ETCDCTL_API=3", "Unité d’orchestration"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "{#") || strings.Contains(out, "\x1b[") {
		t.Error("output holds an id marker or ANSI codes (stdout is not a terminal: notty style)")
	}
	for _, l := range strings.Split(out, "\n") {
		if w := len([]rune(l)); w > 100 {
			t.Errorf("line wider than 100 columns (%d): %q", w, l)
			break
		}
	}
}

func TestReadSection(t *testing.T) {
	code, out, errOut := run(t, "read", "00", "--section", "2.2", "--print")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "### 2.2 etcd") || !strings.Contains(out, "Raft") || strings.Contains(out, "2.3 kube-scheduler") {
		t.Errorf("section 2.2 printed wrong:\n%s", out)
	}
	code, out, _ = run(t, "read", "--section", "00-04-reseau", "--style", "dark")
	if code != 0 || !strings.Contains(out, "4.3") || !strings.Contains(out, "\x1b[") {
		t.Errorf("section 4 with subsections in dark style: exit %d\n%s", code, out)
	}
}

func TestReadBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown chapter", []string{"read", "42"}, []string{"chapitre inconnu «\u00a042\u00a0»", "00"}},
		{"unknown section", []string{"read", "00", "--section", "99"}, []string{"section inconnue «\u00a099\u00a0»", "00-02-02-etcd"}},
		{"unknown section in English", []string{"--lang", "en", "read", "00", "--section", "nope"}, []string{"unknown section “nope”", "00-11-a-retenir"}},
		{"bad style", []string{"read", "--style", "pink"}, []string{"style inconnu"}},
		{"bad width", []string{"read", "--width", "5"}, []string{"largeur 5"}},
		{"two chapters", []string{"read", "00", "01"}, []string{"au plus un chapitre"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stdout %q)", code, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
		})
	}
}

func TestReadBadCourseDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut := run(t, "--course", dir, "read")
	if code != 2 || !strings.Contains(errOut, filepath.Join(dir, "course/manifest.yaml")) {
		t.Errorf("missing manifest: exit %d, %q", code, errOut)
	}
	write("course/manifest.yaml", "chapters:\n  - id: \"01\"\n    file: fr/01.md\n")
	code, _, errOut = run(t, "--course", dir, "read")
	if code != 2 || !strings.Contains(errOut, "manifest.yaml:2") || !strings.Contains(errOut, "fr/01.md") {
		t.Errorf("absent chapter: exit %d, %q", code, errOut)
	}
	write("course/fr/01.md", "# 01. T {#01}\n\n## 1. Bad {#Bad Id}\n")
	code, _, errOut = run(t, "--course", dir, "read")
	if code != 2 || !strings.Contains(errOut, "01.md:3") {
		t.Errorf("malformed id: exit %d, %q", code, errOut)
	}
	write("course/fr/01.md", "# 01. T {#01}\n\n## 1. Une {#une}\n\nCaf\xe9\n")
	code, _, errOut = run(t, "--course", dir, "read")
	if code != 2 || !strings.Contains(errOut, "01.md:5") || !strings.Contains(errOut, "UTF-8") {
		t.Errorf("non-UTF-8: exit %d, %q", code, errOut)
	}
	write("course/fr/01.md", "# 01. T {#01}\n\n## 1. Une {#une}\n\nTexte du formateur.\n")
	code, out, errOut := run(t, "--course", dir, "read", "01", "--section", "1")
	if code != 0 || !strings.Contains(out, "Texte du formateur.") {
		t.Errorf("instructor chapter: exit %d, %q %q", code, out, errOut)
	}
}
