package term

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// frameInterval bounds how often the pane asks for a render: about 60 per second.
const frameInterval = time.Second / 60

// RendererFPS is the frame rate the program's renderer should run at (tea.WithFPS):
// Bubble Tea draws the last view on its own ticker, so its period adds to every echo.
const RendererFPS = 120

// streamInterval spaces the frames while output streams faster than a screenful a
// frame (streamBytes since the last frame): four a second show that it runs.
const (
	streamInterval = time.Second / 4
	streamBytes    = 64 << 10
)

// drainWait is how long the output may still flow after the process exited (a job in
// the background may hold the pty open; it is killed after that).
const drainWait = 200 * time.Millisecond

// killGrace is how long the shell's session gets after SIGHUP before SIGKILL.
const killGrace = 500 * time.Millisecond

// session is one process in a pty and the emulator its output feeds. Its emulator is
// guarded by mu (not vt.SafeEmulator: a render reads the screen, the scrollback, the
// cursor and the modes in one critical section).
type session struct {
	mu   sync.Mutex
	emu  *vt.Emulator
	trk  *tracker    // what the fast path needs to know of the emulator's state
	hist *scrollback // the main screen's history (the emulator's is emptied into it)
	su   []byte      // SU for suN lines (feed)
	suN  int
	// unsure is set once the emulator panicked: the fast path stays off.
	unsure bool
	// deferred are the text rows of the screen above its blank bottom row, not drawn
	// into the emulator yet (nil when the emulator's screen is the pane's); spare is
	// the other buffer of rows; carry a partial line printed after them.
	deferred, spare []string
	// dwrap says which deferred rows continue on the next (soft wraps), wspare is the
	// other buffer; wraps follows the emulator's own (wrap.go).
	dwrap, wspare []bool
	wraps         wrapWatch
	carry, join   []byte
	held          []byte // the start of a sequence not written yet (feed)
	heldGround    bool   // the emulator is between sequences before held
	xlat          []byte // translated output (feed)
	// wrapping says a character printed in insert mode left the cursor waiting to wrap
	// at wrapAt (insertPrint).
	wrapping    bool
	wrapAt      uv.Position
	paint       []byte
	lastPrinted byte // the last character the deferred output printed
	written     int  // bytes written to the emulator (tests)
	rows        rowCache
	log         *slog.Logger

	ptmx *os.File
	cmd  *exec.Cmd

	// outBytes counts the output fed to the emulator (frame pacing reads it).
	outBytes atomic.Int64

	// dirty gets a token when the screen changed (capacity 1: changes coalesce).
	dirty chan struct{}
	// done is closed when the process has exited and its output is drained.
	done     chan struct{}
	exitCode int
	exitErr  error

	// mouse is what the process asked of the mouse (guarded by mu).
	mouse mouseModes

	replies   *queue
	closeOnce sync.Once
	closed    bool // guarded by mu: a closed session starts nothing
}

// errClosed is returned by start on a session already closed (the pane went away while
// its process was being started).
var errClosed = errors.New("terminal session closed")

// newSession returns a session with an emulator of w×h cells and no process (tests
// feed it with write).
func newSession(w, h int) *session {
	w, h = max(w, 1), max(h, 1)
	s := &session{
		emu:     vt.NewEmulator(w, h),
		trk:     newTracker(w, h),
		hist:    newScrollback(scrollbackLines),
		dirty:   make(chan struct{}, 1),
		done:    make(chan struct{}),
		replies: newQueue(),
		log:     slog.New(slog.DiscardHandler),
	}
	s.emu.SetScrollbackSize(emulatorHistory)
	s.watchModes()
	// Replies (device attributes, cursor reports) must always be drained: the emulator
	// writes them into an unbuffered pipe while holding mu.
	go s.drainReplies()
	return s
}

// start runs cmd in a new pty of the emulator's size, in its own session.
func (s *session) start(cmd *exec.Cmd) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	w, h := s.emu.Width(), s.emu.Height()
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, "TERM=xterm-256color", "COLORTERM=truecolor")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		return err
	}
	ptmx = pollable(ptmx)
	s.ptmx, s.cmd = ptmx, cmd
	eof := make(chan struct{})
	go s.writeReplies()
	go s.readOutput(eof)
	go s.waitProcess(eof)
	return nil
}

// readOutput feeds the process's output to the emulator until the pty closes, then
// closes eof. A read waits for output, then takes what else the pty already holds
// without waiting (a pty read returns a few KB at most), and the emulator is fed it in
// one go: streamed output comes in large batches, a key's echo at once, with no
// goroutine between the pty and the emulator.
func (s *session) readOutput(eof chan<- struct{}) {
	defer close(eof)
	buf := make([]byte, readBatch)
	more := drainer(s.ptmx)
	for {
		n, err := s.ptmx.Read(buf[:readBatch/4])
		if err == nil && more != nil {
			n += more(buf[n:])
		}
		if n > 0 {
			s.output(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// waitProcess waits for the process, lets its last output drain, then kills what is left
// of its session (background jobs holding the pty) and marks the session done.
func (s *session) waitProcess(eof <-chan struct{}) {
	err := s.cmd.Wait()
	s.exitCode = s.cmd.ProcessState.ExitCode()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		s.exitErr = err
	}
	select {
	case <-eof:
	case <-time.After(drainWait):
	}
	s.close()
	<-eof
	close(s.done)
	s.markDirty()
}

// output feeds p to the emulator as output of the process and marks the screen dirty.
// A large batch is fed in pieces, so a frame or a key waits for one piece at most.
func (s *session) output(p []byte) {
	for len(p) > 0 {
		n := splitAt(p, lockedFeed)
		s.mu.Lock()
		s.feed(p[:n])
		s.mu.Unlock()
		s.outBytes.Add(int64(n))
		p = p[n:]
	}
	s.markDirty()
}

func (s *session) markDirty() {
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

// drainReplies reads what the emulator sends to the process (keys, replies) into the
// reply queue, so the emulator never waits on the pty.
func (s *session) drainReplies() {
	buf := make([]byte, 4096)
	for {
		n, err := s.emu.Read(buf)
		if n > 0 {
			s.replies.push(buf[:n])
		}
		if err != nil {
			return
		}
	}
}

// writeReplies writes the queued input to the pty.
func (s *session) writeReplies() {
	for {
		p, ok := s.replies.pop()
		if !ok {
			return
		}
		if _, err := s.ptmx.Write(p); err != nil {
			return
		}
	}
}

// sendKey encodes a key press as the process expects it (cursor key modes included).
func (s *session) sendKey(k uv.KeyPressEvent) {
	s.mu.Lock()
	s.emu.SendKey(k)
	s.mu.Unlock()
}

// paste sends text, bracketed when the process asked for it.
func (s *session) paste(text string) {
	s.mu.Lock()
	s.emu.Paste(text)
	s.mu.Unlock()
}

// resize resizes the emulator and the pty (the process gets SIGWINCH).
func (s *session) resize(w, h int) {
	w, h = max(w, 1), max(h, 1)
	s.mu.Lock()
	s.materialize()
	s.emu.Resize(w, h)
	s.trk.resize(w, h)
	if s.ptmx != nil {
		setSize(s.ptmx, w, h)
	}
	s.mu.Unlock()
	s.markDirty()
}

// snapshot is what a render needs, read in one critical section.
type snapshot struct {
	lines      []string // exactly h lines, styled, each at most w cells
	widths     []int    // the cells each line takes
	cursor     uv.Position
	showCursor bool
	alt        bool
	scrollback int // lines in the scrollback
	style      vt.CursorStyle
	blink      bool
}

// snap renders the screen scrolled up by offset lines into the scrollback.
func (s *session) snap(offset int) snapshot { return s.snapSelected(offset, selection{}) }

// snapSelected is snap with the cells of sel reversed.
func (s *session) snapSelected(offset int, sel selection) snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.materialize()
	w, h := s.emu.Width(), s.emu.Height()
	sn := snapshot{alt: s.emu.IsAltScreen(), cursor: s.emu.CursorPosition(), showCursor: !s.emu.CursorHidden()}
	back := 0
	if !sn.alt {
		back = s.hist.Len()
	}
	sn.scrollback = back
	offset = min(max(offset, 0), back)
	sn.lines = make([]string, 0, h)
	sn.widths = make([]int, 0, h)
	for i := back - offset; i < back && len(sn.lines) < h; i++ {
		l := s.hist.render(i)
		lw := ansi.StringWidth(l)
		if lw > w { // a row from before a narrower resize
			l, lw = ansi.Truncate(l, w, ""), w
		}
		sn.lines, sn.widths = append(sn.lines, l), append(sn.widths, lw)
	}
	for y := 0; len(sn.lines) < h; y++ {
		l, lw := s.rows.row(s.emu, y, w)
		sn.lines, sn.widths = append(sn.lines, l), append(sn.widths, lw)
	}
	if offset > 0 {
		sn.cursor.Y += offset
		sn.showCursor = sn.showCursor && sn.cursor.Y < h
	}
	s.paintSelection(&sn, offset, sel)
	return sn
}

// focus tells the process the pane gained or lost the focus (when it asked to know).
func (s *session) focus(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if on {
		s.emu.Focus()
	} else {
		s.emu.Blur()
	}
}

// scrollbackLen returns how many lines the scrollback holds (none on the alt screen).
func (s *session) scrollbackLen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.emu.IsAltScreen() {
		return 0
	}
	return s.hist.Len()
}

// cursorState returns the cursor's position and visibility.
func (s *session) cursorState() snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.materialize()
	style, blink := s.emu.CursorStyle()
	return snapshot{cursor: s.emu.CursorPosition(), showCursor: !s.emu.CursorHidden(), style: style, blink: blink}
}

// plain returns the screen's text without styles (tests, logs).
func (s *session) plain() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.materialize()
	return s.emu.String()
}

// close kills the process's whole session (SIGHUP, then SIGKILL to what is left) and
// releases the pty. It does not wait for the process.
func (s *session) close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		cmd, ptmx := s.cmd, s.ptmx
		s.closed = true
		s.mu.Unlock()
		if cmd != nil && cmd.Process != nil {
			pid := cmd.Process.Pid
			signalSession(pid, syscall.SIGHUP)
			go func() {
				select {
				case <-s.done:
				case <-time.After(killGrace):
				}
				signalSession(pid, syscall.SIGKILL)
			}()
		}
		if ptmx != nil {
			_ = ptmx.Close()
		}
		s.replies.close()
		// Ends drainReplies: closing the pipe's writer makes the emulator's Read return
		// EOF (Emulator.Close would race with that Read on its closed flag).
		if pw, ok := s.emu.InputPipe().(*io.PipeWriter); ok {
			_ = pw.Close()
		}
	})
}

// exited returns a channel closed once the session's process has exited and its output
// is drained (at most killGrace plus drainWait after close), or closed already when no
// process was started.
func (s *session) exited() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		none := make(chan struct{})
		close(none)
		return none
	}
	return s.done
}

// isAlt reports whether the alternate screen is on.
func (s *session) isAlt() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.IsAltScreen()
}
