package doctor

import (
	"context"
	"testing"

	"kubetutor/internal/paths"
	"kubetutor/labs/cluster"
)

// TestDoctorOnThisMachine runs every finding against the real machine. Without a daemon
// (a docker client alone, or nothing) the runtime must block; with one it must be OK.
func TestDoctorOnThisMachine(t *testing.T) {
	m := cluster.New(cluster.WithDirs(paths.Under(t.TempDir())), cluster.WithName("kubetutor-doctor-test"))
	host := Host{M: m}
	fs := Run(context.Background(), host)
	rt := fs[0]
	_, infoErr := m.Runtime().Info(context.Background())
	switch {
	case infoErr != nil && rt.Level != Blocking:
		t.Errorf("no daemon (%v) but runtime finding is level %d", infoErr, rt.Level)
	case infoErr == nil && rt.Level != OK:
		t.Errorf("daemon answers but runtime finding is level %d", rt.Level)
	}
	if infoErr != nil && Worst(fs) != Blocking {
		t.Error("no daemon but nothing blocks")
	}
	for _, f := range fs {
		t.Logf("%-8s level %d  %s", f.ID, f.Level, f.Title)
	}
}
