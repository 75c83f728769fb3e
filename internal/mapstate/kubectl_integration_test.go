package mapstate_test

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/metadata"

	"kubetutor/internal/mapstate"
	"kubetutor/internal/testenv"
)

// flowLog collects the flows a watcher's snapshots show, each once.
type flowLog struct {
	mu   sync.Mutex
	seen map[mapstate.Flow]bool
	list []mapstate.Flow
}

// record polls w's snapshots until ctx ends.
func (l *flowLog) record(ctx context.Context, w *mapstate.Watcher) {
	for ctx.Err() == nil {
		for _, f := range w.Snapshot().Flows {
			l.mu.Lock()
			if !l.seen[f] {
				l.seen[f] = true
				l.list = append(l.list, f)
			}
			l.mu.Unlock()
		}
		select {
		case <-ctx.Done():
		case <-w.Changed():
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// kubectl returns the objects of the kubectl flows seen since since, sorted, each once.
func (l *flowLog) kubectl(since time.Time) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	set := map[string]bool{}
	for _, f := range l.list {
		if f.Kind == mapstate.FlowKubectl && !f.At.Before(since) {
			set[f.Pod] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// writes counts the write flows (apiserver → etcd) about pods of ns seen since since.
func (l *flowLog) writes(ns string, since time.Time) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, f := range l.list {
		if f.Kind == mapstate.FlowWrite && strings.HasPrefix(f.Pod, ns+"/") && !f.At.Before(since) {
			n++
		}
	}
	return n
}

// TestIntegrationMapKubectlArrow: on the test control plane, the kubectl → apiserver
// arrow flashes for what the real kubectl writes (a Deployment created, scaled; a pod
// labelled), read from the managedFields the API server records, and not for what the
// controllers make of it (the ReplicaSet, its pods, their status) nor for another
// client's write.
func TestIntegrationMapKubectlArrow(t *testing.T) {
	env := testenv.Shared(t)
	ns := env.NewNamespace(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	w := mapstate.Watch(ctx, env.Client, mapstate.Options{Namespaces: []string{ns},
		GracePeriod: env.Options.NodeMonitorGracePeriod, Metadata: metadata.NewForConfigOrDie(env.Config)})
	waitState(t, w, "synced", func(s mapstate.State) bool { return s.Synced && s.API.Reachable })
	log := &flowLog{seen: map[mapstate.Flow]bool{}}
	go log.record(ctx, w)
	kubectl := func(args ...string) {
		t.Helper()
		if out, err := env.Kubectl(ctx, append([]string{"-n", ns}, args...)...); err != nil {
			t.Fatalf("kubectl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	// waitFor polls the flows until ok holds.
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for !ok() {
			select {
			case <-ctx.Done():
				t.Fatalf("%s: never; kubectl flows %q", what, log.kubectl(time.Time{}))
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	deployment := "deployments/" + ns + "/web"

	start := time.Now()
	kubectl("create", "deployment", "web", "--image=nginx", "--replicas=2")
	// The controllers make a ReplicaSet and two pods, the scheduler binds them, kwok runs
	// them: wait until the map has seen all that.
	waitState(t, w, "2 pods Running", func(s mapstate.State) bool { return runningOn(s)[env.Nodes()[1]]+runningOn(s)[env.Nodes()[2]] == 2 })
	waitFor("the controllers' pod writes", func() bool { return log.writes(ns, start) >= 2 })
	time.Sleep(2 * time.Second) // the Deployment's and ReplicaSet's status updates
	if got := log.kubectl(start); len(got) != 1 || got[0] != deployment {
		t.Fatalf("kubectl flows after kubectl create deployment: %q, want only %s (the ReplicaSet and pods are the controllers')", got, deployment)
	}

	scaled := time.Now()
	kubectl("scale", "deployment", "web", "--replicas=3")
	waitState(t, w, "3 pods Running", func(s mapstate.State) bool { return runningOn(s)[env.Nodes()[1]]+runningOn(s)[env.Nodes()[2]] == 3 })
	waitFor("the kubectl flow of the scale", func() bool { return len(log.kubectl(scaled)) > 0 })
	time.Sleep(2 * time.Second)
	if got := log.kubectl(scaled); len(got) != 1 || got[0] != deployment {
		t.Errorf("kubectl flows after kubectl scale: %q, want only %s", got, deployment)
	}

	// Another client's write (a controller of the test's own) lights nothing.
	other := time.Now()
	d, err := env.Client.AppsV1().Deployments(ns).Get(ctx, "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d.Labels["touched-by"] = "a-controller"
	if _, err := env.Client.AppsV1().Deployments(ns).Update(ctx, d, metav1.UpdateOptions{FieldManager: "lab-controller"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if got := log.kubectl(other); len(got) != 0 {
		t.Errorf("kubectl flows after another client's update: %q, want none", got)
	}

	// kubectl on a pod the controllers made.
	pods, err := env.Client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{})
	if err != nil || len(pods.Items) == 0 {
		t.Fatalf("pods: %v %d", err, len(pods.Items))
	}
	labelled := time.Now()
	kubectl("label", "pod", pods.Items[0].Name, "seen=yes")
	waitFor("the kubectl flow of the label", func() bool { return len(log.kubectl(labelled)) > 0 })
	if got := log.kubectl(labelled); len(got) != 1 || got[0] != "pods/"+ns+"/"+pods.Items[0].Name {
		t.Errorf("kubectl flows after kubectl label pod: %q", got)
	}
	t.Logf("kubectl flows: %q", log.kubectl(time.Time{}))
}
