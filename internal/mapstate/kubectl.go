package mapstate

import (
	"slices"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// How the map tells kubectl's requests (the kubectl → apiserver arrow). The API server
// records who wrote an object in its managedFields: the field manager kubectl sends is
// « kubectl » (server-side apply, and the default taken from its user agent) or
// « kubectl-VERB » (kubectl-create, kubectl-client-side-apply, kubectl-edit,
// kubectl-scale…). A controller writes under its own name (kube-controller-manager,
// kube-scheduler, kubelet).
const (
	kubectlManager = "kubectl"
	// kubectlFresh is how old a kubectl entry may be and still light the arrow: its time
	// has a one-second precision, and a loaded machine may deliver it seconds later. An
	// older entry is a request of the past (an object first seen long after kubectl
	// made it), not one that just happened.
	kubectlFresh = 30 * time.Second
)

// writerRec is what the tracker keeps of an object's managedFields: its kubectl
// entries, each as manager|operation|subresource|time.
type writerRec struct {
	entries []string
}

// objectKey names an object for the kubectl flows: resource/namespace/name.
func objectKey(resource, namespace, name string) string {
	return resource + "/" + namespace + "/" + name
}

// isKubectlManager reports whether manager is one of kubectl's field managers.
func isKubectlManager(manager string) bool {
	return manager == kubectlManager || strings.HasPrefix(manager, kubectlManager+"-")
}

// kubectlEntry is a kubectl entry of managedFields as a writerRec keeps it.
func kubectlEntry(f metav1.ManagedFieldsEntry) string {
	at := ""
	if f.Time != nil {
		at = f.Time.UTC().Format(time.RFC3339)
	}
	return f.Manager + "|" + string(f.Operation) + "|" + f.Subresource + "|" + at
}

// written records the managedFields of the object key seen at at. When live (after the
// first listing), a kubectl entry that was not there before — a new one, or one the API
// server stamped with a new time — is a kubectl flow, if fresh: the API server rewrites
// an entry's time only when its manager's write changed something, so a controller's
// write leaves kubectl's entries as they were (or removes one, taking its fields over).
// An entry for a subresource (« kubectl scale ») carries no time: it counts when it
// appears. The caller holds mu.
func (t *Tracker) written(key string, fields []metav1.ManagedFieldsEntry, at time.Time, live bool) {
	var entries []string
	wrote := false
	prev := t.writers[key].entries
	for _, f := range fields {
		if !isKubectlManager(f.Manager) {
			continue
		}
		e := kubectlEntry(f)
		entries = append(entries, e)
		if !slices.Contains(prev, e) && (f.Time == nil || at.Sub(f.Time.Time) <= kubectlFresh) {
			wrote = true
		}
	}
	if len(entries) == 0 {
		delete(t.writers, key)
		return
	}
	t.writers[key] = writerRec{entries: entries}
	if live && wrote {
		t.flow(Flow{Kind: FlowKubectl, Pod: key, At: at})
	}
}

// SetWritten records the managedFields of an object other than a pod or a node (a
// Deployment, a Service…), seen at at; live is false during the first listing, when an
// old write must not light the arrow.
func (t *Tracker) SetWritten(key string, fields []metav1.ManagedFieldsEntry, at time.Time, live bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.written(key, fields, at, live)
}

// ForgetWritten forgets a deleted object's managedFields.
func (t *Tracker) ForgetWritten(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.writers, key)
}

// KubectlRan records a kubectl command the lab shell ran at at (its own record says so):
// kubectl talked to the API server, whether or not it wrote anything.
func (t *Tracker) KubectlRan(at time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.flow(Flow{Kind: FlowKubectl, At: at})
}
