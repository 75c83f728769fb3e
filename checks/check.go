package checks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"kubetutor/i18n"
)

// Status is the outcome of one evaluation of a check.
type Status string

// The statuses a check reports. Pending means the student has not acted yet (nothing to
// grade, or Kubernetes still converging); Failed means what is there is not what the step
// asks for.
const (
	Pending Status = "pending"
	Failed  Status = "failed"
	Passed  Status = "passed"
)

// Result is what a check saw: a status, a localized reason and the evidence behind it
// (« 2/3 nœuds Ready », « kubetutor-worker2 : NotReady depuis 12 s »).
type Result struct {
	Status   Status
	Reason   i18n.Message
	Evidence []i18n.Message
}

// Pass, Fail and Wait build Results.
func Pass(reason i18n.Message, evidence ...i18n.Message) Result {
	return Result{Status: Passed, Reason: reason, Evidence: evidence}
}

// Fail builds a failed Result.
func Fail(reason i18n.Message, evidence ...i18n.Message) Result {
	return Result{Status: Failed, Reason: reason, Evidence: evidence}
}

// Wait builds a pending Result.
func Wait(reason i18n.Message, evidence ...i18n.Message) Result {
	return Result{Status: Pending, Reason: reason, Evidence: evidence}
}

// Dependency is something a check reads: a kind of Kubernetes resource (in one namespace,
// or all when Namespace is empty) or the lab shell's history. The live evaluator re-runs
// the check when one of them changes.
type Dependency struct {
	Resource     schema.GroupVersionResource
	Namespace    string
	ShellHistory bool
}

// Check is one kind of check. Params are decoded strictly from the lab's YAML into the
// check's own typed params at load time; Run then receives that value.
type Check interface {
	// DecodeParams decodes JSON params strictly (unknown fields are errors) and validates
	// them.
	DecodeParams(raw []byte) (any, error)
	// Run grades the cluster. A step not done yet is a Result; an error means the check
	// could not run (API unreachable, forbidden).
	Run(ctx context.Context, env *Env, params any) (Result, error)
	// Dependencies lists what the check reads with these params.
	Dependencies(params any) []Dependency
}

// validator is implemented by params that check themselves beyond decoding.
type validator interface{ Validate() error }

// typed adapts a function over typed params *P to Check.
type typed[P any] struct {
	run  func(ctx context.Context, env *Env, p *P) (Result, error)
	deps func(p *P) []Dependency
}

func define[P any](run func(context.Context, *Env, *P) (Result, error), deps func(*P) []Dependency) Check {
	return typed[P]{run: run, deps: deps}
}

// DecodeParams decodes raw strictly into a new *P and validates it.
func (c typed[P]) DecodeParams(raw []byte) (any, error) {
	p := new(P)
	if len(bytes.TrimSpace(raw)) > 0 && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(p); err != nil {
			return nil, err
		}
	}
	if v, ok := any(p).(validator); ok {
		if err := v.Validate(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Run runs the check on params decoded by DecodeParams.
func (c typed[P]) Run(ctx context.Context, env *Env, params any) (Result, error) {
	p, ok := params.(*P)
	if !ok {
		return Result{}, fmt.Errorf("params of type %T, want %T", params, new(P))
	}
	if env == nil || env.Kube == nil && readsAPI(c.Dependencies(p)) {
		return Result{}, errNoCluster
	}
	return c.run(ctx, env, p)
}

// readsAPI reports whether dependencies include a Kubernetes resource.
func readsAPI(deps []Dependency) bool {
	for _, d := range deps {
		if !d.Resource.Empty() {
			return true
		}
	}
	return false
}

// Dependencies lists what the check reads with params.
func (c typed[P]) Dependencies(params any) []Dependency {
	p, ok := params.(*P)
	if !ok || c.deps == nil {
		return nil
	}
	return c.deps(p)
}

// Lookup returns the check registered under id.
func Lookup(id string) (Check, bool) {
	c, ok := registry[id]
	return c, ok
}

// Decode decodes params for the check id; it is what the lab loader calls.
func Decode(id string, raw []byte) (any, error) {
	c, ok := registry[id]
	if !ok {
		return nil, fmt.Errorf("unknown check %q", id)
	}
	return c.DecodeParams(raw)
}

// since renders how long ago t was, for evidence (« 12 s », « 3 min »).
func since(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case t.IsZero():
		return "?"
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	default:
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
}
