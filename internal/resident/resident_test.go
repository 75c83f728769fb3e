package resident

import (
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

var garbage [][]byte

// makeGarbage allocates and touches n bytes, kept live while it allocates (the
// collector runs on its own, automatically, as the heap grows), then drops them: the
// heap holds n bytes of garbage that no collection has found yet. It starts from a
// small heap (the previous test's garbage given back), whose goal the burst passes.
func makeGarbage(n int) {
	debug.FreeOSMemory()
	for i := 0; i < n; i += 1 << 20 {
		b := make([]byte, 1<<20)
		for j := range b {
			b[j] = byte(j)
		}
		garbage = append(garbage, b)
	}
	garbage = nil
}

// waitHeld waits until HeldHeap satisfies ok, or fails after within.
func waitHeld(t *testing.T, what string, within time.Duration, ok func(uint64) bool) {
	t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); {
		if ok(HeldHeap()) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the heap held (%d bytes) never %s", HeldHeap(), what)
}

func TestReturnIdleHeapGivesABurstsHeapBack(t *testing.T) {
	const quiet = 200 * time.Millisecond
	stop := ReturnIdleHeap(quiet)
	defer stop()
	// The burst's garbage is not collected yet when it ends: the heap holds it as
	// objects, not as free pages.
	makeGarbage(64 << 20)
	if held := HeldHeap(); held < 48<<20 {
		t.Fatalf("only %d bytes held after a 64 MiB burst: the test measures nothing", held)
	}
	start := time.Now()
	// Without ReturnIdleHeap no collection runs and the garbage stays held: a generous
	// wait only spares a loaded machine.
	waitHeld(t, "went back to the system", quiet+5*time.Second, func(h uint64) bool { return h < 24<<20 })
	if waited := time.Since(start); waited < quiet/2 {
		t.Errorf("given back after %v, before the quiet time (%v) had passed", waited, quiet)
	}
}

func TestReturnIdleHeapCollectsOncePerPause(t *testing.T) {
	const quiet = 100 * time.Millisecond
	stop := ReturnIdleHeap(quiet)
	defer stop()
	// Counted from before the burst: on a loaded machine the pause may start before
	// makeGarbage returns. makeGarbage forces one collection itself.
	before := heapMetrics().forced + 1
	makeGarbage(32 << 20)
	// Nothing allocates now: one forced collection after quiet, and its own cycle does
	// not start the wait again.
	for deadline := time.Now().Add(quiet + 5*time.Second); heapMetrics().forced == before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(5 * quiet)
	if n := heapMetrics().forced - before; n != 1 {
		t.Errorf("%d forced collections in the pause after a burst, want 1", n)
	}
}

func TestReturnIdleHeapStops(t *testing.T) {
	stop := ReturnIdleHeap(50 * time.Millisecond)
	stop()
	makeGarbage(32 << 20)
	before := HeldHeap()
	time.Sleep(time.Second + 300*time.Millisecond)
	if after := HeldHeap(); after < before/2 {
		t.Errorf("the heap held went from %d to %d bytes after stop", before, after)
	}
}

func TestHeapMetricsAreKnown(t *testing.T) {
	for _, n := range heapSamples {
		found := false
		for _, d := range metrics.All() {
			found = found || d.Name == n
		}
		if !found {
			t.Errorf("the runtime has no metric %s", n)
		}
	}
}
