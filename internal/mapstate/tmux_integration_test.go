package mapstate_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"kubetutor/internal/testenv"
	"kubetutor/internal/tmuxtest"
)

// TestIntegrationMapTmux drives the built binary's « kubetutor map » in tmux against the
// test control plane, as a student would watch it: the nodes up, then a worker whose
// heartbeat stops turns NotReady on the screen; a box's details open with the keys.
func TestIntegrationMapTmux(t *testing.T) {
	bin := tmuxtest.Binary(t)
	env := testenv.Shared(t)
	worker := env.Nodes()[1]
	s := tmuxtest.Start(t, 120, 40, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q map --kubeconfig %q",
		t.TempDir(), bin, env.Kubeconfig))
	s.WaitFor("the live map, every node ready", func(scr string) bool {
		return strings.Contains(scr, "● API joignable · 3 nœuds") && strings.Contains(scr, worker+" ● Ready") &&
			strings.Contains(scr, "● prêt")
	})

	na := env.NodeAccess()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := na.StartKubelet(ctx, worker); err != nil {
			t.Error(err)
		}
		if err := env.WaitNodesReady(ctx); err != nil {
			t.Error(err)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := na.StopKubelet(ctx, worker); err != nil {
		t.Fatal(err)
	}
	scr := s.WaitFor(worker+" NotReady on the map", func(scr string) bool {
		return strings.Contains(scr, worker+" ✗ NotReady") && strings.Contains(scr, "dernier battement il y a")
	})
	t.Logf("the map with %s down:\n%s", worker, scr)

	s.Send("Tab", "Tab", "Tab", "Enter") // kubectl, kube-apiserver, etcd: its details
	s.WaitFor("etcd's details", func(scr string) bool {
		return strings.Contains(scr, "Pod\u00a0: kube-system/etcd-") && strings.Contains(scr, "↵ lire § 2.2 du chapitre")
	})
	s.Send("q")
	s.WaitExit()
}

// TestIntegrationMapOnce prints one frame of the test control plane's map with the built
// binary: the cluster as listed, not the static map.
func TestIntegrationMapOnce(t *testing.T) {
	bin := tmuxtest.Binary(t)
	env := testenv.Shared(t)
	if err := env.WaitNodesReady(context.Background()); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "map", "--once", "--width", "120", "--height", "40", "--kubeconfig", env.Kubeconfig)
	cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+t.TempDir(), "KUBETUTOR_LANG=fr")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"● API joignable · 3 nœuds", env.Nodes()[1] + " ● Ready", "┌─ etcd", "● prêt"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("frame lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "sans cluster") || strings.Contains(string(out), "\x1b[") {
		t.Errorf("static map, or ANSI codes in a file:\n%s", out)
	}
}
