package quiz

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// fieldsOf lists the fields each type accepts beyond the common ones.
var fieldsOf = map[Type][]string{
	Single:   {"choices"},
	Multiple: {"choices"},
	Ordering: {"items"},
	Numeric:  {"answer", "tolerance", "unit"},
	Short:    {"accepted", "match"},
	Open:     {"model_answer", "rubric"},
}

var commonFields = []string{"id", "section", "type", "tags", "prompt", "explanation"}

// question reads one question; it returns nil when the node is not a mapping.
func (p *parser) question(n *yaml.Node) *Question {
	if !p.want(n, yaml.MappingNode, "questions[]", "validate.quiz.want.mapping") {
		return nil
	}
	q := &Question{Line: n.Line, lines: map[string]int{}}
	eachField(n, func(k, v *yaml.Node) {
		q.lines[k.Value] = k.Line
		switch k.Value {
		case "id":
			q.ID = p.scalar(v, "id")
		case "section":
			q.Section = p.scalar(v, "section")
		case "type":
			q.Type = Type(p.scalar(v, "type"))
		case "tags":
			for _, t := range p.list(v, "tags") {
				if s := p.scalar(t, "tags[]"); s != "" {
					q.Tags = append(q.Tags, s)
				}
			}
		case "prompt":
			q.Prompt = p.text(v, "prompt")
		case "explanation":
			q.Explanation = p.text(v, "explanation")
		case "choices":
			for _, c := range p.list(v, "choices") {
				q.Choices = append(q.Choices, p.choice(c))
			}
		case "items":
			for _, it := range p.list(v, "items") {
				q.Items = append(q.Items, p.text(it, "items[]"))
			}
		case "answer":
			q.Answer = p.number(v, "answer")
		case "tolerance":
			q.Tolerance = p.number(v, "tolerance")
		case "unit":
			q.Unit = p.text(v, "unit")
		case "accepted":
			for _, a := range p.list(v, "accepted") {
				q.Accepted = append(q.Accepted, p.scalar(a, "accepted[]"))
			}
		case "match":
			q.Match = Match(p.scalar(v, "match"))
		case "model_answer":
			q.Model = p.text(v, "model_answer")
		case "rubric":
			for _, r := range p.list(v, "rubric") {
				q.Rubric = append(q.Rubric, p.text(r, "rubric[]"))
			}
		default:
			p.add(k.Line, "validate.quiz.unknown.field", "Field", k.Value, "Known", knownFields(q.Type))
		}
	})
	p.checkFieldsOfType(q)
	return q
}

func (p *parser) choice(n *yaml.Node) Choice {
	var c Choice
	if !p.want(n, yaml.MappingNode, "choices[]", "validate.quiz.want.mapping") {
		return c
	}
	eachField(n, func(k, v *yaml.Node) {
		switch k.Value {
		case "fr":
			c.Text.FR = p.scalar(v, "choices[].fr")
		case "en":
			c.Text.EN = p.scalar(v, "choices[].en")
		case "correct":
			c.Correct = p.boolean(v, "correct")
		default:
			p.add(k.Line, "validate.quiz.unknown.field", "Field", k.Value, "Known", "fr, en, correct")
		}
	})
	if c.Text.FR == "" {
		p.add(n.Line, "validate.quiz.missing.field", "Field", "choices[].fr")
	}
	return c
}

// checkFieldsOfType reports a known type's field used on a question of another type.
func (p *parser) checkFieldsOfType(q *Question) {
	if _, ok := fieldsOf[q.Type]; !ok {
		return // reported by check
	}
	allowed := map[string]bool{}
	for _, f := range knownList(q.Type) {
		allowed[f] = true
	}
	for f, line := range q.lines {
		if !allowed[f] && isTypeField(f) {
			p.add(line, "validate.quiz.field.unused", "Field", f, "Type", string(q.Type))
		}
	}
}

func isTypeField(f string) bool {
	for _, fs := range fieldsOf {
		for _, x := range fs {
			if x == f {
				return true
			}
		}
	}
	return false
}

func knownList(t Type) []string {
	return append(append([]string{}, commonFields...), fieldsOf[t]...)
}

func knownFields(t Type) string {
	if _, ok := fieldsOf[t]; ok {
		return strings.Join(knownList(t), ", ")
	}
	all := append([]string{}, commonFields...)
	for _, ty := range Types {
		all = append(all, fieldsOf[ty]...)
	}
	return strings.Join(dedupe(all), ", ")
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
