package ticker

import (
	"bytes"
	"runtime"
	"time"
)

// rendererCreated is the line of a goroutine's trace that says Bubble Tea's renderer
// started it.
var rendererCreated = append([]byte("created by charm.land/"), rendererFunc...)

// AwaitRendererStopped waits, for at most limit, until Bubble Tea's renderer goroutine
// has ended. Call it at the end of the Run of a command given to tea.Exec: tea.Exec
// stops the renderer before Run and restarts it after, and the restart is only safe
// once the old goroutine has stopped its ticker (Bubble Tea #1778). It returns
// whether the goroutine has ended.
func AwaitRendererStopped(limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for {
		if !rendererRunning() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(time.Millisecond)
	}
}

// rendererRunning reports whether a goroutine started by Bubble Tea's renderer runs.
func rendererRunning() bool {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return bytes.Contains(buf[:n], rendererCreated)
		}
		buf = make([]byte, 2*len(buf))
	}
}
