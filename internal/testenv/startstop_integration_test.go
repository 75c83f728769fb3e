//go:build !windows

package testenv

import (
	"errors"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestIntegrationTestenvStartStop starts a private environment (one node) and checks that
// Stop leaves no process and no directory behind.
func TestIntegrationTestenvStartStop(t *testing.T) {
	env := Start(t, Options{Workers: -1, ClusterName: "solo"})
	if got := env.Nodes(); len(got) != 1 || got[0] != "solo-control-plane" {
		t.Fatalf("Nodes() = %v", got)
	}
	if len(env.procs) != 5 {
		t.Fatalf("%d components running, want 5", len(env.procs))
	}
	began := time.Now()
	env.Stop()
	t.Logf("stopped in %s", time.Since(began).Round(10*time.Millisecond))
	for name, p := range env.procs {
		// The group is gone: signal 0 to it fails with ESRCH.
		if err := syscall.Kill(-p.cmd.Process.Pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("%s: process group %d still there (%v)", name, p.cmd.Process.Pid, err)
		}
	}
	if os.Getenv(KeepEnv) == "" {
		if _, err := os.Stat(env.Dir); !os.IsNotExist(err) {
			t.Errorf("%s still exists (%v)", env.Dir, err)
		}
	}
	env.Stop() // a second Stop is harmless
}
