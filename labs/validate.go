package labs

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
)

// validator gathers the problems of one lab.yaml with their lines.
type validator struct {
	file     string
	root     *yaml.Node
	problems Problems
}

// add records a problem at line: the message id of the labproblems catalogs and its key,
// value pairs, kept localizable (Message) and rendered in English (Msg).
func (v *validator) add(line int, id string, kv ...any) {
	m := i18n.M(id, kv...)
	v.problems = append(v.problems, Problem{File: v.file, Line: line, Msg: m.String(), Message: m})
}

func (v *validator) err() error {
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

// line returns the line of the node at path (mapping keys and sequence indexes), or of
// the deepest node found on the way.
func (v *validator) line(path ...any) int {
	if v.root == nil {
		return 0
	}
	n := v.root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, p := range path {
		next := child(n, p)
		if next == nil {
			break
		}
		n = next
	}
	return n.Line
}

func child(n *yaml.Node, p any) *yaml.Node {
	switch key := p.(type) {
	case string:
		if n.Kind != yaml.MappingNode {
			return nil
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1]
			}
		}
	case int:
		if n.Kind == yaml.SequenceNode && key < len(n.Content) {
			return n.Content[key]
		}
	}
	return nil
}

// text checks a localized text: French present, only known languages.
func (v *validator) text(t Text, path ...any) {
	if t[string(i18n.FR)] == "" {
		v.add(v.line(path...), "labs.problem.text.fr", "Path", pathString(path))
	}
	for lang := range t {
		if _, ok := i18n.ParseLang(lang); !ok || lang != string(mustLang(lang)) {
			v.add(v.line(path...), "labs.problem.text.lang", "Path", pathString(path), "Lang", lang)
		}
	}
}

func mustLang(s string) i18n.Lang {
	l, _ := i18n.ParseLang(s)
	return l
}

func pathString(path []any) string {
	s := ""
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if s != "" {
				s += "."
			}
			s += p
		case int:
			s += fmt.Sprintf("[%d]", p)
		}
	}
	return s
}
