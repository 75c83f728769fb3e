package mapstate

import (
	"sort"
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
	// has a one-second precision, and an informer may deliver it a moment later. An
	// older entry is a relist or a reconnection, not a request that just happened.
	kubectlFresh = 5 * time.Second
)

// writerRec is what the tracker keeps of an object's managedFields: the signature of its
// kubectl entries ("" when it has none).
type writerRec struct {
	sig string
}

// objectKey names an object for the kubectl flows: resource/namespace/name.
func objectKey(resource, namespace, name string) string {
	return resource + "/" + namespace + "/" + name
}

// isKubectlManager reports whether manager is one of kubectl's field managers.
func isKubectlManager(manager string) bool {
	return manager == kubectlManager || strings.HasPrefix(manager, kubectlManager+"-")
}

// kubectlWrite reads managedFields: the signature of the kubectl entries, the newest of
// their times, and whether that kubectl entry is the object's latest write (no other
// manager's entry is newer).
func kubectlWrite(fields []metav1.ManagedFieldsEntry) (sig string, newest time.Time, latest bool) {
	var parts []string
	var other time.Time
	for _, f := range fields {
		var at time.Time
		if f.Time != nil {
			at = f.Time.Time
		}
		if !isKubectlManager(f.Manager) {
			if at.After(other) {
				other = at
			}
			continue
		}
		parts = append(parts, f.Manager+"|"+string(f.Operation)+"|"+f.Subresource+"|"+at.UTC().Format(time.RFC3339))
		if at.After(newest) {
			newest = at
		}
	}
	if len(parts) == 0 {
		return "", time.Time{}, false
	}
	sort.Strings(parts)
	return strings.Join(parts, ";"), newest, !other.After(newest)
}

// written records the managedFields of the object key seen at at; when live (after the
// first listing), a kubectl entry that changed, is fresh and is the object's latest write
// is a kubectl flow. The caller holds mu.
func (t *Tracker) written(key string, fields []metav1.ManagedFieldsEntry, at time.Time, live bool) {
	sig, newest, latest := kubectlWrite(fields)
	prev := t.writers[key]
	if sig == "" {
		delete(t.writers, key)
		return
	}
	t.writers[key] = writerRec{sig: sig}
	if live && sig != prev.sig && latest && at.Sub(newest) <= kubectlFresh {
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
