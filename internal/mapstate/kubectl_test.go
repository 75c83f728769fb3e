package mapstate_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
	"kubetutor/labs/shell"
)

// entry is a managedFields entry of manager at at.
func entry(manager string, op metav1.ManagedFieldsOperationType, sub string, at time.Time) metav1.ManagedFieldsEntry {
	return metav1.ManagedFieldsEntry{Manager: manager, Operation: op, Subresource: sub, Time: &metav1.Time{Time: at.Truncate(time.Second)}}
}

func kubectlFlows(s mapstate.State) []string {
	var out []string
	for _, f := range s.Flows {
		if f.Kind == mapstate.FlowKubectl {
			out = append(out, f.Pod)
		}
	}
	return out
}

// TestTrackerKubectlWrites: a kubectl entry newer than any seen on the object, and fresh,
// is a kubectl flow; the first listing, an old entry, a controller's write (even one that
// takes kubectl's fields over) and the same entries seen again are not.
func TestTrackerKubectlWrites(t *testing.T) {
	at := t0.Add(time.Minute)
	tr := mapstate.NewTracker(0)
	created := []metav1.ManagedFieldsEntry{entry("kubectl-create", metav1.ManagedFieldsOperationUpdate, "", at)}
	tr.SetWritten("deployments/lab/web", created, at, false) // the first listing
	if got := kubectlFlows(tr.Snapshot(at)); len(got) != 0 {
		t.Fatalf("first listing: %q", got)
	}
	// The controller updates the status: its entry is the latest, kubectl's unchanged.
	status := append(created, entry("kube-controller-manager", metav1.ManagedFieldsOperationUpdate, "status", at.Add(time.Second)))
	tr.SetWritten("deployments/lab/web", status, at.Add(time.Second), true)
	if got := kubectlFlows(tr.Snapshot(at.Add(time.Second))); len(got) != 0 {
		t.Fatalf("a controller's write: %q", got)
	}
	// kubectl scale: a new kubectl entry, for the scale subresource, which the API server
	// (1.37) records without a time.
	scaled := append(status, metav1.ManagedFieldsEntry{Manager: "kubectl", Operation: metav1.ManagedFieldsOperationUpdate, Subresource: "scale"})
	tr.SetWritten("deployments/lab/web", scaled, at.Add(2*time.Second), true)
	if got := kubectlFlows(tr.Snapshot(at.Add(2 * time.Second))); len(got) != 1 || got[0] != "deployments/lab/web" {
		t.Fatalf("kubectl scale: %q", got)
	}
	// The same entries again (a resync, a status update that changed no manager): no flow.
	tr.SetWritten("deployments/lab/web", scaled, at.Add(6*time.Second), true)
	if got := kubectlFlows(tr.Snapshot(at.Add(6 * time.Second))); len(got) != 0 {
		t.Fatalf("the same entries again: %q", got)
	}
	// An object created by kubectl long ago, seen for the first time after the listing (a
	// reconnection): too old to be a request of now.
	old := []metav1.ManagedFieldsEntry{entry("kubectl-client-side-apply", metav1.ManagedFieldsOperationUpdate, "", at.Add(-time.Minute))}
	tr.SetWritten("configmaps/lab/old", old, at.Add(7*time.Second), true)
	// A new object created by a controller alone.
	tr.SetWritten("replicasets/lab/web-1", []metav1.ManagedFieldsEntry{entry("kube-controller-manager", metav1.ManagedFieldsOperationUpdate, "", at.Add(7*time.Second))}, at.Add(7*time.Second), true)
	// kubectl edited, then a controller wrote in the same second (one event): a flow.
	edited := append(old, entry("kubectl-edit", metav1.ManagedFieldsOperationUpdate, "", at.Add(7*time.Second)),
		entry("kube-controller-manager", metav1.ManagedFieldsOperationUpdate, "status", at.Add(7*time.Second)))
	tr.SetWritten("configmaps/lab/edited", edited, at.Add(7*time.Second), true)
	if got := kubectlFlows(tr.Snapshot(at.Add(7 * time.Second))); len(got) != 1 || got[0] != "configmaps/lab/edited" {
		t.Fatalf("old kubectl entry, a controller's object, a fresh edit: %q", got)
	}
	// A controller takes over every field kubectl owned: kubectl's entry goes, no flow.
	takenOver := []metav1.ManagedFieldsEntry{entry("kube-controller-manager", metav1.ManagedFieldsOperationUpdate, "", at.Add(15*time.Second))}
	tr.SetWritten("configmaps/lab/edited", takenOver, at.Add(15*time.Second), true)
	if got := kubectlFlows(tr.Snapshot(at.Add(15 * time.Second))); len(got) != 0 {
		t.Fatalf("a controller taking kubectl's fields over: %q", got)
	}
	// A pod labelled with kubectl, through SetPod.
	p := mt.Pod(mt.LabNamespace, "web-1", "kubetutor-worker", "Running", t0)
	p.ManagedFields = []metav1.ManagedFieldsEntry{entry("kube-controller-manager", metav1.ManagedFieldsOperationUpdate, "", t0)}
	tr.SetPod(p, at.Add(8*time.Second))
	tr.MarkSynced()
	p = p.DeepCopy()
	p.ManagedFields = append(p.ManagedFields, entry("kubectl-label", metav1.ManagedFieldsOperationUpdate, "", at.Add(20*time.Second)))
	tr.SetPod(p, at.Add(20*time.Second))
	if got := kubectlFlows(tr.Snapshot(at.Add(20 * time.Second))); len(got) != 1 || got[0] != "pods/lab-panne/web-1" {
		t.Fatalf("kubectl label pod: %q", got)
	}
}

// TestWatcherKubectlFromTheShellRecord: a kubectl command (the k alias too) the lab shell
// records lights the arrow; another command, and the commands recorded before the map
// opened, do not.
func TestWatcherKubectlFromTheShellRecord(t *testing.T) {
	hist := shell.HistoryFile(filepath.Join(t.TempDir(), "shell"))
	if err := shell.Append(hist, shell.Record{Time: time.Now().Add(-time.Minute), Line: "kubectl get nodes"}); err != nil {
		t.Fatal(err)
	}
	client := fake.NewClientset(mt.Cluster{Workers: 1, At: time.Now()}.Objects()...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := mapstate.Watch(ctx, client, mapstate.Options{ShellHistory: hist, ReadyzEvery: 20 * time.Millisecond,
		Probe: func(context.Context) ([]mapstate.Check, error) { return mt.HealthyReadyz(), nil }})
	waitState(t, w, "synced", func(s mapstate.State) bool { return s.Synced })
	time.Sleep(1200 * time.Millisecond) // the record's poll has looked at least once
	if s := w.Snapshot(); s.Flashing(mapstate.FlowKubectl, "", time.Hour) {
		t.Fatal("a command recorded before the map opened lit the arrow")
	}
	if err := shell.Append(hist, shell.Record{Line: "ls -l | grep kube"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1200 * time.Millisecond)
	if s := w.Snapshot(); s.Flashing(mapstate.FlowKubectl, "", time.Hour) {
		t.Fatal("ls lit the arrow")
	}
	if err := shell.Append(hist, shell.Record{Line: "k -n lab-panne get pods -o wide"}); err != nil {
		t.Fatal(err)
	}
	waitState(t, w, "the kubectl arrow lit by the shell's k", func(s mapstate.State) bool {
		return s.Flashing(mapstate.FlowKubectl, "", mapstate.FlowWindow)
	})
}
