package validate

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
)

// yaml.v3's errors come out at their line, in the student's language.
func TestYAMLProblemsAreLocalized(t *testing.T) {
	for _, tt := range []struct {
		doc  string
		line int
		id   string
	}{
		{"a: b\nc\nd: e\n", 2, "yamlerr.colon"},
		{"a: b: c\n", 0, "yamlerr.mapping"},
		{"a: [x\n", 0, "yamlerr.flow"},
		{"a:\n\t- b\n", 2, "yamlerr.token"},
	} {
		var v any
		err := yaml.Unmarshal([]byte(tt.doc), &v)
		ps, ok := YAMLProblems("f.yaml", err)
		if !ok || len(ps) != 1 || ps[0].Msg.ID != tt.id || (tt.line > 0 && ps[0].Line != tt.line) || ps[0].File != "f.yaml" {
			t.Errorf("%q: %v → %+v (ok %v), want %s at line %d", tt.doc, err, ps, ok, tt.id, tt.line)
			continue
		}
		if fr := i18n.New(i18n.FR).Msg(ps[0].Msg); !strings.HasPrefix(fr, "YAML invalide") || strings.Contains(fr, "line") {
			t.Errorf("%q: French message %q", tt.doc, fr)
		}
	}
	// Type errors: one problem per field, at its line.
	var into struct {
		Name  string `yaml:"name"`
		Count int    `yaml:"count"`
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte("name: x\ncount: many\nchapter: 3\n")))
	dec.KnownFields(true)
	ps, ok := YAMLProblems("f.yaml", dec.Decode(&into))
	if !ok || len(ps) != 2 || ps[0].Msg.ID != "yamlerr.type" || ps[0].Line != 2 || ps[1].Msg.ID != "yamlerr.field" || ps[1].Line != 3 {
		t.Errorf("type errors: %+v", ps)
	}
	if _, ok := YAMLProblems("f.yaml", nil); ok {
		t.Error("no error is a YAML problem")
	}
}
