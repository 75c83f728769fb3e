package app

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/i18n"
)

func readGzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGendocsWritesManPagesInBothLanguagesAndCompletions(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.FR, "")
	dir := t.TempDir()
	if err := runGendocs(deps, &gendocsOptions{dir: dir, date: "2026-12-01T09:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), dir) {
		t.Errorf("output %q does not say where", out)
	}
	en := readGzip(t, filepath.Join(dir, "man/man1/kubetutor.1.gz"))
	fr := readGzip(t, filepath.Join(dir, "man/fr/man1/kubetutor.1.gz"))
	for _, want := range []string{".SH NAME", ".SH SYNOPSIS", "Terminal tutor for the course", "Dec 2026", "kubetutor-version(1)"} {
		if !strings.Contains(en, want) {
			t.Errorf("English page lacks %q:\n%s", want, en)
		}
	}
	for _, want := range []string{".SH NOM", ".SH VOIR AUSSI", "Architecture de Kubernetes", "kubetutor-doctor(1)"} {
		if !strings.Contains(fr, want) {
			t.Errorf("French page lacks %q:\n%s", want, fr)
		}
	}
	if strings.Contains(fr, ".SH NAME") || strings.Contains(fr, ".SH SEE ALSO") {
		t.Error("French page keeps English section names")
	}
	version := readGzip(t, filepath.Join(dir, "man/fr/man1/kubetutor-version.1.gz"))
	if !strings.Contains(version, "--json") || !strings.Contains(version, "JSON") {
		t.Errorf("kubetutor-version(1) lacks its --json flag:\n%s", version)
	}
	// One page per command a student can run (subcommands too), none for hidden ones.
	pages, _ := filepath.Glob(filepath.Join(dir, "man/man1/*.1.gz"))
	frPages, _ := filepath.Glob(filepath.Join(dir, "man/fr/man1/*.1.gz"))
	if len(pages) < 15 || len(pages) != len(frPages) {
		t.Errorf("%d English pages, %d French", len(pages), len(frPages))
	}
	if _, err := os.Stat(filepath.Join(dir, "man/man1/kubetutor-gendocs.1.gz")); err == nil {
		t.Error("the hidden gendocs command got a page")
	}
	if _, err := os.Stat(filepath.Join(dir, "man/man1/kubetutor-cluster-up.1.gz")); err != nil {
		t.Errorf("no page for a subcommand: %v", err)
	}
	for name, want := range map[string]string{
		"kubetutor.bash": "__start_kubetutor", "_kubetutor": "#compdef kubetutor", "kubetutor.fish": "complete -c kubetutor",
	} {
		b, err := os.ReadFile(filepath.Join(dir, "completions", name))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("completion %s: %v, lacks %q", name, err, want)
		}
	}
}

func TestGendocsIsReproducible(t *testing.T) {
	deps, _ := clusterTestDeps(t, i18n.EN, "")
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := runGendocs(deps, &gendocsOptions{dir: d, date: "2026-12-01T09:00:00Z"}); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "man/man1/kubetutor-lab.1.gz"))
	y, _ := os.ReadFile(filepath.Join(b, "man/man1/kubetutor-lab.1.gz"))
	if len(x) == 0 || string(x) != string(y) {
		t.Error("two runs with one date wrote different bytes")
	}
}

func TestGendocsBadInput(t *testing.T) {
	code, _, errOut := runCLI(t, t.TempDir(), "", "gendocs", t.TempDir(), "--date", "hier")
	if code != i18n.ExitUsage || !strings.Contains(errOut, "date «\u00a0hier\u00a0» illisible") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, t.TempDir(), "", "gendocs", "--lang", "en")
	if code != i18n.ExitUsage || !strings.Contains(errOut, "one argument") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "a-file")
	writeTestFile(t, file, "x")
	code, _, errOut = runCLI(t, t.TempDir(), "", "gendocs", file, "--lang", "en")
	if code != i18n.ExitFailure || !strings.Contains(errOut, "could not write the documentation") {
		t.Errorf("into a file: exit %d, stderr %q", code, errOut)
	}
}
