package quiz

import (
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kubetutor/internal/validate"
)

// Load reads and parses the quiz at name in fsys. See Parse.
func Load(fsys fs.FS, name string) (*Quiz, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Parse decodes a quiz file and checks everything that does not depend on the chapter
// (fields, types, answers, explanations, unique ids). On problems it returns a partial quiz
// and a validate.Problems error whose entries name file and line.
func Parse(file string, data []byte) (*Quiz, error) {
	p := &parser{file: file}
	z := p.parse(data)
	if len(p.probs) == 0 {
		p.probs = append(p.probs, check(z)...)
	}
	p.probs.Sort()
	return z, p.probs.Err()
}

type parser struct {
	file  string
	probs validate.Problems
}

func (p *parser) add(line int, id string, kv ...any) {
	p.probs.Add(p.file, line, id, kv...)
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func (p *parser) parse(data []byte) *Quiz {
	z := &Quiz{File: p.file}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if ps, ok := validate.YAMLProblems(p.file, err); ok {
			p.probs = append(p.probs, ps...) // in the student's language
		} else {
			line := 0
			if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
				line, _ = strconv.Atoi(m[1])
			}
			p.add(line, "validate.quiz.syntax", "Detail", strings.TrimPrefix(err.Error(), "yaml: "))
		}
		return z
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.add(1, "validate.quiz.empty")
		return z
	}
	root := doc.Content[0]
	if !p.want(root, yaml.MappingNode, "quiz", "validate.quiz.want.mapping") {
		return z
	}
	var questions *yaml.Node
	eachField(root, func(k, v *yaml.Node) {
		switch k.Value {
		case "chapter":
			z.Chapter = p.scalar(v, "chapter")
		case "questions":
			questions = v
		default:
			p.add(k.Line, "validate.quiz.unknown.field", "Field", k.Value, "Known", "chapter, questions")
		}
	})
	if z.Chapter == "" {
		p.add(root.Line, "validate.quiz.missing.field", "Field", "chapter")
	}
	if questions == nil {
		p.add(root.Line, "validate.quiz.missing.field", "Field", "questions")
		return z
	}
	if !p.want(questions, yaml.SequenceNode, "questions", "validate.quiz.want.list") {
		return z
	}
	for _, n := range questions.Content {
		if q := p.question(n); q != nil {
			z.Questions = append(z.Questions, q)
		}
	}
	if len(z.Questions) == 0 && len(p.probs) == 0 {
		p.add(questions.Line, "validate.quiz.empty")
	}
	return z
}

// eachField calls fn with each key and value of a mapping node.
func eachField(m *yaml.Node, fn func(k, v *yaml.Node)) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		fn(m.Content[i], m.Content[i+1])
	}
}

// want reports a problem when n is not of kind, and follows aliases it cannot hold.
func (p *parser) want(n *yaml.Node, kind yaml.Kind, field, msg string) bool {
	if n.Kind == kind {
		return true
	}
	p.add(n.Line, msg, "Field", field)
	return false
}

func (p *parser) scalar(n *yaml.Node, field string) string {
	if !p.want(n, yaml.ScalarNode, field, "validate.quiz.want.text") {
		return ""
	}
	return strings.TrimSpace(n.Value)
}

func (p *parser) number(n *yaml.Node, field string) float64 {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	}
	p.add(n.Line, "validate.quiz.want.number", "Field", field)
	return 0
}

func (p *parser) boolean(n *yaml.Node, field string) bool {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	}
	p.add(n.Line, "validate.quiz.want.bool", "Field", field)
	return false
}

// text reads a Text: a plain string (French) or a mapping with fr and en.
func (p *parser) text(n *yaml.Node, field string) Text {
	switch n.Kind {
	case yaml.ScalarNode:
		return Text{FR: strings.TrimSpace(n.Value)}
	case yaml.MappingNode:
		var t Text
		eachField(n, func(k, v *yaml.Node) {
			switch k.Value {
			case "fr":
				t.FR = p.scalar(v, field+".fr")
			case "en":
				t.EN = p.scalar(v, field+".en")
			default:
				p.add(k.Line, "validate.quiz.unknown.field", "Field", k.Value, "Known", "fr, en")
			}
		})
		if t.FR == "" {
			p.add(n.Line, "validate.quiz.missing.field", "Field", field+".fr")
		}
		return t
	}
	p.add(n.Line, "validate.quiz.want.text", "Field", field)
	return Text{}
}

func (p *parser) list(n *yaml.Node, field string) []*yaml.Node {
	if !p.want(n, yaml.SequenceNode, field, "validate.quiz.want.list") {
		return nil
	}
	return n.Content
}
