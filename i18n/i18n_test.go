package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name     string
		explicit string
		env      map[string]string
		want     Lang
	}{
		{"default is French", "", nil, FR},
		{"flag wins", "en", map[string]string{"KUBETUTOR_LANG": "fr", "LANG": "fr_FR.UTF-8"}, EN},
		{"KUBETUTOR_LANG before LC_ALL", "", map[string]string{"KUBETUTOR_LANG": "en", "LC_ALL": "fr_FR"}, EN},
		{"LC_ALL before LANG", "", map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, EN},
		{"LC_MESSAGES before LANG", "", map[string]string{"LC_MESSAGES": "en_US", "LANG": "fr_FR"}, EN},
		{"LANG alone", "", map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{"C locale falls back to French", "", map[string]string{"LANG": "C.UTF-8"}, FR},
		{"unsupported language falls back to French", "", map[string]string{"LANG": "de_DE.UTF-8"}, FR},
		{"bad KUBETUTOR_LANG is skipped", "", map[string]string{"KUBETUTOR_LANG": "xx", "LANG": "en_US"}, EN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := detect(tt.explicit, func(k string) string { return tt.env[k] })
			if got != tt.want {
				t.Errorf("detect(%q, %v) = %q, want %q", tt.explicit, tt.env, got, tt.want)
			}
		})
	}
}

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	fr, err := MessageIDs(FR)
	if err != nil {
		t.Fatal(err)
	}
	en, err := MessageIDs(EN)
	if err != nil {
		t.Fatal(err)
	}
	if len(fr) == 0 {
		t.Fatal("no French messages")
	}
	inFR := map[string]bool{}
	for _, id := range fr {
		inFR[id] = true
	}
	inEN := map[string]bool{}
	for _, id := range en {
		inEN[id] = true
		if !inFR[id] {
			t.Errorf("message %q is in English but missing in French", id)
		}
	}
	for _, id := range fr {
		if !inEN[id] {
			t.Errorf("message %q is in French but missing in English", id)
		}
	}
}

func TestEveryMessageRenders(t *testing.T) {
	for _, l := range Langs {
		ids, err := MessageIDs(l)
		if err != nil {
			t.Fatal(err)
		}
		tr := New(l)
		for _, id := range ids {
			if got := tr.T(id, map[string]any{}); strings.HasPrefix(got, "[") && strings.HasSuffix(got, "]") && got == "["+id+"]" {
				t.Errorf("%s: message %q does not render", l, id)
			}
		}
	}
}

// TestFrenchTypography checks the rules of French typography in the French catalog: a
// non-breaking space before « : ; ? ! » and inside guillemets.
func TestFrenchTypography(t *testing.T) {
	files, err := fs.Glob(catalogs, "locales/*.fr.toml")
	if err != nil {
		t.Fatal(err)
	}
	tmpl := regexp.MustCompile(`\{\{.*?\}\}`)
	for _, f := range files {
		data, _ := catalogs.ReadFile(f)
		for n, line := range strings.Split(string(data), "\n") {
			// Only the value: skip the key and the quoting.
			if i := strings.Index(line, "= "); i >= 0 && strings.HasPrefix(strings.TrimSpace(line), `"`) {
				line = line[i+2:]
			}
			line = tmpl.ReplaceAllString(line, "X")
			for _, bad := range typographyFaults(line) {
				t.Errorf("%s:%d: %s in %q", f, n+1, bad, line)
			}
		}
	}
}

func typographyFaults(s string) []string {
	var faults []string
	r := []rune(s)
	for i, c := range r {
		switch c {
		case ':', ';', '?', '!':
			// Punctuation that ends a clause (followed by a space or the end of the text).
			ends := i+1 == len(r) || unicode.IsSpace(r[i+1]) || r[i+1] == '"'
			if !ends || i == 0 {
				continue
			}
			if r[i-1] != '\u00a0' && r[i-1] != '\u202f' {
				faults = append(faults, "no non-breaking space before "+string(c))
			}
		case '«':
			if i+1 < len(r) && r[i+1] != '\u00a0' && r[i+1] != '\u202f' {
				faults = append(faults, "no non-breaking space after «")
			}
		case '»':
			if i > 0 && r[i-1] != '\u00a0' && r[i-1] != '\u202f' {
				faults = append(faults, "no non-breaking space before »")
			}
		}
	}
	return faults
}

func TestTypographyFaultsCatchesMistakes(t *testing.T) {
	if len(typographyFaults("Erreur : x")) == 0 {
		t.Error("a plain space before : was not reported")
	}
	if len(typographyFaults("« x »")) != 2 {
		t.Error("plain spaces inside guillemets were not reported")
	}
	if got := typographyFaults("Erreur\u00a0: «\u00a0x\u00a0» 10:30 http://x"); len(got) != 0 {
		t.Errorf("correct text reported: %v", got)
	}
}

// TestEveryMessageIsUsed fails when a catalog holds a message no Go file of the module
// names as a string literal: dead text drifts out of date.
func TestEveryMessageIsUsed(t *testing.T) {
	ids, err := MessageIDs(FR)
	if err != nil {
		t.Fatal(err)
	}
	used := literalsInModule(t, "..")
	for _, id := range ids {
		if !used[id] {
			t.Errorf("message %q is not used by any Go file", id)
		}
	}
}

// literalsInModule returns every string literal of the module's non-test Go files.
func literalsInModule(t *testing.T, root string) map[string]bool {
	t.Helper()
	lits := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "testdata" || d.Name() == "tools") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, p, src, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if s, err := strconv.Unquote(bl.Value); err == nil {
					lits[s] = true
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lits
}
