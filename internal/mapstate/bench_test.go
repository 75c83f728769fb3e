package mapstate_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
)

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkMapMemory2000Pods measures the heap the map holds while open on a cluster of 50
// nodes and 2,000 lab pods: the informers' caches and the tracker, fed by a fake
// clientset (whose own copy of the objects is measured before and left out).
func BenchmarkMapMemory2000Pods(b *testing.B) {
	objs := mt.Cluster{Workers: 49, Pods: 2000}.Objects()
	probe := func(context.Context) ([]mapstate.Check, error) { return mt.HealthyReadyz(), nil }
	var total, tracker uint64
	for i := 0; i < b.N; i++ {
		client := fake.NewClientset(objs...)
		before := heap()
		ctx, cancel := context.WithCancel(context.Background())
		w := mapstate.Watch(ctx, client, mapstate.Options{Namespaces: []string{mt.LabNamespace}, Probe: probe})
		for s := w.Snapshot(); !s.Synced || len(s.Nodes) != 50; s = w.Snapshot() {
			time.Sleep(10 * time.Millisecond)
		}
		total += heap() - before
		cancel()
		before = heap()
		t := mt.Cluster{Workers: 49, Pods: 2000}.Tracker()
		tracker += heap() - before
		runtime.KeepAlive(t)
	}
	b.ReportMetric(float64(total)/float64(b.N)/(1<<20), "MiB-open")
	b.ReportMetric(float64(tracker)/float64(b.N)/(1<<20), "MiB-tracker")
}

// BenchmarkSnapshot2000Pods measures one snapshot of the 50-node, 2,000-pod state.
func BenchmarkSnapshot2000Pods(b *testing.B) {
	tr := mt.Cluster{Workers: 49, Pods: 2000}.Tracker()
	at := mt.Epoch.Add(time.Second)
	b.ReportAllocs()
	cpu := mt.CPUTime()
	for b.Loop() {
		tr.Snapshot(at)
	}
	mt.ReportCPU(b, cpu)
}
