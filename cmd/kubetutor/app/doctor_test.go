package app

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/labs/cluster/doctor"
)

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDoctorWithoutDaemonBlocks(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	f.rt.InfoErr = errors.New("Cannot connect to the Docker daemon")
	err := runDoctor(context.Background(), deps, doctor.Host{M: f.m})
	e, ok := i18n.AsError(err)
	if !ok || e.Code != i18n.ExitUsage {
		t.Fatalf("err = %v, want exit 2", err)
	}
	if !strings.Contains(out.String(), "✗ bloquant") || !strings.Contains(out.String(), "Docker est installé mais son démon ne répond pas") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestDoctorWithDaemonAndCluster(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.EN, "")
	f := newClusterFixture(deps)
	f.p.AddNodes("kubetutor", 2)
	// Memory and disk are this machine's: they may block on a small one, so only the
	// engine's lines are checked.
	_ = runDoctor(context.Background(), deps, doctor.Host{M: f.m})
	for _, want := range []string{"Docker 20.10.24 answers", "cluster “kubetutor”: running, 3 nodes ready", "node image present"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
