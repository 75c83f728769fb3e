package checks

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/labs/shell"
)

func TestCommandMatches(t *testing.T) {
	getPods := &CommandParams{Program: "kubectl", Subcommands: []string{"get", "pods"},
		Flags: []FlagParams{{Names: []string{"-n", "--namespace"}, Value: "kube-system"}}}
	drain := &CommandParams{Program: "kubectl", Subcommands: []string{"drain"}, Args: []string{"kubetutor-worker"},
		Flags: []FlagParams{{Names: []string{"--ignore-daemonsets"}}}}
	cs := &CommandParams{Program: "kubectl", Subcommands: []string{"get"}, Args: []string{"componentstatuses"}}
	tests := []struct {
		p    *CommandParams
		line string
		want bool
	}{
		{getPods, "kubectl get pods -n kube-system", true},
		{getPods, "kubectl -n kube-system get pods", true},
		{getPods, "kubectl get pods --namespace=kube-system -o wide", true},
		{getPods, "kubectl get -o wide pods --namespace kube-system", true},
		{getPods, "kubectl get pods -nkube-system", true},
		{getPods, "kubectl get pods -n default", false},
		{getPods, "kubectl get pods", false},
		{getPods, "kubectl get nodes -n kube-system", false},
		{getPods, "kubectl pods get -n kube-system", false},
		{getPods, "oc get pods -n kube-system", false},
		{getPods, "kubectl get po -n kube-system -o wide", true},
		{getPods, "kubectl get pod -n kube-system", true},
		{getPods, "kubectl get no -n kube-system", false},
		{cs, "kubectl get cs", true},
		{cs, "kubectl get componentstatus", true},
		{cs, "kubectl get componentstatuses", true},
		{cs, "kubectl get pods", false},
		{drain, "kubectl drain kubetutor-worker --ignore-daemonsets --delete-emptydir-data", true},
		{drain, "kubectl drain --ignore-daemonsets=true kubetutor-worker", true},
		{drain, "kubectl drain kubetutor-worker2 --ignore-daemonsets", false},
		{drain, "kubectl drain kubetutor-worker", false},
	}
	for _, tt := range tests {
		cmds := shell.Record{Line: tt.line}.Commands()
		if got := tt.p.Matches(cmds[0]); got != tt.want {
			t.Errorf("%s matches %q = %v, want %v", tt.p, tt.line, got, tt.want)
		}
	}
}

func TestShellCommand(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "history.jsonl")
	env := fakeEnv()
	env.ShellHistory = hist
	env.LabStarted = testNow.Add(-time.Hour)
	params := `{"program": "kubectl", "subcommands": ["cordon"], "args": ["kubetutor-worker"]}`

	expect(t, run(t, env, "shell-command", params), Pending, "kubectl cordon kubetutor-worker")

	add := func(at time.Time, line string, exit int) {
		if err := shell.Append(hist, shell.Record{Time: at, Line: line, Exit: exit}); err != nil {
			t.Fatal(err)
		}
	}
	add(testNow.Add(-2*time.Hour), "kubectl cordon kubetutor-worker", 0) // before the lab
	add(testNow.Add(-time.Minute), "kubectl get nodes", 0)
	expect(t, run(t, env, "shell-command", params), Pending, "kubectl get nodes")
	add(testNow.Add(-30*time.Second), "kubectl cordon kubetutor-worker2", 0) // near miss
	expect(t, run(t, env, "shell-command", params), Pending)
	add(testNow.Add(-20*time.Second), "kubectl cordon kubetutor-worker", 1)
	expect(t, run(t, env, "shell-command", params), Failed, "code 1")
	add(testNow.Add(-10*time.Second), "k cordon kubetutor-worker && kubectl get nodes", 0)
	expect(t, run(t, env, "shell-command", params), Passed, "il y a 10 s")
}

func TestParamsAreStrict(t *testing.T) {
	bad := []struct{ id, params string }{
		{"nodes-ready", `{"count": 3}`},
		{"nodes-ready", `{"min": -1}`},
		{"nodes-ready", `{"selector": "a in ("}`},
		{"node-state", `{"node": "x", "status": "Maybe"}`},
		{"node-state", `{"node": "x"}`},
		{"pods-running", `{"selector": "app=web"}`},
		{"workload", `{"kind": "Job", "namespace": "a", "name": "b"}`},
		{"apiservice", `{}`},
		{"hpa", `{"namespace": "a", "name": "b", "conditions": {"ScalingActive": "yes"}}`},
		{"network-policy", `{"namespace": "a", "ports": [{"port": 80}]}`},
		{"shell-command", `{"program": "kubectl", "flags": [{"names": ["n"]}]}`},
		{"answer", `{"resource": "pods"}`},
		{"answer", `{"resource": "pods", "jsonPath": "{.spec"}`},
		{"etcd-snapshot", `{"path": "snap.db"}`},
		{"etcd-defrag", `{"metricsURL": "127.0.0.1:2381"}`},
		{"nope", `{}`},
	}
	for _, b := range bad {
		if _, err := Decode(b.id, []byte(b.params)); err == nil {
			t.Errorf("%s %s: decoded without error", b.id, b.params)
		}
	}
	if _, err := Decode("nodes-ready", nil); err != nil {
		t.Errorf("empty params: %v", err)
	}
}

func TestRegistryIsComplete(t *testing.T) {
	for _, id := range IDs() {
		c, ok := Lookup(id)
		if !ok || c == nil {
			t.Fatalf("%s: no check", id)
		}
	}
	if len(IDs()) < 12 {
		t.Errorf("only %d checks", len(IDs()))
	}
}

// TestShellCommandQuotesOneLine: a pasted solution is often a heredoc; the result quotes
// its first line and « … », not its dozen lines of YAML (which pushed the step's text off
// the lab screen), and a very long line is cut.
func TestShellCommandQuotesOneLine(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "history.jsonl")
	env := fakeEnv()
	env.ShellHistory = hist
	env.LabStarted = testNow.Add(-time.Hour)
	params := `{"program": "kubectl", "subcommands": ["cordon"], "args": ["kubetutor-worker"]}`
	heredoc := "kubectl apply -f - <<'EOF'\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: allow-web }\nEOF"
	if err := shell.Append(hist, shell.Record{Time: testNow.Add(-time.Minute), Line: heredoc}); err != nil {
		t.Fatal(err)
	}
	r := run(t, env, "shell-command", params)
	expect(t, r, Pending, "kubectl apply -f - <<'EOF' …")
	if text := render(r); strings.Contains(text, "apiVersion") || strings.Contains(text, "NetworkPolicy") {
		t.Errorf("the whole heredoc is quoted: %q", text)
	}
	long := "kubectl cordon kubetutor-worker --dry-run=client " + strings.Repeat("-v=1 ", 40)
	if err := shell.Append(hist, shell.Record{Time: testNow.Add(-time.Second), Line: long, Exit: 1}); err != nil {
		t.Fatal(err)
	}
	r = run(t, env, "shell-command", params)
	expect(t, r, Failed, "kubectl cordon kubetutor-worker --dry-run=client -v=1", " …")
	if text := render(r); strings.Count(text, "-v=1") > 20 {
		t.Errorf("a long line is quoted whole: %q", text)
	}
}

func TestShownLine(t *testing.T) {
	for in, want := range map[string]string{
		"kubectl get nodes":                 "kubectl get nodes",
		"  kubectl get nodes  \n":           "kubectl get nodes",
		"cat <<EOF\nx\nEOF":                 "cat <<EOF …",
		strings.Repeat("é", maxShownLine+5): strings.Repeat("é", maxShownLine) + " …",
	} {
		if got := shownLine(in); got != want {
			t.Errorf("shownLine(%q) = %q, want %q", in, got, want)
		}
	}
}
