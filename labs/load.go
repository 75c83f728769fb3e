package labs

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
	"kubetutor/internal/validate"
	sigsyaml "sigs.k8s.io/yaml"

	"kubetutor/checks"
	"kubetutor/labs/catalog"
)

// Root is the labs folder in a content root.
const Root = catalog.Root

// FileName is a lab's definition file in its folder.
const FileName = catalog.FileName

// rawLab is lab.yaml as written.
type rawLab struct {
	ID      string    `yaml:"id"`
	Title   Text      `yaml:"title"`
	Summary Text      `yaml:"summary"`
	Section string    `yaml:"section"`
	Needs   Needs     `yaml:"needs"`
	Setup   []string  `yaml:"setup"`
	Steps   []rawStep `yaml:"steps"`
	// Recovery is what a reset puts back on the nodes (see Recovery).
	Recovery *rawRecovery `yaml:"recovery"`
}

type rawStep struct {
	ID           string   `yaml:"id"`
	Instructions Text     `yaml:"instructions"`
	Hints        []Text   `yaml:"hints"`
	Solution     []string `yaml:"solution"`
	Requires     []string `yaml:"requires"`
	Check        struct {
		ID     string    `yaml:"id"`
		Params yaml.Node `yaml:"params"`
	} `yaml:"check"`
	Wait *struct {
		After  string `yaml:"after"`
		Reason Text   `yaml:"reason"`
	} `yaml:"wait"`
}

var idPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)

// List returns the ids of the labs in the content root fsys, sorted.
func List(fsys fs.FS) ([]string, error) { return catalog.List(fsys) }

// LoadAll loads and validates every lab of fsys. Problems of all labs are gathered in
// one *ValidationError.
func LoadAll(fsys fs.FS) ([]*Lab, error) {
	ids, err := List(fsys)
	if err != nil {
		return nil, err
	}
	var all []*Lab
	var problems Problems
	for _, id := range ids {
		lab, err := Load(fsys, id)
		var ve *ValidationError
		switch {
		case errors.As(err, &ve):
			problems = append(problems, ve.Problems...)
		case err != nil:
			return nil, err
		default:
			all = append(all, lab)
		}
	}
	if len(problems) > 0 {
		return all, &ValidationError{Problems: problems}
	}
	return all, nil
}

// Load loads and validates the lab id of fsys. Content problems come back as a
// *ValidationError listing each with its file and line.
func Load(fsys fs.FS, id string) (*Lab, error) {
	dir := path.Join(Root, id)
	file := path.Join(dir, FileName)
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	v := &validator{file: file}
	var raw rawLab
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		if ps, ok := validate.YAMLProblems(file, err); ok {
			for _, p := range ps { // in the student's language (kubetutor validate)
				v.problems = append(v.problems, Problem{File: file, Line: p.Line, Msg: p.Msg.String(), Message: p.Msg})
			}
			return nil, v.err()
		}
		v.add(yamlErrLine(err), "labs.problem.yaml", "Err", strings.TrimPrefix(err.Error(), "yaml: "))
		return nil, v.err()
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	v.root = &root

	lab := &Lab{ID: raw.ID, Title: raw.Title, Summary: raw.Summary, Section: raw.Section, Needs: raw.Needs, Dir: dir}
	switch {
	case raw.ID == "":
		v.add(v.line("id"), "labs.problem.id.required")
	case raw.ID != id:
		v.add(v.line("id"), "labs.problem.id.folder", "ID", raw.ID, "Folder", id)
	case !idPattern.MatchString(raw.ID):
		v.add(v.line("id"), "labs.problem.id.form", "ID", raw.ID)
	}
	v.text(raw.Title, "title")
	if raw.Summary != nil {
		v.text(raw.Summary, "summary")
	}
	v.textRefs(raw.Title, v.line("title"))
	v.textRefs(raw.Summary, v.line("summary"))
	lab.src = labSource{title: raw.Title, summary: raw.Summary}
	lab.Title, lab.Summary = defaultNodes.ExpandText(raw.Title), defaultNodes.ExpandText(raw.Summary)
	lab.sectionLine = v.line("section")
	if raw.Section == "" {
		v.add(v.line(), "labs.problem.section.required")
	}
	switch raw.Needs {
	case NeedsNodeAccess, NeedsAnyCluster:
	default:
		v.add(v.line("needs"), "labs.problem.needs", "Needs", raw.Needs, "A", NeedsNodeAccess, "B", NeedsAnyCluster)
	}
	for i, f := range raw.Setup {
		objs, problems := parseManifests(fsys, path.Join(dir, f))
		if problems != nil {
			for _, p := range problems {
				if p.File == "" {
					p.File, p.Line = file, v.line("setup", i)
				}
				v.problems = append(v.problems, p)
			}
			continue
		}
		lab.Setup = append(lab.Setup, objs...)
	}
	sortForApply(lab.Setup)
	if rec := v.recovery(raw.Recovery, raw.Needs); rec != nil {
		lab.src.recovery, lab.Recovery = rec, rec.bind(defaultNodes)
	}
	if len(raw.Steps) == 0 {
		v.add(v.line(), "labs.problem.nosteps")
	}
	seen := map[string]bool{}
	for i, rs := range raw.Steps {
		st := v.step(i, rs, lab.Needs)
		if st == nil {
			continue
		}
		if seen[st.ID] {
			v.add(v.line("steps", i, "id"), "labs.problem.step.twice", "ID", st.ID)
		}
		seen[st.ID] = true
		lab.Steps = append(lab.Steps, st)
	}
	v.requires(raw.Steps)
	if err := v.err(); err != nil {
		return nil, err
	}
	return lab, nil
}

// step validates one raw step and converts it.
func (v *validator) step(i int, rs rawStep, needs Needs) *Step {
	at := func(p ...any) int { return v.line(append([]any{"steps", i}, p...)...) }
	ok := true
	if !idPattern.MatchString(rs.ID) {
		v.add(at("id"), "labs.problem.step.form", "ID", rs.ID)
		ok = false
	}
	v.text(rs.Instructions, "steps", i, "instructions")
	for h, hint := range rs.Hints {
		v.text(hint, "steps", i, "hints", h)
	}
	v.nodeRefs(rs, at)
	st := &Step{ID: rs.ID, Instructions: rs.Instructions, Hints: rs.Hints, Solution: rs.Solution, Requires: rs.Requires, Check: CheckRef{ID: rs.Check.ID}}
	if rs.Wait != nil {
		d, err := time.ParseDuration(rs.Wait.After)
		if err != nil || d <= 0 {
			v.add(at("wait", "after"), "labs.problem.wait", "After", rs.Wait.After)
			ok = false
		}
		v.text(rs.Wait.Reason, "steps", i, "wait", "reason")
		st.Wait = &Wait{After: d, Reason: rs.Wait.Reason}
	}
	if _, known := checks.Lookup(rs.Check.ID); !known {
		v.add(at("check", "id"), "labs.problem.check.unknown", "ID", rs.Check.ID, "Known", strings.Join(checks.IDs(), ", "))
		return nil
	}
	if checks.NeedsNodeAccess(rs.Check.ID) && needs != NeedsNodeAccess {
		v.add(at("check", "id"), "labs.problem.check.nodes", "ID", rs.Check.ID, "Needs", NeedsNodeAccess)
		ok = false
	}
	raw, err := paramsJSON(&rs.Check.Params)
	if err == nil {
		v.refsIn(string(raw), at("check"))
		st.Check.Params, err = checks.Decode(rs.Check.ID, []byte(defaultNodes.Expand(string(raw))))
	}
	if err != nil {
		line := rs.Check.Params.Line
		if line == 0 {
			line = at("check")
		}
		v.add(line, "labs.problem.params", "ID", rs.Check.ID, "Err", err.Error())
		ok = false
	}
	if !ok {
		return nil
	}
	st.keepSource(raw)
	return st.bound(defaultNodes)
}

// paramsJSON converts a params YAML node to JSON for the check's strict decoder.
func paramsJSON(n *yaml.Node) ([]byte, error) {
	if n.Kind == 0 {
		return nil, nil
	}
	y, err := yaml.Marshal(n)
	if err != nil {
		return nil, err
	}
	return sigsyaml.YAMLToJSON(y)
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

func yamlErrLine(err error) int {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// Problem is one defect of some content, at a file and line.
type Problem struct {
	File string
	Line int
	Msg  string
	// Message, when set, is Msg in a localizable form (YAML errors).
	Message i18n.Message
}

// String renders the problem as file:line: message.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is a list of content defects.
type Problems []Problem

// ValidationError lists every defect found in some content.
type ValidationError struct{ Problems Problems }

// Error lists the problems, one a line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
