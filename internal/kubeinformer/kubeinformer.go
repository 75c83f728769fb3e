// Package kubeinformer makes shared informers on one resource without client-go's
// informer factories: k8s.io/client-go/informers (which dynamicinformer and
// metadatainformer import for one interface) links the informers and listers of every
// API group, 2.5 MB of the full binary, for the three resources kubetutor watches with
// typed objects.
package kubeinformer

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
)

// Resource lists and watches one resource, in one namespace or all: what a typed,
// dynamic or metadata client returns for it (client.CoreV1().Pods(ns),
// dyn.Resource(gvr).Namespace(ns), md.Resource(gvr).Namespace(ns)).
type Resource[L runtime.Object] interface {
	List(ctx context.Context, opts metav1.ListOptions) (L, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

// New returns a shared informer of r's objects, of example's type, that never resyncs.
// client is the client r comes from: a fake clientset says through it that it cannot
// stream its lists (watch-list), as with the factories.
func New[L runtime.Object](client any, r Resource[L], example runtime.Object) cache.SharedIndexInformer {
	lw := &cache.ListWatch{
		ListWithContextFunc: func(ctx context.Context, opts metav1.ListOptions) (runtime.Object, error) {
			return r.List(ctx, opts)
		},
		WatchFuncWithContext: func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
			return r.Watch(ctx, opts)
		},
	}
	return cache.NewSharedIndexInformerWithOptions(cache.ToListWatcherWithWatchListSemantics(lw, client),
		example, cache.SharedIndexInformerOptions{})
}

// Set is informers started together, as a factory starts them.
type Set struct {
	informers []cache.SharedIndexInformer
	done      []chan struct{}
}

// Add adds inf to the set and returns it.
func (s *Set) Add(inf cache.SharedIndexInformer) cache.SharedIndexInformer {
	s.informers = append(s.informers, inf)
	return inf
}

// Start runs the informers added since the last Start until stop is closed.
func (s *Set) Start(stop <-chan struct{}) {
	for _, inf := range s.informers[len(s.done):] {
		done := make(chan struct{})
		s.done = append(s.done, done)
		go func() {
			defer close(done)
			inf.Run(stop)
		}()
	}
}

// WaitForCacheSync waits until every informer has listed its objects, or stop is
// closed; it reports whether they all did.
func (s *Set) WaitForCacheSync(stop <-chan struct{}) bool {
	synced := make([]cache.InformerSynced, len(s.informers))
	for i, inf := range s.informers {
		synced[i] = inf.HasSynced
	}
	return cache.WaitForCacheSync(stop, synced...)
}

// Wait waits until the started informers have stopped (after stop was closed).
func (s *Set) Wait() {
	for _, d := range s.done {
		<-d
	}
}
