package resident

import (
	"runtime"
	"testing"
	"time"
)

var garbage [][]byte

// makeGarbage allocates and touches n bytes, then drops them: after a collection they
// are free heap the process still holds.
func makeGarbage(n int) {
	for i := 0; i < n; i += 1 << 20 {
		b := make([]byte, 1<<20)
		for j := range b {
			b[j] = byte(j)
		}
		garbage = append(garbage, b)
	}
	garbage = nil
}

// waitFree waits until FreeHeap satisfies ok, or fails after within. (The runtime's
// background scavenger gives pages back too, but slowly: TestReturnIdleHeapStops.)
func waitFree(t *testing.T, what string, within time.Duration, ok func(uint64) bool) {
	t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); {
		if ok(FreeHeap()) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the free heap (%d bytes) never %s", FreeHeap(), what)
}

func TestReturnIdleHeapGivesABurstsHeapBack(t *testing.T) {
	const quiet = 200 * time.Millisecond
	stop := ReturnIdleHeap(quiet, MinReturned)
	defer stop()
	makeGarbage(64 << 20)
	runtime.GC()
	// runtime.GC sweeps but does not return the pages: the free heap is the burst's.
	if free := FreeHeap(); free < 32<<20 {
		t.Fatalf("only %d bytes free after a 64 MiB burst: the test measures nothing", free)
	}
	start := time.Now()
	waitFree(t, "went back to the system", quiet+time.Second, func(f uint64) bool { return f < MinReturned })
	if waited := time.Since(start); waited < quiet/2 {
		t.Errorf("given back after %v, before the quiet time (%v) had passed", waited, quiet)
	}
}

func TestReturnIdleHeapKeepsAFewFreePages(t *testing.T) {
	stop := ReturnIdleHeap(50*time.Millisecond, 1<<40) // more than any test frees
	defer stop()
	makeGarbage(32 << 20)
	runtime.GC()
	before := FreeHeap()
	time.Sleep(300 * time.Millisecond)
	if after := FreeHeap(); after < before/2 {
		t.Errorf("free heap went from %d to %d bytes: given back under the minimum", before, after)
	}
}

func TestReturnIdleHeapStops(t *testing.T) {
	stop := ReturnIdleHeap(50*time.Millisecond, MinReturned)
	stop()
	makeGarbage(32 << 20)
	runtime.GC()
	before := FreeHeap()
	time.Sleep(time.Second + 300*time.Millisecond)
	if after := FreeHeap(); after < before/2 {
		t.Errorf("free heap went from %d to %d bytes after stop", before, after)
	}
}
