package kubeinformer

import (
	"context"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/tools/cache"
)

// seen records the names an informer's handler was given, per event.
type seen struct {
	mu     sync.Mutex
	events []string
}

func (s *seen) add(ev string, obj any) {
	if d, ok := obj.(cache.DeletedFinalStateUnknown); ok {
		obj = d.Obj
	}
	o, ok := obj.(metav1.Object)
	if !ok {
		return
	}
	m := o.GetNamespace() + "/" + o.GetName()
	s.mu.Lock()
	s.events = append(s.events, ev+" "+m)
	s.mu.Unlock()
}

func (s *seen) handler() cache.ResourceEventHandlerFuncs {
	return cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { s.add("add", obj) },
		UpdateFunc: func(_, obj any) { s.add("update", obj) },
		DeleteFunc: func(obj any) { s.add("delete", obj) },
	}
}

func (s *seen) waitFor(t *testing.T, ev string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		s.mu.Lock()
		for _, e := range s.events {
			if e == ev {
				s.mu.Unlock()
				return
			}
		}
		s.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("never saw %q; saw %v", ev, s.events)
}

func pod(ns, name string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name}}
}

func TestTypedInformerListsWatchesAndStops(t *testing.T) {
	client := fake.NewClientset(pod("lab", "before"), pod("other", "elsewhere"))
	var set Set
	var s seen
	inf := set.Add(New(client, client.CoreV1().Pods("lab"), &corev1.Pod{}))
	if _, err := inf.AddEventHandler(s.handler()); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	set.Start(stop)
	if !set.WaitForCacheSync(stop) {
		t.Fatal("the informer never synced")
	}
	s.waitFor(t, "add lab/before")

	ctx := context.Background()
	if _, err := client.CoreV1().Pods("lab").Create(ctx, pod("lab", "after"), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, "add lab/after")
	if err := client.CoreV1().Pods("lab").Delete(ctx, "before", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, "delete lab/before")
	s.mu.Lock()
	for _, e := range s.events {
		if e == "add other/elsewhere" {
			t.Errorf("an informer on namespace lab saw %s", e)
		}
	}
	s.mu.Unlock()

	close(stop)
	done := make(chan struct{})
	go func() { set.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Wait did not return after stop was closed")
	}
}

func TestDynamicInformer(t *testing.T) {
	gvr := schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}
	obj := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]any{"namespace": "lab", "name": "web"},
	}}
	client := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(),
		map[schema.GroupVersionResource]string{gvr: "DeploymentList"}, obj)
	var set Set
	var s seen
	inf := set.Add(New(client, client.Resource(gvr).Namespace("lab"), &unstructured.Unstructured{}))
	if _, err := inf.AddEventHandler(s.handler()); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	defer func() { close(stop); set.Wait() }()
	set.Start(stop)
	if !set.WaitForCacheSync(stop) {
		t.Fatal("the informer never synced")
	}
	s.waitFor(t, "add lab/web")
}

func TestStartOnlyStartsWhatIsNew(t *testing.T) {
	client := fake.NewClientset(pod("a", "p"), pod("b", "q"))
	var set Set
	var s seen
	_, _ = set.Add(New(client, client.CoreV1().Pods("a"), &corev1.Pod{})).AddEventHandler(s.handler())
	stop := make(chan struct{})
	defer func() { close(stop); set.Wait() }()
	set.Start(stop)
	_, _ = set.Add(New(client, client.CoreV1().Pods("b"), &corev1.Pod{})).AddEventHandler(s.handler())
	set.Start(stop) // starts b; a again would panic (an informer runs once)
	if !set.WaitForCacheSync(stop) {
		t.Fatal("the informers never synced")
	}
	s.waitFor(t, "add a/p")
	s.waitFor(t, "add b/q")
}
