package labs

import (
	"fmt"
	"regexp"
	"sort"

	"kubetutor/checks"
)

// defaultNodes binds references before a runner knows the real cluster: the names kind
// gives the tutor's own cluster.
var defaultNodes = KindNodes(DefaultCluster)

// labSource is what a lab's texts were as written.
type labSource struct {
	title, summary Text
	recovery       *Recovery
}

// stepSource is a step as written, its node references unbound.
type stepSource struct {
	instructions Text
	hints        []Text
	solution     []string
	waitReason   Text
	params       []byte // JSON, as the check decodes it
}

// keepSource records the step's texts and params as written (before any binding).
func (s *Step) keepSource(params []byte) {
	src := &stepSource{instructions: s.Instructions, hints: s.Hints, solution: s.Solution, params: params}
	if s.Wait != nil {
		src.waitReason = s.Wait.Reason
	}
	s.src = src
}

// bound returns a copy of the step with its references bound to n; nil when its params
// no longer decode (they decoded at load time, so only a node name that is not a valid
// string could do that).
func (s *Step) bound(n Nodes) *Step {
	b, err := s.bind(n)
	if err != nil {
		return nil
	}
	return b
}

func (s *Step) bind(n Nodes) (*Step, error) {
	if s.src == nil { // built in code, not loaded: nothing to bind
		return s, nil
	}
	out := *s
	out.Instructions = n.ExpandText(s.src.instructions)
	out.Hints = make([]Text, len(s.src.hints))
	for i, h := range s.src.hints {
		out.Hints[i] = n.ExpandText(h)
	}
	out.Solution = make([]string, len(s.src.solution))
	for i, l := range s.src.solution {
		out.Solution[i] = n.Expand(l)
	}
	if s.Wait != nil {
		w := *s.Wait
		w.Reason = n.ExpandText(s.src.waitReason)
		out.Wait = &w
	}
	params, err := checks.Decode(s.Check.ID, []byte(n.Expand(string(s.src.params))))
	if err != nil {
		return nil, fmt.Errorf("step %s: params of check %q with the cluster's node names: %w", s.ID, s.Check.ID, err)
	}
	out.Check = CheckRef{ID: s.Check.ID, Params: params}
	return &out, nil
}

// Bind returns a copy of the lab whose node references name the nodes n: what the
// student reads, the solutions and the check params. The lab itself is not changed.
func (l *Lab) Bind(n Nodes) (*Lab, error) {
	out := *l
	if l.src.title != nil {
		out.Title, out.Summary = n.ExpandText(l.src.title), n.ExpandText(l.src.summary)
	}
	out.Steps = make([]*Step, len(l.Steps))
	for i, s := range l.Steps {
		b, err := s.bind(n)
		if err != nil {
			return nil, fmt.Errorf("lab %s: %w", l.ID, err)
		}
		out.Steps[i] = b
	}
	if l.src.recovery != nil {
		out.Recovery = l.src.recovery.bind(n)
	}
	return &out, nil
}

// literalNode matches a node name of the tutor's own cluster written out.
var literalNode = regexp.MustCompile(`\b` + DefaultCluster + `-(control-plane|worker)[0-9]*\b`)

// textRefs checks the references of every language of t.
func (v *validator) textRefs(t Text, line int) {
	langs := make([]string, 0, len(t))
	for lang := range t {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	for _, lang := range langs {
		v.refsIn(t[lang], line)
	}
}

// refsIn reports malformed references and node names written out in s.
func (v *validator) refsIn(s string, line int) {
	for _, bad := range UnknownRefs(s) {
		v.add(line, "labs.problem.ref.unknown", "Ref", bad, "Known", KnownRefsHelp)
	}
	for _, lit := range dedupe(literalNode.FindAllString(s, -1)) {
		v.add(line, "labs.problem.ref.literal", "Name", lit, "Known", KnownRefsHelp)
	}
}

// nodeRefs checks the references of a step's texts.
func (v *validator) nodeRefs(rs rawStep, at func(...any) int) {
	v.textRefs(rs.Instructions, at("instructions"))
	for h, hint := range rs.Hints {
		v.textRefs(hint, at("hints", h))
	}
	for i, l := range rs.Solution {
		v.refsIn(l, at("solution", i))
	}
	if rs.Wait != nil {
		v.textRefs(rs.Wait.Reason, at("wait", "reason"))
	}
}

// dedupe keeps the first of each string.
func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
