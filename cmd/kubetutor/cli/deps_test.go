package cli

import (
	"os/exec"
	"strings"
	"testing"
)

// heavyDeps are what the light binary must not link: the lab engine and what it pulls
// (client-go, kind, the Kubernetes API types, etcd), the class server's sqlite, and the
// full binary's own packages.
var heavyDeps = []string{
	"k8s.io/", "sigs.k8s.io/", "modernc.org/", "go.etcd.io/",
	"kubetutor/cmd/kubetutor/app", "kubetutor/labs", "kubetutor/checks",
	"kubetutor/tui/lab", "kubetutor/tui/archmap", "kubetutor/tui/board", "kubetutor/tui/cluster",
	"kubetutor/tui/term", "kubetutor/workshop/server", "kubetutor/internal/mapstate",
}

// TestLightBinaryDependencies proves the light kubetutor does not link the lab engine:
// Go runs the init of every linked package, so the reader would pay for them otherwise.
func TestLightBinaryDependencies(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-deps", "kubetutor/cmd/kubetutor").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := strings.Fields(string(out))
	if len(pkgs) < 50 || !contains(pkgs, "kubetutor/cmd/kubetutor/cli") {
		t.Fatalf("go list gave %d packages, without the cli: %v", len(pkgs), pkgs)
	}
	for _, p := range pkgs {
		for _, h := range heavyDeps {
			if p == "kubetutor/labs/catalog" {
				continue // the light lab list
			}
			if strings.HasPrefix(p, h) && (strings.HasSuffix(h, "/") || p == h || strings.HasPrefix(p, h+"/")) {
				t.Errorf("the light binary links %s (%s)", p, h)
			}
		}
	}
}
