// Package term is an embedded terminal pane for Bubble Tea v2: a process (a shell) runs
// in a pty, its output feeds a charmbracelet/x/vt emulator, and the pane draws the
// emulator's screen at the size its parent gives it.
//
// Output reaches the program through a re-armed command that waits for a change and
// delivers at most about 60 frames a second; Update never blocks. Keys and pastes go to
// the process through the emulator (which encodes them as the process's modes ask);
// the emulator's replies are always drained. Closing the pane kills the process's whole
// session, background jobs included.
//
// A parent screen creates the pane with New, starts it with Start, gives it its size
// with SetSize, forwards messages to Update (keys only while it has the focus), draws
// View and places the terminal cursor with Cursor, and calls Close when it goes away.
package term

import (
	"log/slog"
	"os/exec"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"kubetutor/i18n"
)

// scrollbackLines is how many lines scrolled off the top the pane keeps.
const scrollbackLines = 2000

// Config configures a pane.
type Config struct {
	// Command returns the process to run, called at each start and restart. Its Env, when
	// nil, is the current environment; TERM is set for the emulator.
	Command func() (*exec.Cmd, error)
	Tr      *i18n.Translator
	Log     *slog.Logger
	// Styles draws the pane's own lines (exit notice, scroll indicator); zero is plain.
	Notice lipgloss.Style
}

// state is where the pane's process is.
type state int

const (
	idle state = iota
	starting
	running
	exited
	failed
)

// frameMsg says the screen of session s changed; fed is the output fed to its emulator
// when the frame was asked for.
type frameMsg struct {
	s   *session
	fed int64
}

// exitMsg says the process of session s exited.
type exitMsg struct{ s *session }

// startedMsg carries the outcome of starting session s.
type startedMsg struct {
	s   *session
	err error
}

// ExitedMsg is returned (as a command) when the pane's process exits, for parents that
// want to react. Pane is the pane's ID.
type ExitedMsg struct {
	Pane int
	Code int
}

var lastID atomic.Int64

// Model is the pane. Its zero value is not usable: call New.
type Model struct {
	id      int
	cfg     Config
	keys    KeyMap
	sess    *session
	state   state
	code    int
	err     error
	w, h    int
	focused bool
	offset  int // lines scrolled back
	// The mouse: the button held since a press over the pane, the text selected and
	// the last copied (the middle button pastes it), the last left presses (a double
	// click selects a word, a triple one the line) and the clock that times them.
	held        tea.MouseButton
	sel         selection
	primary     string
	lastClick   cellPos
	lastClickAt time.Time
	clicks      int // presses in a row at lastClick, each within doubleClick
	clock       func() time.Time
}

// New returns a pane of 80×24 cells with no process yet.
func New(cfg Config) Model {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return Model{id: int(lastID.Add(1)), cfg: cfg, keys: NewKeyMap(cfg.Tr), sess: newSession(80, 24), w: 80, h: 24}
}

// ID tells panes apart.
func (m Model) ID() int { return m.id }

// Keys returns the pane's keys.
func (m Model) Keys() KeyMap { return m.keys }

// Start starts the process; the command it returns delivers the outcome.
func (m *Model) Start() tea.Cmd {
	if m.state == starting || m.state == running || m.cfg.Command == nil {
		return nil
	}
	if m.state != idle { // a restart gets a fresh screen
		m.sess.close()
		m.sess = newSession(m.w, m.h)
	}
	m.state, m.offset = starting, 0
	s, build, log := m.sess, m.cfg.Command, m.cfg.Log
	return func() tea.Msg {
		cmd, err := build()
		if err == nil {
			err = s.start(cmd)
		}
		if err != nil {
			log.Error("terminal: starting the process", "err", err)
		} else {
			log.Info("terminal: process started", "pid", cmd.Process.Pid, "path", cmd.Path)
		}
		return startedMsg{s: s, err: err}
	}
}

// listen waits for the next change of s and asks for a frame: at once when the last
// frame is at least frameInterval old (a key's echo), and while output streams (more
// than streamBytes since the last frame) every streamInterval only, so that the
// emulator, not the frames, gets the time. The moment the stream pauses for a frame
// interval, the frame that shows its last state is asked for: none is dropped for good.
// Nothing runs while the shell is idle.
func listen(s *session, last time.Time, fed int64) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-s.dirty:
		case <-s.done:
			return exitMsg{s}
		}
		for {
			since := time.Since(last)
			interval := frameInterval
			streaming := s.outBytes.Load()-fed > streamBytes
			if streaming {
				interval = streamInterval
			}
			if since >= interval {
				break
			}
			before := s.outBytes.Load()
			time.Sleep(min(interval-since, frameInterval))
			if streaming && s.outBytes.Load() == before {
				break // the stream paused: show where it is
			}
		}
		return frameMsg{s: s, fed: s.outBytes.Load()}
	}
}

// Owns reports whether msg is one of the pane's own messages (a frame, its process
// started or exited): it changes nothing on the screen but the pane.
func Owns(msg tea.Msg) bool {
	switch msg.(type) {
	case frameMsg, exitMsg, startedMsg:
		return true
	}
	return false
}

// SetSize gives the pane w×h cells and resizes the emulator and the pty.
func (m *Model) SetSize(w, h int) {
	w, h = max(w, 1), max(h, 1)
	if w == m.w && h == m.h {
		return
	}
	m.w, m.h = w, h
	m.sess.resize(w, h)
}

// Size returns the pane's size in cells.
func (m Model) Size() (w, h int) { return m.w, m.h }

// Focus gives the pane the keyboard; Blur takes it away. The process hears of it when it
// asked for focus events.
func (m *Model) Focus() { m.focused = true; m.sess.focus(true) }

// Blur takes the keyboard away from the pane.
func (m *Model) Blur() { m.focused = false; m.sess.focus(false) }

// Focused reports whether the pane has the keyboard.
func (m Model) Focused() bool { return m.focused }

// Running reports whether the process runs.
func (m Model) Running() bool { return m.state == running }

// Exited reports whether the process has exited, and its exit code.
func (m Model) Exited() (bool, int) { return m.state == exited, m.code }

// Write feeds p to the emulator as if the process had printed it (tests, notices).
func (m Model) Write(p []byte) { m.sess.output(p) }

// Text returns the screen's text without styles, trailing blanks trimmed.
func (m Model) Text() string { return m.sess.plain() }

// Close kills the process's session and releases the pty. The pane can be started again.
func (m *Model) Close() {
	m.sess.close()
	if m.state == running || m.state == starting {
		m.state = exited
	}
}

// Gone returns a channel closed once the pane's process has exited and its last output
// is read: after Close, within about a second (SIGHUP, then SIGKILL). Close does not wait,
// so that Update never blocks; whoever must know the shell is gone (a test about to remove
// the directory the shell writes its history into, a program about to exit) waits on it.
// The channel is closed already when no process was started.
func (m *Model) Gone() <-chan struct{} { return m.sess.exited() }

// Update handles the pane's messages, and keys, pastes and wheel events when focused.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case startedMsg:
		if msg.s != m.sess {
			msg.s.close()
			return m, nil
		}
		if msg.err != nil {
			m.state, m.err = failed, msg.err
			return m, nil
		}
		m.state = running
		if m.focused {
			m.sess.focus(true)
		}
		return m, listen(m.sess, time.Time{}, 0)
	case frameMsg:
		if msg.s != m.sess {
			return m, nil
		}
		return m, listen(m.sess, time.Now(), msg.fed)
	case exitMsg:
		if msg.s != m.sess {
			return m, nil
		}
		m.state, m.code, m.err = exited, msg.s.exitCode, msg.s.exitErr
		m.cfg.Log.Info("terminal: process exited", "code", m.code)
		id, code := m.id, m.code
		return m, func() tea.Msg { return ExitedMsg{Pane: id, Code: code} }
	}
	if !m.focused {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if m.state == running {
			m.offset = 0
			m.sess.paste(msg.Content)
		}
	case tea.MouseMsg: // a parent that draws the pane at its top left corner
		mouse := msg.Mouse()
		return m.Mouse(msg, mouse.X, mouse.Y)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.ScrollUp):
		m.scroll(max(1, m.h-1))
		return m, nil
	case key.Matches(msg, m.keys.ScrollDown):
		m.scroll(-max(1, m.h-1))
		return m, nil
	case m.state == exited || m.state == failed:
		if key.Matches(msg, m.keys.Restart) {
			cmd := m.Start()
			return m, cmd
		}
		return m, nil
	case m.sel.on && key.Matches(msg, m.keys.ClearSelection):
		m.sel = selection{}
		return m, nil
	}
	m.sel = selection{} // typing drops the selection, as in a terminal
	m.offset = 0
	m.sess.sendKey(uv.KeyPressEvent(msg))
	return m, nil
}

// ScrollBy moves the view n lines back into the scrollback (negative: forward), focused
// or not (the mouse wheel over the pane).
func (m *Model) ScrollBy(n int) { m.scroll(n) }

// scroll moves the view n lines back into the scrollback (negative: forward).
func (m *Model) scroll(n int) {
	m.offset = min(max(m.offset+n, 0), m.sess.scrollbackLen())
}

// View draws the pane: exactly its height in lines, each its width in cells.
func (m Model) View() string {
	sn := m.sess.snapSelected(m.offset, m.sel)
	lines, widths := sn.lines, sn.widths
	t := m.cfg.Tr.T
	notice := func(i int, text string) {
		lines[i] = m.cfg.Notice.Render(ansi.Truncate(text, m.w, "…"))
		widths[i] = ansi.StringWidth(lines[i])
	}
	if m.offset > 0 {
		notice(0, t("term.scrolled", map[string]any{"Lines": m.offset}))
	}
	switch m.state {
	case exited:
		notice(len(lines)-1, t("term.exited", map[string]any{"Code": m.code}))
	case failed:
		notice(len(lines)-1, t("term.failed"))
	}
	var b strings.Builder
	b.Grow(m.w * m.h * 2)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		if pad := m.w - widths[i]; pad > 0 {
			b.WriteString(spaces(pad))
		}
	}
	return b.String()
}

// Cursor returns the process's cursor, placed from the pane's top left corner (the
// parent adds the pane's offset), or nil when no cursor should show: the pane is not
// focused, the process hid it, the view is scrolled back or the process is not running.
// Its shape follows the process's (a bar in vim's insert mode).
func (m Model) Cursor() *tea.Cursor {
	if !m.focused || m.state != running || m.offset > 0 {
		return nil
	}
	sn := m.sess.cursorState()
	if !sn.showCursor || sn.cursor.X >= m.w || sn.cursor.Y >= m.h {
		return nil
	}
	c := tea.NewCursor(sn.cursor.X, sn.cursor.Y)
	c.Blink = sn.blink
	switch sn.style {
	case vt.CursorUnderline:
		c.Shape = tea.CursorUnderline
	case vt.CursorBar:
		c.Shape = tea.CursorBar
	}
	return c
}

// blanks is a row of spaces wide enough for any pane; spaces slices it.
var blanks = strings.Repeat(" ", 512)

func spaces(n int) string {
	if n <= len(blanks) {
		return blanks[:n]
	}
	return strings.Repeat(" ", n)
}
