package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakeDryRunRunsNothing runs `make -n` on the targets whose recipes reach other make
// targets (e2e builds the node image, test runs its TEST_POST targets): a dry run prints
// their commands and runs none. Every program a recipe would start is a stub that leaves
// a trace, the private engine's directories and the cache point into a temporary
// directory, and nothing may appear there.
func TestMakeDryRunRunsNothing(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{"e2e", "test", "test-kit"} {
		t.Run(target, func(t *testing.T) {
			tmp := t.TempDir()
			stubs, trace := filepath.Join(tmp, "bin"), filepath.Join(tmp, "trace")
			if err := os.Mkdir(stubs, 0o755); err != nil {
				t.Fatal(err)
			}
			// make too: a recipe line that calls $(MAKE) finds this one first on PATH.
			for _, prog := range []string{"make", "go", "docker", "dockerd", "apt-get", "debootstrap", "jq", "tmux", "kind", "hyperfine"} {
				script := fmt.Sprintf("#!/bin/sh\necho %s \"$@\" >> %q\n", prog, trace)
				if err := os.WriteFile(filepath.Join(stubs, prog), []byte(script), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			state := filepath.Join(tmp, "state")
			cmd := exec.Command("make", "-n", "--no-print-directory", target)
			cmd.Dir = root
			cmd.Env = []string{
				"PATH=" + stubs + string(os.PathListSeparator) + "/usr/bin:/bin",
				"HOME=" + filepath.Join(state, "home"),
				"CACHE_DIR=" + filepath.Join(state, "cache"),
				"KUBETUTOR_DOCKER_DIR=" + filepath.Join(state, "docker"),
				"KUBETUTOR_DOCKER_RUN=" + filepath.Join(state, "run"),
			}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("make -n %s: %v\n%s", target, err, out)
			}
			if !strings.Contains(string(out), "go test") {
				t.Errorf("make -n %s printed no go test command:\n%s", target, out)
			}
			if data, err := os.ReadFile(trace); err == nil {
				t.Errorf("make -n %s ran programs:\n%s\noutput:\n%s", target, data, out)
			}
			if entries, _ := os.ReadDir(state); len(entries) > 0 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("make -n %s created %v (an engine started, a cache written)\noutput:\n%s", target, names, out)
			}
		})
	}
}
