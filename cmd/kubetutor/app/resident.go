package app

import (
	"time"

	"kubetutor/internal/resident"
)

// releaseDelay is how long after the TUI starts the start-up's pages of the binary are
// released a second time: by then the first frame is drawn and the lab shell started.
const releaseDelay = 2 * time.Second

// keepResidentSmall keeps the full TUI's resident size small (bench's BenchmarkTermRSS):
// the heap a burst of output leaves given back once it is over, and the binary's
// pages only the start-up used released, once before the TUI starts (what package
// initialization touched: the peak stays lower) and once it is up (what building the
// screen touched). It returns what stops them.
func keepResidentSmall(deps *Deps) (stop func()) {
	stopReturning := resident.ReturnIdleHeap(resident.Quiet)
	release := func(when string) {
		n, err := resident.ReleaseStartup()
		if err != nil {
			deps.Log.Warn("resident: releasing the start-up's pages", "when", when, "err", err)
			return
		}
		deps.Log.Debug("resident: start-up's pages released", "when", when, "bytes", n)
	}
	release("before the TUI")
	t := time.AfterFunc(releaseDelay, func() { release("TUI up") })
	return func() {
		t.Stop()
		stopReturning()
	}
}
