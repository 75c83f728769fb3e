// Package resident keeps the full binary's resident size small while its TUI runs (the
// lab screen, its shell, the map). Two measures, both measured with bench's
// BenchmarkTermRSS:
//
//   - ReleaseStartup drops, once the screen is up, this process's mappings of the
//     binary's pages that only the start-up touched (package initialization: client-go's
//     scheme, chroma's lexers, the command tree...). They are clean pages of the
//     executable file: the page cache keeps them, and a page used again is mapped again
//     by a minor fault.
//   - LimitHeap sets a soft memory limit that follows the live heap, so that the heap
//     left over by a burst of output (100,000 lines in the shell) goes back to the
//     system instead of staying resident until the next burst.
package resident

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Floor is the smallest soft memory limit LimitHeap sets: the lab screen's live heap is
// about 13 MB (a third of it the emulator's parser buffer, never touched), its stacks and
// the runtime's own memory about 6 MB.
const Floor = 24 << 20

// limitFor returns the soft memory limit for a live heap of live bytes: half the live
// heap again plus 4 MiB for stacks and the runtime's own memory, at least floor. The
// limit grows with the live heap, so the collector never runs much more often than with
// GOGC=50: a large heap (a big cluster's objects) cannot make it collect without end.
func limitFor(live, floor uint64) int64 {
	l := live + live/2 + 4<<20
	l = max(l, floor)
	if l > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(l)
}

// LimitHeap sets a soft memory limit (debug.SetMemoryLimit) of limitFor(live heap,
// floor), updated after every garbage collection, until stop is called; stop restores
// the limit there was. It does nothing when GOGC or GOMEMLIMIT is set in the
// environment: the person running the program chose.
func LimitHeap(floor uint64) (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	l := &limiter{floor: floor, before: debug.SetMemoryLimit(-1)}
	l.update()
	l.arm()
	return l.stop
}

type limiter struct {
	mu      sync.Mutex
	floor   uint64
	before  int64
	stopped bool
	sample  [1]metrics.Sample
}

// arm runs update after the next garbage collection, and again after each one: a
// cleanup attached to an object nothing references runs once a cycle has found it
// unreachable.
func (l *limiter) arm() {
	runtime.AddCleanup(new(sentinel), func(l *limiter) {
		if l.update() {
			l.arm()
		}
	}, l)
}

// sentinel is big enough to not come from the tiny allocator, whose blocks are freed
// (and their cleanups run) only when every object in them is unreachable.
type sentinel struct{ _ [32]byte }

// update sets the limit for the live heap the last cycle measured; it reports false
// once stopped.
func (l *limiter) update() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stopped {
		return false
	}
	l.sample[0].Name = "/gc/heap/live:bytes"
	metrics.Read(l.sample[:])
	if l.sample[0].Value.Kind() != metrics.KindUint64 {
		return false
	}
	debug.SetMemoryLimit(limitFor(l.sample[0].Value.Uint64(), l.floor))
	return true
}

func (l *limiter) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.stopped {
		l.stopped = true
		debug.SetMemoryLimit(l.before)
	}
}
