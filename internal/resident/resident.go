// Package resident keeps the full binary's resident size small while its TUI runs (the
// lab screen, its shell, the map). Two measures, both measured with bench's
// BenchmarkTermRSS:
//
//   - ReleaseStartup drops this process's mappings of the binary's code and read-only
//     data, so that the pages only the start-up touched (package initialization:
//     client-go's scheme, chroma's lexers, the command tree...) leave its resident
//     size. They are clean pages of the executable file: the page cache keeps them,
//     and a page the running screen uses is mapped again by a minor fault.
//   - ReturnIdleHeap gives the heap left over by a burst of output (100,000 lines in
//     the shell) back to the system once the burst is over, instead of keeping it
//     resident until the next one. (A soft memory limit did it too, but made the
//     collector run and the pages fault in again during the burst: four times the CPU
//     time for a 5 MB YAML dump.)
package resident

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// Quiet is how long without a garbage collection ReturnIdleHeap takes for the end of a
// burst: while output streams the lab screen collects several times a second.
const Quiet = time.Second

// ReturnIdleHeap watches garbage collections until stop is called: once none ran for
// quiet after automatic ones, it collects and gives every free page back to the system
// (debug.FreeOSMemory): the garbage of the burst, found only by a collection, and the
// free pages the runtime would keep for the next one. That collection is a forced one:
// the pause after it finds no automatic one and gives nothing. So there is one per
// pause after automatic collections, and none while the program does not allocate
// (the idle lab screen).
func ReturnIdleHeap(quiet time.Duration) (stop func()) {
	r := &returner{quiet: quiet, returned: heapMetrics().automatic}
	r.arm()
	return r.stop
}

type returner struct {
	mu       sync.Mutex
	quiet    time.Duration
	timer    *time.Timer
	stopped  bool
	returned uint64 // automatic collections there had been at the last return
}

// arm calls collected after the next garbage collection, and again after each one: a
// cleanup attached to an object nothing references runs once a cycle has found it
// unreachable.
func (r *returner) arm() {
	runtime.AddCleanup(new(sentinel), func(r *returner) {
		if r.collected() {
			r.arm()
		}
	}, r)
}

// sentinel is big enough to not come from the tiny allocator, whose blocks are freed
// (and their cleanups run) only when every object in them is unreachable.
type sentinel struct{ _ [32]byte }

// collected (re)starts the quiet timer after a collection; it reports false once
// stopped. It does not look at which collection it was: a cleanup that runs while a
// cycle is marking sees that cycle uncounted, and its new sentinel survives that cycle;
// quietNow reads the counts once the pause has come.
func (r *returner) collected() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped {
		return false
	}
	if r.timer == nil {
		r.timer = time.AfterFunc(r.quiet, r.quietNow)
	} else {
		r.timer.Reset(r.quiet)
	}
	return true
}

// quietNow gives the heap back if an automatic collection ran since the last time:
// after its own forced collection it finds none and stops there.
func (r *returner) quietNow() {
	r.mu.Lock()
	n := heapMetrics().automatic
	give := !r.stopped && n != r.returned
	r.returned = n
	r.mu.Unlock()
	if give {
		debug.FreeOSMemory()
	}
}

// heap is what the runtime says of its heap.
type heap struct {
	held      uint64 // bytes mapped and not given back: objects (live or dead), fragments, free pages
	automatic uint64 // automatic collections so far
	forced    uint64 // forced collections so far (runtime.GC, debug.FreeOSMemory)
}

var heapSamples = []string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/heap/unused:bytes",
	"/memory/classes/heap/free:bytes",
	"/gc/cycles/automatic:gc-cycles",
	"/gc/cycles/forced:gc-cycles",
}

func heapMetrics() heap {
	s := make([]metrics.Sample, len(heapSamples))
	for i, n := range heapSamples {
		s[i].Name = n
	}
	metrics.Read(s)
	v := make([]uint64, len(s))
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	return heap{held: v[0] + v[1] + v[2], automatic: v[3], forced: v[4]}
}

// HeldHeap returns the bytes of heap the process holds: objects, live or not yet
// collected, and free pages not given back to the system.
func HeldHeap() uint64 { return heapMetrics().held }

func (r *returner) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopped = true
	if r.timer != nil {
		r.timer.Stop()
	}
}
