package archmap

import (
	"testing"
	"time"

	"kubetutor/i18n"
	mt "kubetutor/internal/mapstate/mapstatetest"
	"kubetutor/tui/render"
)

// benchRedraw measures one redraw as the screen does it on a change: a snapshot of the
// tracker, then the drawing, at w×h in the dark theme (colors on). Besides the wall
// time it reports the CPU time per redraw (cpu-ms/op), which a loaded machine does not
// inflate as much.
func benchRedraw(b *testing.B, workers, pods, w, h int) {
	tr := mt.Cluster{Workers: workers, Pods: pods}.Tracker()
	o := options(i18n.FR, render.Dark, w, h)
	at := t0.Add(2 * time.Second)
	b.ReportAllocs()
	cpu := mt.CPUTime()
	for b.Loop() {
		s := tr.Snapshot(at)
		if f := Draw(s, o); f.View == "" {
			b.Fatal("empty frame")
		}
	}
	mt.ReportCPU(b, cpu)
}

// BenchmarkRedraw3Nodes40Pods: the lab cluster (target under 5 ms).
func BenchmarkRedraw3Nodes40Pods(b *testing.B) { benchRedraw(b, 2, 40, 120, 40) }

// BenchmarkRedraw3Nodes40PodsCompact: the same at 80x24.
func BenchmarkRedraw3Nodes40PodsCompact(b *testing.B) { benchRedraw(b, 2, 40, 80, 24) }

// BenchmarkRedraw50Nodes2000Pods: a large cluster (target under 50 ms).
func BenchmarkRedraw50Nodes2000Pods(b *testing.B) { benchRedraw(b, 49, 2000, 200, 60) }
