package app

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// factoryDeps are what the full binary must not link: client-go's informer factories
// and listers, for every API group (9.4 MB of the binary, resident at start-up);
// dynamicinformer and metadatainformer import them. internal/kubeinformer makes the
// informers kubetutor needs.
var factoryDeps = []string{
	"k8s.io/client-go/informers",
	"k8s.io/client-go/listers",
	"k8s.io/client-go/dynamic/dynamicinformer",
	"k8s.io/client-go/metadata/metadatainformer",
}

// TestFullBinaryDependencies proves the full kubetutor-lab does not link the informer
// factories (BenchmarkTermRSS measures what they cost).
func TestFullBinaryDependencies(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-deps", "kubetutor/cmd/kubetutor-lab").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := strings.Fields(string(out))
	if !slices.Contains(pkgs, "kubetutor/internal/mapstate") || !slices.Contains(pkgs, "k8s.io/client-go/tools/cache") {
		t.Fatalf("go list gave %d packages, without the map's informers: %v", len(pkgs), pkgs)
	}
	for _, p := range pkgs {
		for _, f := range factoryDeps {
			if p == f || strings.HasPrefix(p, f+"/") {
				t.Errorf("the full binary links %s", p)
			}
		}
	}
}
