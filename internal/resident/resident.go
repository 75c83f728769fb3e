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

// MinReturned is the least free heap ReturnIdleHeap gives back: below it, what a
// collection of the idle screen leaves is not worth one more collection.
const MinReturned = 4 << 20

// ReturnIdleHeap watches garbage collections until stop is called: once none ran for
// quiet, and at least min bytes of the heap are free but still held by the process, it
// gives them back to the system (debug.FreeOSMemory: one more collection, then every
// free page returned). An idle program that does not allocate does not collect: the
// watch costs nothing then.
func ReturnIdleHeap(quiet time.Duration, min uint64) (stop func()) {
	r := &returner{quiet: quiet, min: min}
	r.arm()
	return r.stop
}

type returner struct {
	mu      sync.Mutex
	quiet   time.Duration
	min     uint64
	timer   *time.Timer
	stopped bool
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
// stopped.
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

// quietNow gives the free heap back when there is enough of it. Its own collection
// restarts the timer once more, and then finds nothing to give back.
func (r *returner) quietNow() {
	r.mu.Lock()
	stopped := r.stopped
	r.mu.Unlock()
	if !stopped && FreeHeap() >= r.min {
		debug.FreeOSMemory()
	}
}

// FreeHeap returns the bytes of heap that are free but not yet given back to the system.
func FreeHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

func (r *returner) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stopped = true
	if r.timer != nil {
		r.timer.Stop()
	}
}
