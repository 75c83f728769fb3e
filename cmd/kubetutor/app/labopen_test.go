package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLabOpenArguments(t *testing.T) {
	code, _, errOut := runCLI(t, t.TempDir(), "", "lab", "open", "--lang", "en")
	if code != 2 || !strings.Contains(errOut, "kubetutor lab open nodes-ready") {
		t.Errorf("no argument: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, t.TempDir(), "", "lab", "open", "no-such-lab", "--lang", "en")
	if code != 2 || !strings.Contains(errOut, "nodes-ready") {
		t.Errorf("unknown lab: exit %d, stderr %q", code, errOut)
	}
}

func TestLabSourceWithoutCluster(t *testing.T) {
	deps := testDeps(t)
	src := newLabSource(deps, "")
	if len(src.Labs()) == 0 {
		t.Fatal("no labs in the embedded content")
	}
	cfg, err := src.Open(src.Labs()[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Runner != nil || cfg.Problem.ID != "labscreen.nocluster.create" || !cfg.CanCreateCluster {
		t.Errorf("without the tutor's cluster: runner %v, problem %q, can create %v", cfg.Runner, cfg.Problem.ID, cfg.CanCreateCluster)
	}
	// With --kubeconfig naming a missing file, the tutor does not offer to create its own.
	other, err := newLabSource(deps, filepath.Join(t.TempDir(), "missing")).Open(src.Labs()[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if other.CanCreateCluster || other.Problem.ID != "labscreen.nocluster" {
		t.Errorf("with a missing --kubeconfig: problem %q, can create %v", other.Problem.ID, other.CanCreateCluster)
	}
	cmd, err := cfg.Shell.Command()
	if err != nil {
		t.Skipf("no lab shell here: %v", err)
	}
	rc, err := os.ReadFile(filepath.Join(deps.Dirs.Shell(), "bashrc"))
	if err != nil || !strings.Contains(string(rc), deps.Dirs.Kubeconfig(TutorCluster)) {
		t.Errorf("rc file does not point KUBECONFIG at the tutor's cluster: %v\n%s", err, rc)
	}
	if !strings.Contains(strings.Join(cmd.Args, " "), "--rcfile") {
		t.Errorf("shell command = %q", cmd.Args)
	}
}
