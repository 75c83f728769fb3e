package app

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/assets"
)

// copyContent writes the embedded content into a directory, with edits by file.
func copyContent(t *testing.T, edits map[string]func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(assets.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets.FS, p)
		if err != nil {
			return err
		}
		if edit, ok := edits[p]; ok {
			data = []byte(edit(string(data)))
			delete(edits, p)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		return os.WriteFile(filepath.Join(dir, p), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(edits) != 0 {
		t.Fatalf("no such files: %v", edits)
	}
	return dir
}

// replaceLine replaces line n (1-based) of s.
func replaceLine(n int, with string) func(string) string {
	return func(s string) string {
		lines := strings.Split(s, "\n")
		lines[n-1] = with
		return strings.Join(lines, "\n")
	}
}

// kubetutor validate reports every problem of every file in one run (two in the chapter,
// the quiz, two labs), each as file:line and a message in the student's language: no
// English parser text.
func TestValidateReportsEveryProblemOfEveryFile(t *testing.T) {
	dir := copyContent(t, map[string]func(string) string{
		"course/fr/00-architecture.md": func(s string) string {
			s = strings.Replace(s, " {#00-02-plan-controle}", "", 1)
			return strings.Replace(s, " {#00-02-02-etcd}", "", 1)
		},
		"course/fr/00-architecture.quiz.yaml": replaceLine(2, "questions: [oops"),
		"labs/hpa/lab.yaml":                   replaceLine(3, "title: : : x"),
		"labs/netpol/lab.yaml":                replaceLine(3, "title: {fr: x"),
	})
	for _, lang := range []string{"fr", "en"} {
		code, out, errOut := run(t, "validate", dir, "--lang", lang)
		if code != 1 {
			t.Fatalf("%s: exit %d, want 1: %s", lang, code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		files := map[string]int{}
		for _, l := range lines {
			for _, f := range []string{"00-architecture.md:", "00-architecture.quiz.yaml:", "hpa/lab.yaml:3", "netpol/lab.yaml:"} {
				if strings.Contains(l, f) {
					files[f]++
				}
			}
			for _, english := range []string{"could not", "did not", "line ", "found", "mapping values"} {
				if lang == "fr" && strings.Contains(l, english) {
					t.Errorf("fr: English parser text %q in %q", english, l)
				}
			}
		}
		if files["00-architecture.md:"] != 2 || files["00-architecture.quiz.yaml:"] != 1 || files["hpa/lab.yaml:3"] != 1 || files["netpol/lab.yaml:"] != 1 {
			t.Errorf("%s: not every problem of every file (%v):\n%s", lang, files, out)
		}
	}
}
