package checks

import (
	"context"
	"fmt"
	"slices"
	"strings"

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

func commandDeps(*CommandParams) []Dependency { return []Dependency{{ShellHistory: true}} }

func runCommand(_ context.Context, env *Env, p *CommandParams) (Result, error) {
	if env.ShellHistory == "" {
		return Result{}, fmt.Errorf("no shell history record configured")
	}
	recs, err := shell.Read(env.ShellHistory, env.historySince())
	if err != nil {
		return Result{}, err
	}
	var failed *shell.Record
	for i := len(recs) - 1; i >= 0; i-- {
		for _, argv := range recs[i].Commands() {
			if !p.Matches(argv) {
				continue
			}
			if p.ExpectFailure {
				if recs[i].Exit != 0 {
					return Pass(i18n.M("checks.command.refused", "Line", recs[i].Line, "Code", recs[i].Exit)), nil
				}
				return Fail(i18n.M("checks.command.succeeded", "Line", recs[i].Line)), nil
			}
			if recs[i].Exit == 0 || p.AllowFailure {
				return Pass(i18n.M("checks.command.seen", "Line", recs[i].Line, "Ago", since(env.now(), recs[i].Time))), nil
			}
			if failed == nil {
				failed = &recs[i]
			}
		}
	}
	if failed != nil {
		return Fail(i18n.M("checks.command.failed", "Line", failed.Line, "Code", failed.Exit)), nil
	}
	want := i18n.M("checks.command.want", "Pattern", p.String())
	if len(recs) > 0 {
		return Wait(want, i18n.M("checks.command.last", "Line", recs[len(recs)-1].Line)), nil
	}
	return Wait(want), nil
}

// Matches reports whether argv (program first) matches the pattern.
func (p *CommandParams) Matches(argv []string) bool {
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
	for _, f := range p.Flags {
		s := f.Names[len(f.Names)-1]
		if f.Value != "" {
			s += " " + f.Value
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
