package shell_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/assets"
	"kubetutor/internal/testenv"
	"kubetutor/internal/tmuxtest"
	"kubetutor/labs"
	"kubetutor/labs/shell"
)

// apiOnly are the solutions that need nothing but the API server (no container runtime,
// no exec into a pod, no controller to wait for): they run for real against the test
// control plane, in the lab shell's environment.
var apiOnly = map[string]bool{
	"inspect/system-pods": true, "inspect/readyz": true, "inspect/componentstatuses": true,
	"inspect/etcd-node":      true,
	"nodes-ready/list-nodes": true, "nodes-ready/cordon-worker": true, "nodes-ready/count-workers": true,
	"metrics/install#0": true, // kubetutor lab file metrics metrics-server.yaml | kubectl apply -f -
}

// TestIntegrationSolutionsRunInTheLabShell runs, in the lab shell's environment (its rc
// file, the built kubetutor on its PATH, KUBECONFIG on the cluster), the solution lines
// of the labs that need only the API server, against a real control plane: each exits 0,
// and none says « command not found ».
func TestIntegrationSolutionsRunInTheLabShell(t *testing.T) {
	bin := os.Getenv(tmuxtest.BinEnv)
	if bin == "" {
		t.Skip(tmuxtest.BinEnv + " is not set (make test builds the binary and sets it)")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	env := testenv.Start(t, testenv.Options{})
	all, err := labs.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	sh := shell.Env{Dir: filepath.Join(home, "shell"), Kubeconfig: env.Kubeconfig, Tutor: bin}
	cmd, err := sh.Command()
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, l := range all {
		for _, s := range l.Steps {
			for i, line := range s.Solution {
				key := l.ID + "/" + s.ID
				if !apiOnly[key] && !apiOnly[key+"#"+string(rune('0'+i))] {
					continue
				}
				ran++
				script := "shopt -s expand_aliases\n. " + filepath.Join(sh.Dir, shell.RCFileName) + "\nset -o pipefail\n" + line + "\n"
				ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
				run := exec.CommandContext(ctx, bash, "--norc", "-c", script)
				run.Env = append(cmd.Env, "HOME="+home, "KUBETUTOR_HOME="+home)
				out, err := run.CombinedOutput()
				cancel()
				if err != nil || strings.Contains(string(out), "command not found") {
					t.Errorf("%s: « %s »: %v\n%s", key, line, err, out)
				}
			}
		}
	}
	if ran < len(apiOnly) {
		t.Errorf("ran %d solution lines, want at least %d (a lab or step was renamed?)", ran, len(apiOnly))
	}
}
