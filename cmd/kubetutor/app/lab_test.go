package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/labs"
)

func TestLabList(t *testing.T) {
	code, out, errOut := runCLI(t, t.TempDir(), "", "lab", "list", "--lang", "fr")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "nodes-ready") || !strings.Contains(out, "0/4 étapes") {
		t.Errorf("output:\n%s", out)
	}
}

func TestLabCheckUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no lab", []string{"lab", "check"}, "kubetutor lab check LAB"},
		{"unknown lab", []string{"lab", "check", "nope"}, `unknown lab “nope” (labs: cluster, etcd`},
		{"unknown step", []string{"lab", "check", "nodes-ready", "--step", "x"}, `unknown step “x”`},
		{"answer without step", []string{"lab", "check", "nodes-ready", "--answer", "2"}, "--answer needs --step"},
		{"no tutor cluster", []string{"lab", "check", "nodes-ready"}, "the kubetutor cluster does not exist yet: create it with “kubetutor cluster up”"},
		{"unreadable kubeconfig", []string{"lab", "check", "nodes-ready", "--kubeconfig", "/nonexistent/kubeconfig"}, "unreadable kubeconfig"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, t.TempDir(), "", append(tt.args, "--lang", "en")...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

func TestLabListReportsInvalidContent(t *testing.T) {
	dir := t.TempDir()
	lab := filepath.Join(dir, "labs", "bad")
	if err := os.MkdirAll(lab, 0o755); err != nil {
		t.Fatal(err)
	}
	content := "id: bad\ntitle: {fr: Mauvais}\nsection: s\nneeds: any-cluster\nsteps:\n  - id: one\n    instructions: {fr: x}\n    check: {id: nodes-ready, params: {count: 1}}\n"
	if err := os.WriteFile(filepath.Join(lab, "lab.yaml"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, t.TempDir(), "", "lab", "list", "--course", dir, "--lang", "en")
	if code != 1 || !strings.Contains(errOut, "labs/bad/lab.yaml:8: params of check") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestLabCheckPrinter(t *testing.T) {
	deps := testDeps(t)
	lab, err := loadLab(deps, "nodes-ready")
	if err != nil {
		t.Fatal(err)
	}
	p := &checkPrinter{deps: deps, lab: lab}
	p.event(labs.Event{Lab: lab.ID, Step: "all-ready", Kind: labs.EventFailed, Result: checks.Fail(
		i18n.M("checks.nodes.ready.count", "Ready", 2, "Total", 3),
		i18n.M("checks.nodes.notready", "Node", "kubetutor-worker2", "State", "NotReady", "Since", "12 s"))})
	p.event(labs.Event{Lab: lab.ID, Step: "list-nodes", Kind: labs.EventError, Err: errors.New("connection refused")})
	out := deps.Out.(*bytes.Buffer).String()
	for _, want := range []string{
		"✗ all-ready      failed: 2/3 nodes Ready",
		"      kubetutor-worker2: NotReady for 12 s",
		"      expected wait: up to 30 s, a starting node turns Ready",
		"! list-nodes     could not check: connection refused",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// The lab commands that take one lab refuse none or two, in the student's language.
func TestLabCommandsTakeOneLab(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"lab", "check"}, "indiquez un TP\u00a0: kubetutor lab check TP"},
		{[]string{"lab", "check", "nodes-ready", "etcd"}, "indiquez un TP\u00a0: kubetutor lab check TP"},
		{[]string{"lab", "reset", "--lang", "en"}, "name a lab: kubetutor lab reset LAB"},
	} {
		code, _, errOut := runCLI(t, t.TempDir(), "", tt.args...)
		if code != i18n.ExitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", tt.args, code, errOut, tt.want)
		}
	}
}
