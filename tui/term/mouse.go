package term

import (
	"strconv"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// mouseModes is what the process asked of the mouse (DECSET 9, 1000, 1002, 1003, and
// the encodings 1005, 1006 and 1015), followed through the emulator's mode callbacks;
// guarded by the session's mu.
type mouseModes struct {
	x10, normal, button, any bool
	// enc is the encoding of the reports: 0 (X10 bytes), 1005 (UTF-8), 1006 (SGR) or
	// 1015 (urxvt). As in xterm, the encodings exclude each other: the last one set
	// is in force, and a reset ends only the one in force.
	enc int
}

// tracking is the mouse reporting in force: the most complete of the modes set, as
// xterm does, or 0 when the process did not ask for the mouse.
func (mm mouseModes) tracking() int {
	switch {
	case mm.any:
		return 1003
	case mm.button:
		return 1002
	case mm.normal:
		return 1000
	case mm.x10:
		return 9
	}
	return 0
}

// watchModes follows the process's mouse modes through the emulator's callbacks (they
// run inside its Write, under mu; a reset reports every mode reset), and its wraps
// (wrap.go).
func (s *session) watchModes() {
	set := func(on bool) func(ansi.Mode) {
		return func(mode ansi.Mode) {
			switch mode {
			case ansi.ModeMouseX10:
				s.mouse.x10 = on
			case ansi.ModeMouseNormal:
				s.mouse.normal = on
			case ansi.ModeMouseButtonEvent:
				s.mouse.button = on
			case ansi.ModeMouseAnyEvent:
				s.mouse.any = on
			case ansi.ModeMouseExtUtf8, ansi.ModeMouseExtSgr, ansi.ModeMouseExtUrxvt:
				code := mode.Mode()
				switch {
				case on:
					s.mouse.enc = code
				case s.mouse.enc == code:
					s.mouse.enc = 0
				}
			}
		}
	}
	s.emu.SetCallbacks(vt.Callbacks{EnableMode: set(true), DisableMode: set(false), CursorPosition: s.cursorMoved})
}

// mouseState returns the process's mouse modes.
func (s *session) mouseState() mouseModes {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mouse
}

// mouseEvent is one mouse event in the pane's cells.
type mouseEvent struct {
	kind   mouseKind
	button tea.MouseButton
	mod    tea.KeyMod
	x, y   int
	// beyond is how many rows above (negative) or below the pane the pointer is.
	beyond int
}

type mouseKind int

const (
	mousePress mouseKind = iota
	mouseRelease
	mouseMotion
	mouseWheel
)

// encodeMouse returns what a terminal reports to a process in modes mm for ev, or ""
// when those modes do not report it: X10 (9) reports presses only, 1000 presses and
// releases, 1002 adds the motion while a button is held, 1003 every motion; the wheel
// is a press of buttons 4 to 7. The encoding is the one asked for, as xterm writes it:
// SGR (1006, CSI < b ; x ; y M or m), urxvt (1015, CSI b+32 ; x ; y M), UTF-8 (1005,
// the X10 values past 127 as UTF-8 characters, up to 2047), else the X10 bytes, which
// cannot say a column or row past 223 (nothing is sent there, nor past 2015 in UTF-8).
func encodeMouse(mm mouseModes, ev mouseEvent) string {
	mode := mm.tracking()
	switch {
	case mode == 0:
		return ""
	case ev.kind == mouseRelease && mode == 9:
		return ""
	case ev.kind == mouseMotion && (mode < 1002 || (mode == 1002 && ev.button == tea.MouseNone)):
		return ""
	case ev.kind == mouseRelease && ev.button >= tea.MouseWheelUp && ev.button <= tea.MouseWheelRight:
		return "" // a wheel has no release
	}
	shift, alt, ctrl := ev.mod.Contains(tea.ModShift), ev.mod.Contains(tea.ModAlt), ev.mod.Contains(tea.ModCtrl)
	if mode == 9 {
		shift, alt, ctrl = false, false, false // X10 compatibility reports no modifier
	}
	button := ev.button
	if ev.kind == mouseRelease && mm.enc != 1006 {
		button = tea.MouseNone // but in SGR, a release is button 3, whichever it was
	}
	b := ansi.EncodeMouseButton(uv.MouseButton(button), ev.kind == mouseMotion, shift, alt, ctrl)
	if b == 0xff {
		return ""
	}
	const offset = 32
	switch mm.enc {
	case 1006:
		return "\x1b[<" + strconv.Itoa(int(b)) + ";" + strconv.Itoa(ev.x+1) + ";" + strconv.Itoa(ev.y+1) + map[bool]string{true: "m", false: "M"}[ev.kind == mouseRelease]
	case 1015:
		return "\x1b[" + strconv.Itoa(int(b)+offset) + ";" + strconv.Itoa(ev.x+1) + ";" + strconv.Itoa(ev.y+1) + "M"
	case 1005:
		seq := []byte{0x1b, '[', 'M'}
		for _, v := range []int{int(b) + offset, ev.x + 1 + offset, ev.y + 1 + offset} {
			if v > 0x7ff {
				return ""
			}
			seq = utf8.AppendRune(seq, rune(v))
		}
		return string(seq)
	}
	if ev.x+1+offset > 255 || ev.y+1+offset > 255 || int(b)+offset > 255 {
		return ""
	}
	// Raw bytes: ansi.MouseX10 converts each byte to a rune, which UTF-8 encodes the
	// coordinates past 94 (mode 1005, not what a process in mode 1000 reads).
	return string([]byte{0x1b, '[', 'M', b + offset, byte(ev.x + 1 + offset), byte(ev.y + 1 + offset)})
}

// sendMouse reports ev to the process as its modes ask, and reports whether it did
// (the process asked for the mouse).
func (s *session) sendMouse(ev mouseEvent) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mouse.tracking() == 0 {
		return false
	}
	if seq := encodeMouse(s.mouse, ev); seq != "" {
		_, _ = s.emu.InputPipe().Write([]byte(seq)) // the keys' way: drained into the pty in order
	}
	return true
}

// WantsMouse reports whether the process asked for the mouse (its events go to it).
func (m Model) WantsMouse() bool {
	return m.state == running && m.sess.mouseState().tracking() != 0
}

// MouseMode is the mouse reporting the pane needs from the terminal around it: every
// motion when its process asked for it (1003), else the motion while a button is held.
func (m Model) MouseMode() tea.MouseMode {
	if m.state == running && m.sess.mouseState().tracking() == 1003 {
		return tea.MouseModeAllMotion
	}
	return tea.MouseModeCellMotion
}

// Dragging reports whether a button pressed over the pane is still held: its motion
// and release belong to the pane wherever they happen.
func (m Model) Dragging() bool { return m.held != tea.MouseNone }

// Mouse handles a mouse event at cell (x, y) of the pane (outside it while a button
// is held: the position is brought back to its edge). When the process asked for the
// mouse, the event is reported to it in the encoding it chose, unless shift is held
// (shift+drag selects, as in xterm). Otherwise the left button selects text, copied
// when released; the wheel scrolls the scrollback, or sends arrow keys on the
// alternate screen (a pager scrolls, as in most terminals).
func (m Model) Mouse(msg tea.MouseMsg, x, y int) (Model, tea.Cmd) {
	mouse := msg.Mouse()
	ev := mouseEvent{button: mouse.Button, mod: mouse.Mod, x: min(max(x, 0), m.w-1), y: min(max(y, 0), m.h-1), beyond: y - min(max(y, 0), m.h-1)}
	switch msg.(type) {
	case tea.MouseClickMsg:
		ev.kind = mousePress
	case tea.MouseReleaseMsg:
		ev.kind = mouseRelease
		if ev.button == tea.MouseNone {
			ev.button = m.held
		}
	case tea.MouseMotionMsg:
		ev.kind = mouseMotion
	case tea.MouseWheelMsg:
		ev.kind = mouseWheel
	default:
		return m, nil
	}
	held := m.held
	switch ev.kind {
	case mousePress:
		m.held = ev.button
	case mouseRelease:
		m.held = tea.MouseNone
	}
	// A drag that started as a selection stays one until its release.
	toProcess := m.state == running && !(m.sel.dragging && held != tea.MouseNone) && !ev.mod.Contains(tea.ModShift)
	if toProcess && m.offset == 0 && m.sess.sendMouse(ev) {
		m.sel = selection{}
		return m, nil
	}
	if ev.kind == mouseWheel {
		return m.wheel(ev), nil
	}
	return m.selectMouse(ev)
}

// wheel scrolls the view, or sends the cursor keys on the alternate screen.
func (m Model) wheel(ev mouseEvent) Model {
	up := ev.button == tea.MouseWheelUp
	if ev.button != tea.MouseWheelUp && ev.button != tea.MouseWheelDown {
		return m
	}
	if m.state == running && m.sess.isAlt() {
		k := uv.KeyPressEvent{Code: uv.KeyDown}
		if up {
			k.Code = uv.KeyUp
		}
		for range 3 {
			m.sess.sendKey(k)
		}
		return m
	}
	if up {
		m.scroll(3)
	} else {
		m.scroll(-3)
	}
	return m
}
