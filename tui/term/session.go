package term

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// frameInterval bounds how often the pane asks for a render: about 60 per second.
const frameInterval = time.Second / 60

// drainWait is how long the output may still flow after the process exited (a job in
// the background may hold the pty open; it is killed after that).
const drainWait = 200 * time.Millisecond

// killGrace is how long the shell's session gets after SIGHUP before SIGKILL.
const killGrace = 500 * time.Millisecond

// session is one process in a pty and the emulator its output feeds. Its emulator is
// guarded by mu (not vt.SafeEmulator: a render reads the screen, the scrollback, the
// cursor and the modes in one critical section).
type session struct {
	mu  sync.Mutex
	emu *vt.Emulator

	ptmx *os.File
	cmd  *exec.Cmd

	// dirty gets a token when the screen changed (capacity 1: changes coalesce).
	dirty chan struct{}
	// done is closed when the process has exited and its output is drained.
	done     chan struct{}
	exitCode int
	exitErr  error

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
	s := &session{
		emu:     vt.NewEmulator(max(w, 1), max(h, 1)),
		dirty:   make(chan struct{}, 1),
		done:    make(chan struct{}),
		replies: newQueue(),
	}
	s.emu.SetScrollbackSize(scrollbackLines)
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
	s.ptmx, s.cmd = ptmx, cmd
	eof := make(chan struct{})
	go s.writeReplies()
	go s.readOutput(eof)
	go s.waitProcess(eof)
	return nil
}

// readOutput copies the process's output into the emulator until the pty closes.
func (s *session) readOutput(eof chan<- struct{}) {
	defer close(eof)
	buf := make([]byte, 32*1024)
	for {
		n, err := s.ptmx.Read(buf)
		if n > 0 {
			s.write(buf[:n])
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

// write feeds p to the emulator as output of the process and marks the screen dirty.
func (s *session) write(p []byte) {
	s.mu.Lock()
	_, _ = s.emu.Write(p)
	s.mu.Unlock()
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
	s.emu.Resize(w, h)
	if s.ptmx != nil {
		_ = pty.Setsize(s.ptmx, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	}
	s.mu.Unlock()
	s.markDirty()
}

// snapshot is what a render needs, read in one critical section.
type snapshot struct {
	lines      []string // exactly h lines, styled, each at most w cells
	cursor     uv.Position
	showCursor bool
	alt        bool
	scrollback int // lines in the scrollback
	style      vt.CursorStyle
	blink      bool
}

// snap renders the screen scrolled up by offset lines into the scrollback.
func (s *session) snap(offset int) snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, h := s.emu.Width(), s.emu.Height()
	sn := snapshot{alt: s.emu.IsAltScreen(), cursor: s.emu.CursorPosition(), showCursor: !s.emu.CursorHidden()}
	var back []uv.Line
	if !sn.alt {
		if sb := s.emu.Scrollback(); sb != nil {
			back = sb.Lines()
		}
	}
	sn.scrollback = len(back)
	offset = min(max(offset, 0), len(back))
	screen := strings.Split(s.emu.Render(), "\n")
	sn.lines = make([]string, 0, h)
	for i := len(back) - offset; i < len(back) && len(sn.lines) < h; i++ {
		sn.lines = append(sn.lines, back[i].Render())
	}
	for i := 0; len(sn.lines) < h; i++ {
		if i < len(screen) {
			sn.lines = append(sn.lines, screen[i])
		} else {
			sn.lines = append(sn.lines, "")
		}
	}
	for i, l := range sn.lines {
		if ansi.StringWidth(l) > w {
			l = ansi.Truncate(l, w, "")
		}
		sn.lines[i] = l
	}
	if offset > 0 {
		sn.cursor.Y += offset
		sn.showCursor = sn.showCursor && sn.cursor.Y < h
	}
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
	return s.emu.ScrollbackLen()
}

// cursorState returns the cursor's position and visibility.
func (s *session) cursorState() snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	style, blink := s.emu.CursorStyle()
	return snapshot{cursor: s.emu.CursorPosition(), showCursor: !s.emu.CursorHidden(), style: style, blink: blink}
}

// plain returns the screen's text without styles (tests, logs).
func (s *session) plain() string {
	s.mu.Lock()
	defer s.mu.Unlock()
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

// isAlt reports whether the alternate screen is on.
func (s *session) isAlt() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.IsAltScreen()
}
