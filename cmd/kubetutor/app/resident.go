package app

import (
	"time"

	"kubetutor/internal/resident"
)

// releaseDelay is how long after the TUI starts the start-up's pages of the binary are
// released: by then the first frame is drawn and the lab shell started.
const releaseDelay = 2 * time.Second

// keepResidentSmall keeps the full TUI's resident size small (bench's BenchmarkTermRSS):
// a soft memory limit that follows the live heap while the TUI runs, and, once it is up,
// the binary's pages only the start-up used released. It returns what undoes both.
func keepResidentSmall(deps *Deps) (stop func()) {
	unlimit := resident.LimitHeap(resident.Floor)
	t := time.AfterFunc(releaseDelay, func() {
		n, err := resident.ReleaseStartup()
		if err != nil {
			deps.Log.Warn("resident: releasing the start-up's pages", "err", err)
			return
		}
		deps.Log.Debug("resident: start-up's pages released", "bytes", n)
	})
	return func() {
		t.Stop()
		unlimit()
	}
}
