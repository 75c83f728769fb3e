package e2e

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"kubetutor/internal/mapstate"
	"kubetutor/internal/tmuxtest"
)

// kindGracePeriod is the node-monitor grace period of kubetutor's kind clusters (the
// controller-manager's flag the lab cluster's kubeadm configuration sets).
const kindGracePeriod = 20 * time.Second

// silentFor reads the seconds of « muet depuis N s » on a map screen (-1 when absent).
var silentFor = regexp.MustCompile(`muet depuis (\d+) s`)

// kindFailureMap: the failure lab's kubelet stop seen on the live map, through the built
// binary in tmux (« kubetutor map » on the labs cluster, named by KUBETUTOR_CLUSTER as a
// student's session names it). The worker's box turns NotReady with the time since its
// last heartbeat, counting up; the lab's repair solution brings it back Ready. The map
// judges the silence by the grace period it read from the cluster's controller-manager.
func kindFailureMap(t *testing.T, k *kindLabs) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (make tools installs it)")
	}
	rc, err := clientcmd.BuildConfigFromFlags("", k.m.KubeconfigPath())
	if err != nil {
		t.Fatal(err)
	}
	cs := kubernetes.NewForConfigOrDie(rc)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// The failure lab just ran and was reset: its namespace may still be terminating.
	waitFor(ctx, t, "lab-panne gone from the last run", func() (bool, string) {
		ns, err := cs.CoreV1().Namespaces().Get(ctx, "lab-panne", metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return true, ""
		}
		if err != nil {
			return false, err.Error()
		}
		return false, string(ns.Status.Phase)
	})
	r := k.start(t, "failure")
	worker2 := k.m.Name() + "-worker2"

	// The grace period, as the map reads it: the flag of the real kubeadm static pod.
	w := mapstate.Watch(ctx, cs, mapstate.Options{Namespaces: []string{"lab-panne"}})
	deadline := time.Now().Add(time.Minute)
	for g := w.Tracker().GracePeriod(); g.Source != mapstate.GraceFlag; g = w.Tracker().GracePeriod() {
		if time.Now().After(deadline) {
			t.Fatalf("grace period %s from %v, want kube-controller-manager's flag", g.Period, g.Source)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if g := w.Tracker().GracePeriod(); g.Period != kindGracePeriod {
		t.Fatalf("grace period read from kube-controller-manager: %s, want %s", g.Period, kindGracePeriod)
	}
	t.Logf("grace period read from kube-controller-manager's pod: %s", w.Tracker().GracePeriod().Period)

	home := t.TempDir()
	cmd := fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_CLUSTER=%q KUBETUTOR_LANG=fr %q map",
		home, k.home, k.m.Name(), filepath.Join(k.binDir, "kubetutor"))
	s := tmuxtest.Start(t, 160, 45, cmd)
	r.solve("spread")
	r.passes("spread", 3*time.Minute)
	scr := waitScreen(t, s, worker2+" Ready on the live map", time.Minute, func(scr string) bool {
		return strings.Contains(scr, "«\u00a0"+k.m.Name()+"\u00a0» · en direct") && strings.Contains(scr, "● API joignable · 3 nœuds") &&
			strings.Contains(scr, worker2+" ● Ready") && strings.Contains(scr, "● CNI kube-router")
	})
	t.Logf("the map before the failure:\n%s", scr)

	stop := r.step("stop-kubelet").Solution[0] // docker exec NODE systemctl stop kubelet
	if !strings.Contains(stop, "systemctl stop kubelet") {
		t.Fatalf("stop-kubelet's first solution line: %q", stop)
	}
	t.Cleanup(func() {
		_, _ = k.m.Nodes().Exec(context.Background(), worker2, "systemctl", "start", "kubelet")
	})
	stopped := time.Now()
	r.shell(stop)
	scr = waitScreen(t, s, worker2+" NotReady on the map", 3*time.Minute, func(scr string) bool {
		return strings.Contains(scr, worker2+" ✗ NotReady · muet depuis") && strings.Contains(scr, "dernier battement il y a")
	})
	first := silence(scr)
	t.Logf("TIMING map kubelet stop → %s NotReady on the map: %.1f s (silent %d s on screen)", worker2, time.Since(stopped).Seconds(), first)
	t.Logf("the map with %s down:\n%s", worker2, scr)
	if first < int(kindGracePeriod/time.Second) {
		t.Errorf("marked silent after %d s, not beyond the grace period %s", first, kindGracePeriod)
	}
	// The silence counts up as the screen redraws.
	waitScreen(t, s, "the silence counting up", time.Minute, func(scr string) bool { return silence(scr) >= first+3 })
	r.passes("stop-kubelet", 3*time.Minute) // the lab's own check agrees: Unknown and tainted

	started := time.Now()
	r.solve("repair")
	scr = waitScreen(t, s, worker2+" Ready again on the map", 3*time.Minute, func(scr string) bool {
		return strings.Contains(scr, worker2+" ● Ready") && !strings.Contains(scr, "muet depuis")
	})
	t.Logf("TIMING map kubelet start → %s Ready on the map: %.1f s", worker2, time.Since(started).Seconds())
	t.Logf("the map after the repair:\n%s", scr)
	r.passes("repair", 3*time.Minute)
	s.Send("q")
	s.WaitExit()
}

// silence is the « muet depuis N s » of a screen, -1 when none.
func silence(scr string) int {
	m := silentFor.FindStringSubmatch(scr)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// waitScreen polls the tmux screen until ok accepts it, for up to limit: the cluster's
// own delays (grace periods, a kubelet's start) are longer than tmuxtest's patience.
func waitScreen(t *testing.T, s *tmuxtest.Session, what string, limit time.Duration, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		scr := s.Screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s; the screen shows:\n%s", what, scr)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
