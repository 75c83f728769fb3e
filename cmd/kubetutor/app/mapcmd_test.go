package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestMapOnceWithoutCluster(t *testing.T) {
	code, out, errOut := run(t, "map", "--once", "--width", "100", "--height", "30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Architecture du chapitre · sans cluster", "[· kube-apiserver § 2.1]", "[· etcd § 2.2]",
		"cloud-controller-manager § 2.5", "kube-proxy § 4.2", "Pas de cluster\u00a0: la carte est dessinée d’après le chapitre"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("ANSI codes in a frame printed to a file")
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 100 {
			t.Errorf("line wider than 100 columns: %q", l)
		}
	}
	code, out, _ = run(t, "--lang", "en", "map", "--once", "--width", "120", "--height", "40")
	if code != 0 || !strings.Contains(out, "The chapter’s architecture · no cluster") || !strings.Contains(out, "┌─ kube-apiserver") {
		t.Errorf("English full-size static map: exit %d\n%s", code, out)
	}
}

func TestMapBadInput(t *testing.T) {
	garbage := filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(garbage, []byte("not: [a kubeconfig"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"too narrow", []string{"map", "--once", "--width", "50"}, "taille 50x0 trop petite\u00a0: il faut au moins 80x24"},
		{"too short", []string{"map", "--once", "--height", "10"}, "taille 0x10 trop petite"},
		{"missing kubeconfig", []string{"map", "--once", "--kubeconfig", "/nonexistent/kubeconfig"}, "kubeconfig /nonexistent/kubeconfig illisible"},
		{"an argument", []string{"map", "etcd"}, "etcd"},
		{"garbage kubeconfig", []string{"map", "--once", "--kubeconfig", garbage}, "illisible"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stdout %q, stderr %q)", code, out, errOut)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr %q lacks %q", errOut, tt.want)
			}
		})
	}
}

// TestMapSourceFollowsTheTutorCluster: the map watches the cluster KUBETUTOR_CLUSTER names
// (as the lab commands do), titled by its name, and is the static map when that cluster
// has no kubeconfig, even if the default one has.
func TestMapSourceFollowsTheTutorCluster(t *testing.T) {
	deps := testDeps(t)
	kubeconfig := `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: x}}]
contexts: [{name: c, context: {cluster: c, user: u}}]
current-context: c
`
	write := func(name string) {
		path := deps.Dirs.Kubeconfig(name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(kubeconfig), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("autre")
	deps.Getenv = func(k string) string { return map[string]string{ClusterEnv: "autre"}[k] }
	if cfg := newMapSource(deps, "").Config(); cfg.Watch == nil || cfg.Cluster != "autre" {
		t.Errorf("KUBETUTOR_CLUSTER=autre: watch %v, cluster %q", cfg.Watch != nil, cfg.Cluster)
	}
	write(TutorCluster)
	deps.Getenv = func(k string) string { return map[string]string{ClusterEnv: "absent"}[k] }
	if cfg := newMapSource(deps, "").Config(); cfg.Watch != nil || cfg.Notice == "" {
		t.Errorf("KUBETUTOR_CLUSTER=absent: watch %v, notice %q; want the static map", cfg.Watch != nil, cfg.Notice)
	}
	deps.Getenv = func(string) string { return "" }
	if cfg := newMapSource(deps, "").Config(); cfg.Watch == nil || cfg.Cluster != TutorCluster {
		t.Errorf("no KUBETUTOR_CLUSTER: watch %v, cluster %q", cfg.Watch != nil, cfg.Cluster)
	}
}
