package mapstate

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/tools/cache"

	"kubetutor/internal/kubeinformer"
)

// DefaultReadyzEvery is how often the Watcher asks the API server's /readyz?verbose: one
// small GET a second, so an API server that stops answering shows within about a second.
const DefaultReadyzEvery = time.Second

// Prober asks the API server which readiness checks pass. An error means it could not be
// reached; an answer that says « not ready » is not an error.
type Prober func(ctx context.Context) ([]Check, error)

// Options tune a Watcher.
type Options struct {
	// Namespaces are the lab namespaces whose pods the map shows (kube-system is always
	// watched, for the components).
	Namespaces []string
	// GracePeriod is the silence after which a node is marked down; when zero it is read
	// from the cluster: kube-controller-manager's --node-monitor-grace-period when its
	// pod is visible, else the default of the API server's version.
	GracePeriod time.Duration
	// Metadata, when set, watches the metadata of common objects (Deployments,
	// Services…) of the namespaces: their managedFields tell kubectl's writes.
	Metadata metadata.Interface
	// ShellHistory is the lab shell's command record (labs/shell), "" for none: a kubectl
	// command it records lights the kubectl arrow.
	ShellHistory string
	// ReadyzEvery is the /readyz poll period (DefaultReadyzEvery when zero).
	ReadyzEvery time.Duration
	// Probe replaces the /readyz GET (tests with a fake clientset).
	Probe Prober
	// Now replaces time.Now (tests).
	Now func() time.Time
}

// Watcher feeds a Tracker from shared informers on nodes, node leases, kube-system's pods
// and leases and the lab namespaces' pods, and from a /readyz poll.
type Watcher struct {
	tracker *Tracker
	changed chan struct{}
	done    <-chan struct{}
	now     func() time.Time
	// version reads the API server's version (nil once read, or when the grace period
	// is given).
	version func(ctx context.Context) (string, error)
}

// Watch starts watching the cluster of client until ctx ends. Its Changed channel
// receives (coalesced) after each change.
func Watch(ctx context.Context, client kubernetes.Interface, opts Options) *Watcher {
	w := &Watcher{tracker: NewTracker(opts.GracePeriod), changed: make(chan struct{}, 1), done: ctx.Done(), now: opts.Now}
	if w.now == nil {
		w.now = time.Now
	}
	if opts.GracePeriod <= 0 {
		w.version = func(context.Context) (string, error) {
			info, err := client.Discovery().ServerVersion()
			if err != nil {
				return "", err
			}
			return info.GitVersion, nil
		}
	}
	probe := opts.Probe
	if probe == nil {
		probe = ReadyzProber(client)
	}
	every := opts.ReadyzEvery
	if every <= 0 {
		every = DefaultReadyzEvery
	}
	var set kubeinformer.Set
	w.onNodes(set.Add(kubeinformer.New(client, client.CoreV1().Nodes(), &corev1.Node{})))
	for _, ns := range []string{NodeLeaseNamespace, SystemNamespace} {
		w.onLeases(set.Add(kubeinformer.New(client, client.CoordinationV1().Leases(ns), &coordinationv1.Lease{})))
	}
	w.onPods(set.Add(kubeinformer.New(client, client.CoreV1().Pods(SystemNamespace), &corev1.Pod{})))
	seen := map[string]bool{SystemNamespace: true}
	for _, ns := range opts.Namespaces {
		if ns == "" || seen[ns] {
			continue
		}
		seen[ns] = true
		w.onPods(set.Add(kubeinformer.New(client, client.CoreV1().Pods(ns), &corev1.Pod{})))
	}
	set.Start(ctx.Done())
	if opts.Metadata != nil {
		w.watchWriters(ctx, opts.Metadata, seen)
	}
	if opts.ShellHistory != "" {
		go w.followShell(ctx, opts.ShellHistory)
	}
	go func() {
		set.WaitForCacheSync(ctx.Done())
		if ctx.Err() == nil {
			w.tracker.MarkSynced()
			w.notify()
		}
	}()
	go w.poll(ctx, probe, every)
	return w
}

// Tracker is the watcher's tracker.
func (w *Watcher) Tracker() *Tracker { return w.tracker }

// Changed receives after changes; several changes may make one receive.
func (w *Watcher) Changed() <-chan struct{} { return w.changed }

// Done is closed when the watcher stops (its context ended).
func (w *Watcher) Done() <-chan struct{} { return w.done }

// Snapshot is the map's state now.
func (w *Watcher) Snapshot() State { return w.tracker.Snapshot(w.now()) }

func (w *Watcher) notify() {
	select {
	case w.changed <- struct{}{}:
	default:
	}
}

// poll asks probe every period until ctx ends.
func (w *Watcher) poll(ctx context.Context, probe Prober, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		pctx, cancel := context.WithTimeout(ctx, max(every-every/10, 100*time.Millisecond))
		checks, err := probe(pctx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		w.tracker.SetReadyz(checks, err, w.now())
		if err == nil && w.version != nil {
			if v, verr := w.version(ctx); verr == nil {
				w.tracker.SetServerVersion(v)
				w.version = nil
			}
		}
		w.notify()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// onNodes, onLeases and onPods feed an informer's objects to the tracker.
func (w *Watcher) onNodes(inf cache.SharedIndexInformer) {
	watch(w, inf,
		func(n *corev1.Node) { w.tracker.SetNode(n, w.now()) },
		func(n *corev1.Node) { w.tracker.DeleteNode(n.Name) })
}

func (w *Watcher) onLeases(inf cache.SharedIndexInformer) {
	watch(w, inf,
		func(l *coordinationv1.Lease) { w.tracker.SetLease(l, w.now()) },
		func(l *coordinationv1.Lease) { w.tracker.DeleteLease(l.Namespace, l.Name) })
}

func (w *Watcher) onPods(inf cache.SharedIndexInformer) {
	watch(w, inf,
		func(p *corev1.Pod) { w.tracker.SetPod(p, w.now()) },
		func(p *corev1.Pod) { w.tracker.DeletePod(p.Namespace, p.Name, w.now()) })
}

// watch calls set for every object of type T the informer adds or updates and del for
// every one it deletes (a deletion it missed the end of included), then redraws.
func watch[T any](w *Watcher, inf cache.SharedIndexInformer, set, del func(T)) {
	apply := func(obj any, f func(T)) {
		if o, ok := obj.(T); ok {
			f(o)
			w.notify()
		}
	}
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { apply(obj, set) },
		UpdateFunc: func(_, obj any) { apply(obj, set) },
		DeleteFunc: func(obj any) { apply(unwrap(obj), del) },
	})
}

// unwrap returns the object of a deletion the informer missed the end of.
func unwrap(obj any) any {
	if d, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		return d.Obj
	}
	return obj
}

// ReadyzProber asks client's API server GET /readyz?verbose.
func ReadyzProber(client kubernetes.Interface) Prober {
	return func(ctx context.Context) ([]Check, error) {
		rc := client.Discovery().RESTClient()
		if rc == nil {
			return nil, errors.New("no REST client to reach /readyz")
		}
		res := rc.Get().AbsPath("/readyz").Param("verbose", "true").Do(ctx)
		var code int
		res.StatusCode(&code)
		body, err := res.Raw()
		if code == 0 {
			if err == nil {
				err = errors.New("no answer")
			}
			return nil, err
		}
		checks := ParseReadyz(string(body))
		if len(checks) == 0 && err != nil {
			return nil, fmt.Errorf("readyz: HTTP %d: %w", code, err)
		}
		return checks, nil
	}
}

// ParseReadyz reads the checks of a /readyz?verbose body: « [+]etcd ok », « [-]etcd
// failed: reason withheld ».
func ParseReadyz(body string) []Check {
	var out []Check
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		var ok bool
		switch {
		case strings.HasPrefix(line, "[+]"):
			ok = true
		case strings.HasPrefix(line, "[-]"):
		default:
			continue
		}
		name, _, _ := strings.Cut(line[3:], " ")
		out = append(out, Check{Name: name, OK: ok})
	}
	return out
}
