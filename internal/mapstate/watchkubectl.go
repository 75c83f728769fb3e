package mapstate

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/tools/cache"

	"kubetutor/internal/kubeinformer"
	"kubetutor/labs/shell"
)

// writtenResources are the objects, besides pods and nodes (their informers are there
// already), whose managedFields the map reads to see kubectl write: what the labs and a
// student's kubectl commonly create, edit, scale or label. Only their metadata is
// watched.
var writtenResources = []schema.GroupVersionResource{
	{Group: "apps", Version: "v1", Resource: "deployments"},
	{Group: "apps", Version: "v1", Resource: "replicasets"},
	{Group: "apps", Version: "v1", Resource: "statefulsets"},
	{Group: "apps", Version: "v1", Resource: "daemonsets"},
	{Version: "v1", Resource: "services"},
	{Version: "v1", Resource: "configmaps"},
	{Version: "v1", Resource: "secrets"},
	{Version: "v1", Resource: "serviceaccounts"},
	{Version: "v1", Resource: "persistentvolumeclaims"},
	{Version: "v1", Resource: "namespaces"},
	{Group: "batch", Version: "v1", Resource: "jobs"},
	{Group: "batch", Version: "v1", Resource: "cronjobs"},
	{Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"},
	{Group: "autoscaling", Version: "v2", Resource: "horizontalpodautoscalers"},
	{Group: "policy", Version: "v1", Resource: "poddisruptionbudgets"},
}

// watchWriters starts metadata informers on writtenResources; objects outside namespaces
// (cluster-scoped ones excepted) are left out. They do not hold up Synced: a resource the
// API does not serve only retries in the background.
func (w *Watcher) watchWriters(ctx context.Context, md metadata.Interface, namespaces map[string]bool) {
	var set kubeinformer.Set
	for _, gvr := range writtenResources {
		resource := gvr.Resource
		seen := func(obj any, live bool) {
			m, ok := obj.(*metav1.PartialObjectMetadata)
			if !ok || (m.Namespace != "" && !namespaces[m.Namespace]) {
				return
			}
			w.tracker.SetWritten(objectKey(resource, m.Namespace, m.Name), m.ManagedFields, w.now(), live)
			w.notify()
		}
		inf := set.Add(kubeinformer.New(md, md.Resource(gvr).Namespace(metav1.NamespaceAll), &metav1.PartialObjectMetadata{}))
		_, _ = inf.AddEventHandler(cache.ResourceEventHandlerDetailedFuncs{
			AddFunc:    func(obj any, initial bool) { seen(obj, !initial) },
			UpdateFunc: func(_, obj any) { seen(obj, true) },
			DeleteFunc: func(obj any) {
				if m, ok := unwrap(obj).(*metav1.PartialObjectMetadata); ok {
					w.tracker.ForgetWritten(objectKey(resource, m.Namespace, m.Name))
				}
			},
		})
	}
	set.Start(ctx.Done())
}

// shellEvery is how often the lab shell's record is looked at when no file event came
// (a file system without notifications).
const shellEvery = time.Second

// followShell reads the lab shell's command record at path as it grows: each kubectl
// command (the k alias too) that ends after the watcher started is a kubectl flow.
func (w *Watcher) followShell(ctx context.Context, path string) {
	since := w.now()
	var size int64 = -1
	var mod time.Time
	check := func() {
		fi, err := os.Stat(path)
		if err != nil || (fi.Size() == size && fi.ModTime().Equal(mod)) {
			return
		}
		size, mod = fi.Size(), fi.ModTime()
		recs, err := shell.Read(path, since)
		if err != nil {
			return
		}
		for _, r := range recs {
			if !r.Time.After(since) {
				continue
			}
			since = r.Time
			for _, argv := range r.Commands() {
				if len(argv) > 0 && argv[0] == kubectlManager {
					w.tracker.KubectlRan(w.now())
					w.notify()
					break
				}
			}
		}
	}
	var events <-chan fsnotify.Event
	if fw, err := fsnotify.NewWatcher(); err == nil {
		defer fw.Close()
		if fw.Add(filepath.Dir(path)) == nil {
			events = fw.Events
		}
	}
	t := time.NewTicker(shellEvery)
	defer t.Stop()
	check()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if filepath.Clean(ev.Name) == filepath.Clean(path) {
				check()
			}
		case <-t.C:
			check()
		}
	}
}
