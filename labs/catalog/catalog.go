// Package catalog is the light side of the lab format: the list of a content root's labs
// with their titles, summaries, what cluster they need and their steps, read from
// lab.yaml without the lab engine. The home screen, « kubetutor lab list » and the
// progress report use it, so the light kubetutor binary lists labs without linking the
// checks (client-go). Validation stays in package labs: Load here is lenient, and a lab
// it cannot read is reported as an error for the caller to hand over to the full binary,
// which says what is wrong, line by line.
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
)

// Root is the labs folder in a content root.
const Root = "labs"

// FileName is a lab's definition file in its folder.
const FileName = "lab.yaml"

// DefaultCluster is the name of the tutor's own cluster, whose kind node names the
// references of titles take before a runner knows the real cluster.
const DefaultCluster = "kubetutor"

// Needs says what cluster a lab requires.
type Needs string

// The kinds of cluster a lab can need.
const (
	// NeedsNodeAccess: a kind cluster made by kubetutor (the lab reaches inside nodes).
	NeedsNodeAccess Needs = "node-access"
	// NeedsAnyCluster: any conformant cluster reachable through a kubeconfig.
	NeedsAnyCluster Needs = "any-cluster"
)

// Text is a text in several languages, by language code; French is always there.
type Text map[string]string

// In returns the text in lang, or the French one when lang has none.
func (t Text) In(lang i18n.Lang) string {
	if s, ok := t[string(lang)]; ok && s != "" {
		return s
	}
	return t[string(i18n.FR)]
}

// Lab is what the catalog knows of a lab.
type Lab struct {
	ID      string
	Title   Text
	Summary Text
	Section string
	Needs   Needs
	// Steps are the ids of the lab's steps, in order.
	Steps []string
}

// rawLab is the part of lab.yaml the catalog reads.
type rawLab struct {
	ID      string `yaml:"id"`
	Title   Text   `yaml:"title"`
	Summary Text   `yaml:"summary"`
	Section string `yaml:"section"`
	Needs   Needs  `yaml:"needs"`
	Steps   []struct {
		ID string `yaml:"id"`
	} `yaml:"steps"`
}

// ErrUnreadable marks a lab the catalog cannot list: the full loader (labs.Load) says why.
var ErrUnreadable = errors.New("lab not listable")

// List returns the ids of the labs in the content root fsys, sorted.
func List(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, Root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join(Root, e.Name(), FileName)); err == nil {
			ids = append(ids, e.Name())
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// LoadAll returns every lab of fsys, in id order. When a lab is not well formed enough
// to list, the others still come back, with an error that wraps ErrUnreadable.
func LoadAll(fsys fs.FS) ([]*Lab, error) {
	ids, err := List(fsys)
	if err != nil {
		return nil, err
	}
	all := make([]*Lab, 0, len(ids))
	var errs []error
	for _, id := range ids {
		l, err := Load(fsys, id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		all = append(all, l)
	}
	return all, errors.Join(errs...)
}

// Load reads the lab id of fsys.
func Load(fsys fs.FS, id string) (*Lab, error) {
	file := path.Join(Root, id, FileName)
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	var raw rawLab
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", file, ErrUnreadable, err)
	}
	if raw.ID != id || raw.Title[string(i18n.FR)] == "" || len(raw.Steps) == 0 ||
		(raw.Needs != NeedsNodeAccess && raw.Needs != NeedsAnyCluster) {
		return nil, fmt.Errorf("%s: %w", file, ErrUnreadable)
	}
	l := &Lab{ID: raw.ID, Title: expandText(raw.Title), Summary: expandText(raw.Summary),
		Section: raw.Section, Needs: raw.Needs}
	for _, s := range raw.Steps {
		if s.ID == "" {
			return nil, fmt.Errorf("%s: %w", file, ErrUnreadable)
		}
		l.Steps = append(l.Steps, s.ID)
	}
	return l, nil
}

// Statuses a step gets in the progress store. A step passed after its solution was
// revealed is « solved with help ». Once passed, a step stays passed in the store.
const (
	StatusPending        = "pending"
	StatusFailed         = "failed"
	StatusError          = "error"
	StatusPassed         = "passed"
	StatusSolvedWithHelp = "solved-with-help"
)

// Solved says whether a step's recorded status counts as done (passed, or passed after
// the solution was shown).
func Solved(status string) bool {
	return status == StatusPassed || status == StatusSolvedWithHelp
}

// CountSolved counts the steps of stepIDs that p records as solved. It is the one
// definition of « steps done » that the home screen, kubetutor lab list and kubetutor
// progress use; p may be nil.
func CountSolved(stepIDs []string, p *progress.Lab) int {
	if p == nil {
		return 0
	}
	n := 0
	for _, id := range stepIDs {
		if r := p.Steps[id]; r != nil && Solved(r.Status) {
			n++
		}
	}
	return n
}

// nodeRef is a well-formed node reference, as package labs parses it.
var nodeRef = regexp.MustCompile(`\{\{node:(control-plane|worker)([1-9][0-9]?)?\}\}`)

// expandText binds the node references of t to the tutor's own cluster's node names, as
// labs.Load does before a runner knows the cluster.
func expandText(t Text) Text {
	if t == nil {
		return nil
	}
	out := make(Text, len(t))
	for lang, s := range t {
		out[lang] = nodeRef.ReplaceAllStringFunc(s, func(ref string) string {
			m := nodeRef.FindStringSubmatch(ref)
			if m[2] == "1" {
				return ref // worker1 is spelled worker, as kind names it
			}
			if m[2] != "" {
				n, _ := strconv.Atoi(m[2])
				return DefaultCluster + "-" + m[1] + strconv.Itoa(n)
			}
			return DefaultCluster + "-" + m[1]
		})
	}
	return out
}
