// Package ticker works around two limits of Bubble Tea v2.1.1's frame ticker, from
// outside (no fork, no patch):
//
//   - It ticks for the program's whole life. Bubble Tea flushes the screen on a ticker
//     at the program's frame rate whether a frame changed or not: 120 wake-ups a second
//     cost a static program about half a second of CPU a minute on a small VM
//     (bench/idletea). It has no option to stop the ticker, and no way to make it
//     flush at once (its pull requests #1776 and #1796 do that). A Gate holds it while
//     the program is idle.
//   - After tea.Exec it may stop for good (Bubble Tea #1778, pull request #1781): the
//     old renderer goroutine's ticker.Stop can land after the restart's ticker.Reset
//     when the process ran for a few microseconds (one that fails to start).
//     AwaitRendererStopped, called at the end of the executed command's Run, closes
//     that window.
//
// How a Gate holds the ticker: the ticker's goroutine writes the program's queued
// output (tea.Raw) to the program's output before it draws each frame. When no message
// has reached the program for Quiet, the Gate queues a marker with tea.Raw; the next
// tick writes it to the Gate's output, which drops it and holds that goroutine until
// the next message arrives (the Gate's filter sees every message first). While it is
// held, nothing waits on the ticker: Go takes it off its timer heap, and the process
// sleeps. The message that ends the hold is drawn at the next tick, as before.
//
// Only the ticker's goroutine is ever held (the Gate reads the goroutine's stack when
// a marker is written): a marker written by any other goroutine (the program's event
// loop restoring the terminal after tea.Exec) is dropped without waiting. A hold ends
// after MaxHold at the latest, so that what stops the renderer without a message (a
// panic in a command's goroutine) still gets through; the Gate then holds it again.
// Should a later Bubble Tea start its renderer elsewhere, nothing is held, and the
// ticker runs as before (TestGateHoldsTheTickerWhileIdle fails, saying so).
package ticker

import (
	"bytes"
	"io"
	"runtime"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Defaults of a Gate.
const (
	// Quiet is how long no message must reach the program before the ticker is held:
	// several frames, so the frame of the last message is drawn first.
	Quiet = 250 * time.Millisecond
	// MaxHold bounds one hold of the ticker.
	MaxHold = 10 * time.Second
)

// marker is what the Gate queues with tea.Raw: an APC string no program prints (and
// that a terminal would ignore, were it ever to get through).
const marker = "\x1b_kubetutor-idle\x1b\\"

var markerBytes = []byte(marker)

// rendererFunc names the function whose goroutine ticks (its stack's last frame).
var rendererFunc = []byte("bubbletea/v2.(*Program).startRenderer")

// parkMsg is the tea.RawMsg payload of the marker; sent is when the Gate sent it.
type parkMsg struct{ sent time.Time }

// String is what Bubble Tea queues for a RawMsg (fmt.Sprint).
func (parkMsg) String() string { return marker }

// Gate holds Bubble Tea's ticker while the program is idle. Give the program its
// Options (its Output and Filter), wrap the program's model with Model, and run Watch
// beside it.
type Gate struct {
	out      io.Writer
	quiet    time.Duration
	maxHold  time.Duration
	activity chan struct{} // a message reached the program (the watcher's)
	wake     chan struct{} // a message reached the program (the hold's)
	rehold   chan struct{} // a hold ended by MaxHold with no message
	stop     chan struct{}
	stopped  atomic.Bool
	held     atomic.Bool
	holds    atomic.Int64
}

// New returns a Gate in front of out (the terminal) with the default delays.
func New(out io.Writer) *Gate { return NewWith(out, Quiet, MaxHold) }

// NewWith returns a Gate that holds the ticker after quiet without a message, for
// maxHold at most each time.
func NewWith(out io.Writer, quiet, maxHold time.Duration) *Gate {
	return &Gate{out: out, quiet: quiet, maxHold: maxHold,
		activity: make(chan struct{}, 1), wake: make(chan struct{}, 1),
		rehold: make(chan struct{}, 1), stop: make(chan struct{})}
}

// Held reports whether the ticker's goroutine is held now.
func (g *Gate) Held() bool { return g.held.Load() }

// Holds counts the holds so far.
func (g *Gate) Holds() int64 { return g.holds.Load() }

// Filter returns a tea.WithFilter function that lets the ticker go at every message
// but the Gate's own, then calls next (when not nil).
func (g *Gate) Filter(next func(tea.Model, tea.Msg) tea.Msg) func(tea.Model, tea.Msg) tea.Msg {
	return func(m tea.Model, msg tea.Msg) tea.Msg {
		raw, _ := msg.(tea.RawMsg)
		park, ok := raw.Msg.(parkMsg)
		switch {
		case !ok: // activity first: Watch reads it after it drains wake
			poke(g.activity)
			poke(g.wake)
		case time.Since(park.sent) > g.quiet:
			// It waited for the event loop (tea.Exec ran): the renderer may have been
			// restarted since, with a frame to draw. Drop it; a new one follows.
			poke(g.activity)
			return nil
		}
		if next != nil {
			return next(m, msg)
		}
		return msg
	}
}

// Watch queues the marker whenever no message has reached the program for the quiet
// delay, until Stop. send is the program's Send; run Watch in its own goroutine.
func (g *Gate) Watch(send func(tea.Msg)) {
	quiet := time.NewTimer(g.quiet)
	defer quiet.Stop()
	for {
		select {
		case <-g.stop:
			return
		case <-g.activity:
			quiet.Reset(g.quiet)
			continue
		case <-quiet.C:
		case <-g.rehold:
		}
		// A message older than this marker must not end the hold it asks for, and one
		// that came meanwhile (its frame may not be drawn yet) puts it off.
		select {
		case <-g.wake:
		default:
		}
		select {
		case <-g.activity:
			quiet.Reset(g.quiet)
			continue
		default:
		}
		send(tea.RawMsg{Msg: parkMsg{sent: time.Now()}})
	}
}

// Stop ends Watch and releases a held ticker for good (the program has ended).
func (g *Gate) Stop() {
	if g.stopped.CompareAndSwap(false, true) {
		close(g.stop)
	}
}

// hold holds the calling goroutine (the ticker's) until a message, MaxHold or Stop.
func (g *Gate) hold() {
	if g.stopped.Load() {
		return
	}
	t := time.NewTimer(g.maxHold)
	defer t.Stop()
	g.held.Store(true)
	g.holds.Add(1)
	defer g.held.Store(false)
	select {
	case <-g.wake:
	case <-g.stop:
	case <-t.C:
		poke(g.rehold)
	}
}

// write writes p to the terminal without the markers, and holds the goroutine when a
// marker was among them and the goroutine is the ticker's.
func (g *Gate) write(p []byte) (int, error) {
	if !bytes.Contains(p, markerBytes) {
		return g.out.Write(p)
	}
	if rest := bytes.ReplaceAll(p, markerBytes, nil); len(rest) > 0 {
		if _, err := g.out.Write(rest); err != nil {
			return 0, err
		}
	}
	if fromRenderer() {
		g.hold()
	}
	return len(p), nil
}

// fromRenderer reports whether the calling goroutine is Bubble Tea's ticker's.
func fromRenderer() bool {
	buf := make([]byte, 4096)
	buf = buf[:runtime.Stack(buf, false)]
	// The last line of a goroutine's trace says which function started it.
	i := bytes.LastIndex(buf, []byte("\ncreated by "))
	return i >= 0 && bytes.Contains(buf[i:], rendererFunc)
}

func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// Options are the program options a Gate needs: its Output and its Filter. They
// replace the program's own output and filter: give those to New and Filter instead.
func (g *Gate) Options() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithOutput(g.Output()), tea.WithFilter(g.Filter(nil))}
}
