// Package labs is the lab engine: the lab format (a folder with lab.yaml and the
// manifests it applies), its loader and validator, and the runner that applies a lab's
// setup, grades its steps with checks, follows the cluster live and records progress.
package labs

import (
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"kubetutor/labs/catalog"
)

// Needs says what cluster a lab requires (defined with the light catalog).
type Needs = catalog.Needs

// The kinds of cluster a lab can need.
const (
	// NeedsNodeAccess: a kind cluster made by kubetutor (the lab reaches inside nodes).
	NeedsNodeAccess = catalog.NeedsNodeAccess
	// NeedsAnyCluster: any conformant cluster reachable through a kubeconfig.
	NeedsAnyCluster = catalog.NeedsAnyCluster
)

// Text is a text in several languages, by language code; French is always there.
type Text = catalog.Text

// Lab is a validated lab.
type Lab struct {
	ID      string
	Title   Text
	Summary Text
	// Section is the id of the chapter section the lab belongs to.
	Section string
	Needs   Needs
	// Setup holds the objects of the setup manifests, in apply order.
	Setup []*unstructured.Unstructured
	Steps []*Step
	// Dir is the lab's folder in the content root.
	Dir string
	// Recovery, when set, is what a reset puts back on the nodes (labs that break them).
	Recovery *Recovery

	sectionLine int       // where lab.yaml names the section, for validation
	src         labSource // the texts as written, node references unbound
}

// Step is one graded step of a lab.
type Step struct {
	ID           string
	Instructions Text // Markdown
	Hints        []Text
	Solution     []string // shell commands
	Check        CheckRef
	// Requires lists earlier steps whose evidence this one builds on: the step cannot
	// pass before they have, and the shell commands it grades count only from the
	// moment the last of them passed (« from-other » needs the allowed client to have
	// reached the target under the policy first).
	Requires []string
	// Wait, when set, is how long Kubernetes is expected to take before the check can
	// pass, and why (« le contrôleur de nœuds attend ~20 s »).
	Wait *Wait

	src *stepSource // the step as written, node references unbound
}

// CheckRef is a check id and its decoded, typed params.
type CheckRef struct {
	ID     string
	Params any
}

// Wait is an expected delay and its reason.
type Wait struct {
	After  time.Duration
	Reason Text
}

// Step returns the step with id, or nil.
func (l *Lab) Step(id string) *Step {
	for _, s := range l.Steps {
		if s.ID == id {
			return s
		}
	}
	return nil
}
