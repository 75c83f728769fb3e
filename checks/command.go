package checks

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"

	"kubetutor/i18n"
	"kubetutor/labs/shell"
)

// CommandParams is a pattern on a command the student ran in the lab shell since the lab
// started: the program, its subcommands in order, positional arguments and flags in any
// order. « kubectl -n kube-system get pods » and « kubectl get pods --namespace=kube-system »
// both match {program: kubectl, subcommands: [get, pods], flags: [{names: [-n,
// --namespace], value: kube-system}]}. For kubectl, a resource's short or singular name
// (po, pod, cs, deploy…) matches its plural.
type CommandParams struct {
	Program     string   `json:"program"`
	Subcommands []string `json:"subcommands,omitempty"`
	// Args must appear among the positional words, in any order.
	Args  []string     `json:"args,omitempty"`
	Flags []FlagParams `json:"flags,omitempty"`
	// AllowFailure accepts a command that exited non-zero.
	AllowFailure bool `json:"allowFailure,omitempty"`
	// ExpectFailure wants the command to exit non-zero (a connection a NetworkPolicy
	// must refuse); a run that succeeded fails the check.
	ExpectFailure bool `json:"expectFailure,omitempty"`
	// Target, when set, is the Service one positional word must name (see
	// TargetParams); with ExpectFailure, the Service must have a ready endpoint, or a
	// refused connection proves nothing.
	Target *TargetParams `json:"target,omitempty"`
	// MinDuration (« 2s ») is how long an expected failure must have run: a policy drops
	// the packets and the client gives up at its timeout, while a mistyped name, a
	// missing pod or a kubectl error fail at once.
	MinDuration string `json:"minDuration,omitempty"`

	minDuration time.Duration
}

// FlagParams is a flag by its names (« -n », « --namespace ») and, when Value is set, the
// value it must carry.
type FlagParams struct {
	Names []string `json:"names"`
	Value string   `json:"value,omitempty"`
}

// Validate checks the pattern.
func (p *CommandParams) Validate() error {
	if p.Program == "" {
		return fmt.Errorf("program is required")
	}
	if p.AllowFailure && p.ExpectFailure {
		return fmt.Errorf("allowFailure and expectFailure exclude each other")
	}
	if p.Target != nil {
		if err := p.Target.validate(); err != nil {
			return err
		}
	}
	if p.MinDuration != "" {
		d, err := time.ParseDuration(p.MinDuration)
		if err != nil || d <= 0 {
			return fmt.Errorf("minDuration %q: want a duration such as 2s", p.MinDuration)
		}
		if !p.ExpectFailure {
			return fmt.Errorf("minDuration needs expectFailure")
		}
		p.minDuration = d
	}
	for _, f := range p.Flags {
		if len(f.Names) == 0 {
			return fmt.Errorf("a flag needs names")
		}
		for _, n := range f.Names {
			if !strings.HasPrefix(n, "-") {
				return fmt.Errorf("flag name %q must start with -", n)
			}
		}
	}
	return nil
}

func commandDeps(p *CommandParams) []Dependency {
	deps := []Dependency{{ShellHistory: true}}
	if p.Target != nil {
		deps = append(deps,
			Dependency{Resource: corev1.SchemeGroupVersion.WithResource("services"), Namespace: p.Target.Namespace},
			Dependency{Resource: discoveryv1.SchemeGroupVersion.WithResource("endpointslices"), Namespace: p.Target.Namespace})
	}
	return deps
}

func runCommand(ctx context.Context, env *Env, p *CommandParams) (Result, error) {
	if env.ShellHistory == "" {
		return Result{}, fmt.Errorf("no shell history record configured")
	}
	recs, err := shell.Read(env.ShellHistory, env.historySince())
	if err != nil {
		return Result{}, err
	}
	var ips []string
	ready := 0
	if p.Target != nil {
		if ips, ready, err = targetState(ctx, env, p.Target); err != nil {
			return Result{}, err
		}
	}
	var failed *shell.Record
	var off *i18n.Message
	for i := len(recs) - 1; i >= 0; i-- {
		if !env.After.IsZero() && recs[i].Started().Before(env.After) {
			continue // started before the steps this one builds on had passed
		}
		for _, argv := range recs[i].Commands() {
			if !p.matches(argv, ips) {
				continue
			}
			if m := offTarget(p.Program, argv, recs[i].Line); m != nil {
				if off == nil {
					off = m
				}
				continue
			}
			if p.ExpectFailure {
				return refusal(env, p, recs[i], ready), nil
			}
			if recs[i].Exit == 0 || p.AllowFailure {
				return Pass(i18n.M("checks.command.seen", "Line", shownLine(recs[i].Line), "Ago", since(env.now(), recs[i].Time))), nil
			}
			if failed == nil {
				failed = &recs[i]
			}
		}
	}
	if failed != nil {
		return Fail(i18n.M("checks.command.failed", "Line", shownLine(failed.Line), "Code", failed.Exit)), nil
	}
	if off != nil {
		return Fail(*off), nil
	}
	want := i18n.M("checks.command.want", "Pattern", p.String())
	if len(recs) > 0 {
		return Wait(want, i18n.M("checks.command.last", "Line", shownLine(recs[len(recs)-1].Line))), nil
	}
	return Wait(want), nil
}

// refusal grades the last run of a command that must be refused.
func refusal(env *Env, p *CommandParams, rec shell.Record, ready int) Result {
	if rec.Exit == 0 {
		return Fail(i18n.M("checks.command.succeeded", "Line", shownLine(rec.Line)))
	}
	if p.minDuration > 0 && rec.Duration() < p.minDuration {
		return Fail(i18n.M("checks.command.tooquick", "Line", shownLine(rec.Line), "Ms", rec.Ms, "Min", p.MinDuration))
	}
	if p.Target != nil && ready == 0 {
		return Fail(i18n.M("checks.command.noendpoints", "Line", shownLine(rec.Line), "Service", p.Target.Service, "Namespace", p.Target.Namespace))
	}
	return Pass(i18n.M("checks.command.refused", "Line", shownLine(rec.Line), "Code", rec.Exit))
}

// Matches reports whether argv (program first) matches the pattern; a Target is named
// by its DNS names only (the check adds the Service's cluster IP).
func (p *CommandParams) Matches(argv []string) bool { return p.matches(argv, nil) }

func (p *CommandParams) matches(argv []string, ips []string) bool {
	if len(argv) == 0 || argv[0] != p.Program {
		return false
	}
	args := argv[1:]
	consumed := make([]bool, len(args))
	for _, f := range p.Flags {
		if !matchFlag(args, consumed, f) {
			return false
		}
	}
	var positional []string
	for i, a := range args {
		if !consumed[i] && (!strings.HasPrefix(a, "-") || a == "-") {
			positional = append(positional, a)
		}
	}
	// Subcommands in order (other words may sit between: values of flags we don't know).
	j := 0
	for _, w := range positional {
		if j < len(p.Subcommands) && sameWord(p.Program, w, p.Subcommands[j]) {
			j++
		}
	}
	if j < len(p.Subcommands) {
		return false
	}
	for _, a := range p.Args {
		if !slices.ContainsFunc(positional, func(w string) bool { return sameWord(p.Program, w, a) }) {
			return false
		}
	}
	if p.Target != nil && !slices.ContainsFunc(positional, func(w string) bool { return p.Target.names(w, ips) }) {
		return false
	}
	return true
}

// matchFlag finds f in args (« --name value », « --name=value », « -nvalue »), marking
// the words it uses.
func matchFlag(args []string, consumed []bool, f FlagParams) bool {
	for i, a := range args {
		for _, n := range f.Names {
			switch {
			case a == n && f.Value == "":
				consumed[i] = true
				return true
			case a == n && i+1 < len(args) && args[i+1] == f.Value:
				consumed[i], consumed[i+1] = true, true
				return true
			case strings.HasPrefix(a, n+"=") && (f.Value == "" || a[len(n)+1:] == f.Value):
				consumed[i] = true
				return true
			case len(n) == 2 && f.Value != "" && a == n+f.Value:
				consumed[i] = true
				return true
			}
		}
	}
	return false
}

// String renders the pattern as a command line (flags with their first name).
func (p *CommandParams) String() string {
	parts := append([]string{p.Program}, p.Subcommands...)
	parts = append(parts, p.Args...)
	if p.Target != nil {
		parts = append(parts, p.Target.String())
	}
	for _, f := range p.Flags {
		s := f.Names[len(f.Names)-1]
		if f.Value != "" {
			s += " " + f.Value
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
