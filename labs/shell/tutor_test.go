package shell

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The lab shell finds the running tutor as « kubetutor » (however it was started), and
// says once that there is no cluster yet when its kubeconfig does not exist.
func TestLabShellFindsTheTutorAndSaysNoCluster(t *testing.T) {
	home := t.TempDir()
	tutor := filepath.Join(home, "build", "kubetutor-dev")
	os.MkdirAll(filepath.Dir(tutor), 0o755)
	os.WriteFile(tutor, []byte("#!/bin/sh\necho \"tutor ran: $*\"\n"), 0o755)
	notice := "pas encore de cluster\u00a0: tapez c"
	env := Env{Dir: filepath.Join(home, "state", "shell"), Kubeconfig: filepath.Join(home, "state", "clusters", "kubetutor", "kubeconfig"),
		Tutor: tutor, NoCluster: notice}
	sh := startShell(t, env, "HOME="+home, "PATH=/usr/bin:/bin")
	sh.wait(t, "the lab prompt", func(s string) bool { return strings.Contains(s, "[kubetutor]") })
	if n := strings.Count(sh.output(), notice); n != 1 {
		t.Errorf("the no-cluster notice shows %d times, want once:\n%s", n, sh.output())
	}
	io.WriteString(sh.ptmx, "kubetutor lab file metrics metrics-server.yaml | cat\r")
	sh.wait(t, "the tutor's output", func(s string) bool { return strings.Contains(s, "tutor ran: lab file metrics metrics-server.yaml") })

	// With the cluster there, nothing is said.
	os.MkdirAll(filepath.Dir(env.Kubeconfig), 0o755)
	os.WriteFile(env.Kubeconfig, []byte("apiVersion: v1\nkind: Config\n"), 0o600)
	sh2 := startShell(t, env, "HOME="+home)
	sh2.wait(t, "the lab prompt", func(s string) bool { return strings.Contains(s, "[kubetutor]") })
	if strings.Contains(sh2.output(), notice) {
		t.Errorf("the no-cluster notice shows with a cluster:\n%s", sh2.output())
	}
}
