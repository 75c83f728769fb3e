package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unreachableKubeconfig writes a kubeconfig whose API server nobody listens on.
func unreachableKubeconfig(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kubeconfig")
	kc := `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: x}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
`
	if err := os.WriteFile(p, []byte(kc), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLabResetErrors(t *testing.T) {
	kc := unreachableKubeconfig(t)
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int
		want  string
	}{
		{"no lab", []string{"lab", "reset"}, "", 2, "kubetutor lab reset LAB"},
		{"unknown lab", []string{"lab", "reset", "nope", "--yes"}, "", 2, `unknown lab “nope” (labs: cluster, etcd`},
		{"no cluster", []string{"lab", "reset", "etcd", "--yes"}, "", 2, "the kubetutor cluster does not exist yet"},
		{"nodes out of reach", []string{"lab", "reset", "etcd", "--kubeconfig", kc, "--yes"}, "", 2, "this lab puts nodes back, and this cluster's nodes cannot be reached"},
		{"not confirmed", []string{"lab", "reset", "nodes-ready", "--kubeconfig", kc}, "n\n", 1, "nothing was changed (answer “y” or pass --yes)"},
		{"no answer", []string{"lab", "reset", "nodes-ready", "--kubeconfig", kc}, "", 1, "nothing was changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, t.TempDir(), tt.stdin, append(tt.args, "--lang", "en")...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errOut, tt.code, tt.want)
			}
		})
	}
}

// TestLabResetAsksFirst: the question names the lab, the cluster and, for a lab that
// breaks nodes, what is put back; refused, nothing happens (French by default).
func TestLabResetAsksFirst(t *testing.T) {
	kc := unreachableKubeconfig(t)
	code, out, errOut := runCLI(t, t.TempDir(), "non\n", "lab", "reset", "nodes-ready", "--kubeconfig", kc)
	if code != 1 || !strings.Contains(out, "Remettre le TP «\u00a0nodes-ready\u00a0» à zéro sur le cluster") ||
		!strings.Contains(errOut, "rien n’a été changé") {
		t.Errorf("exit %d\nstdout %q\nstderr %q", code, out, errOut)
	}
	deps := testDeps(t)
	lab, err := loadLab(deps, "etcd")
	if err != nil {
		t.Fatal(err)
	}
	if got := recoveryWhat(deps, lab.Recovery); got != "files put back: /etc/kubernetes/manifests/etcd.yaml, /var/lib/etcd" {
		t.Errorf("etcd: %q", got)
	}
	if lab, _ = loadLab(deps, "failure"); recoveryWhat(deps, lab.Recovery) != "kubelets started" {
		t.Errorf("failure: %q", recoveryWhat(deps, lab.Recovery))
	}
}

// TestTutorClusterFromTheEnvironment: KUBETUTOR_CLUSTER names the cluster the lab
// commands use.
func TestTutorClusterFromTheEnvironment(t *testing.T) {
	deps := testDeps(t)
	deps.Getenv = func(k string) string { return map[string]string{ClusterEnv: "autre"}[k] }
	if got := tutorCluster(deps); got != "autre" {
		t.Errorf("tutorCluster = %q", got)
	}
	deps.Getenv = func(string) string { return "" }
	if got := tutorCluster(deps); got != TutorCluster {
		t.Errorf("tutorCluster = %q", got)
	}
}

// TestLabsRejectBadNodeReferences: content naming a node by a malformed reference, or
// by the tutor's cluster's name, is refused with the file and line.
func TestLabsRejectBadNodeReferences(t *testing.T) {
	dir := t.TempDir()
	lab := filepath.Join(dir, "labs", "bad")
	if err := os.MkdirAll(lab, 0o755); err != nil {
		t.Fatal(err)
	}
	content := "id: bad\ntitle: {fr: Mauvais}\nsection: s\nneeds: any-cluster\nsteps:\n  - id: one\n    instructions: {fr: 'Isolez {{node:wroker2}}.'}\n" +
		"    solution: [kubectl cordon kubetutor-worker2]\n    check: {id: nodes-ready}\n"
	if err := os.WriteFile(filepath.Join(lab, "lab.yaml"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, t.TempDir(), "", "lab", "list", "--course", dir, "--lang", "en")
	for _, want := range []string{"labs/bad/lab.yaml:7: unknown node reference {{node:wroker2}}", `labs/bad/lab.yaml:8: node name "kubetutor-worker2" written out`} {
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, want)
		}
	}
}
