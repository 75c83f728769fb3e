package labs

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kubetutor/labs/shell"
)

// twoStepLab has a shell step « first » and a step « second » that requires it.
const twoStepLab = `id: demo
title: {fr: Démo}
section: 00-03-noeuds
needs: any-cluster
steps:
  - id: first
    instructions: {fr: Listez les nœuds.}
    check:
      id: shell-command
      params: {program: kubectl, subcommands: [get, nodes]}
  - id: second
    instructions: {fr: Listez les pods.}
    requires: [first]
    check:
      id: shell-command
      params: {program: kubectl, subcommands: [get, pods]}
`

func TestLoadValidatesRequires(t *testing.T) {
	tests := []struct{ name, requires, want string }{
		{"unknown step", "[firts]", `lab.yaml:13: step "second" requires an unknown step "firts"`},
		{"itself", "[second]", `step "second" requires itself (a cycle)`},
		{"twice", "[first, first]", `step "second" requires "first" twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lab := strings.Replace(twoStepLab, "requires: [first]", "requires: "+tt.requires, 1)
			_, err := Load(mapFS(map[string]string{"lab.yaml": lab}), "demo")
			var ve *ValidationError
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a ValidationError with %q", err, tt.want)
			}
		})
	}
	t.Run("forward reference", func(t *testing.T) {
		lab := strings.Replace(twoStepLab, "    requires: [first]\n", "", 1)
		lab = strings.Replace(lab, "    instructions: {fr: Listez les nœuds.}\n", "    instructions: {fr: Listez les nœuds.}\n    requires: [second]\n", 1)
		_, err := Load(mapFS(map[string]string{"lab.yaml": lab}), "demo")
		if err == nil || !strings.Contains(err.Error(), `step "first" requires "second", which comes after it`) {
			t.Fatalf("err = %v, want the forward reference reported", err)
		}
	})
	t.Run("cycle through two steps", func(t *testing.T) {
		lab := strings.Replace(twoStepLab, "    instructions: {fr: Listez les nœuds.}\n", "    instructions: {fr: Listez les nœuds.}\n    requires: [second]\n", 1)
		_, err := Load(mapFS(map[string]string{"lab.yaml": lab}), "demo")
		if err == nil || !strings.Contains(err.Error(), "rules out cycles") {
			t.Fatalf("err = %v, want the cycle (a forward reference) reported", err)
		}
	})
	l, err := Load(mapFS(map[string]string{"lab.yaml": twoStepLab}), "demo")
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Step("second").Requires; len(got) != 1 || got[0] != "first" {
		t.Errorf("requires = %q", got)
	}
}

// TestRunnerEnforcesRequires: the step that requires another is pending until that one
// passed, and a command run before then does not count for it, even in order.
func TestRunnerEnforcesRequires(t *testing.T) {
	for _, withStore := range []bool{true, false} {
		t.Run(map[bool]string{true: "with a store", false: "without a store"}[withStore], func(t *testing.T) {
			lab, err := Load(mapFS(map[string]string{"lab.yaml": twoStepLab}), "demo")
			if err != nil {
				t.Fatal(err)
			}
			_, env, store := testRunner(t)
			env.ShellHistory = shell.HistoryFile(t.TempDir())
			env.LabStarted = time.Now().Add(-time.Minute)
			if !withStore {
				store = nil
			}
			r := NewRunner(lab, env, store, nil)
			ctx := context.Background()
			run := func(line string, at time.Time) {
				if err := shell.Append(env.ShellHistory, shell.Record{Time: at, Line: line}); err != nil {
					t.Fatal(err)
				}
			}
			// Out of order: the pods listed before the nodes.
			run("kubectl get pods", time.Now().Add(-30*time.Second))
			ev := r.Evaluate(ctx, lab.Step("second"))
			if ev.Kind != EventPending || ev.Result.Reason.ID != "labs.requires.pending" {
				t.Fatalf("second before first: %s %v, want pending on the requirement", ev.Kind, ev.Result.Reason)
			}
			run("kubectl get nodes", time.Now().Add(-20*time.Second))
			if ev := r.Evaluate(ctx, lab.Step("first")); ev.Kind != EventPassed {
				t.Fatalf("first: %s", ev.Kind)
			}
			// The earlier « get pods » is no evidence for second any more.
			if ev := r.Evaluate(ctx, lab.Step("second")); ev.Kind != EventPending || ev.Result.Reason.ID != "checks.command.want" {
				t.Fatalf("second with only an earlier command: %s %v, want pending", ev.Kind, ev.Result.Reason)
			}
			run("kubectl get pods", time.Now().Add(time.Second))
			if ev := r.Evaluate(ctx, lab.Step("second")); ev.Kind != EventPassed {
				t.Fatalf("second after first: %s %v", ev.Kind, ev.Result.Reason)
			}
		})
	}
}
