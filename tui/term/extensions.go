package term

import uv "github.com/charmbracelet/ultraviolet"

// Sequences x/vt v0.1.0 ignores that programs (vttest among them) rely on: the tracker
// spots them and the feeder writes their equivalent in sequences the emulator has,
// right after them (the emulator's own state moves as a terminal's would). SO and SI
// (locking shifts of G1) are ignored too, but no sequence of the emulator invokes a
// character set into GL; they stay a known difference.

// alignmentTest is DECALN (ESC # 8): the screen filled with E in the default style
// (through SetCell: the pen, the modes and the saved cursor stay as they are), the
// cursor at home.
func (s *session) alignmentTest() {
	w, h := s.emu.Width(), s.emu.Height()
	for y := range h {
		for x := range w {
			s.emu.SetCell(x, y, &uv.Cell{Content: "E", Width: 1})
		}
	}
	s.write([]byte("\x1b[H"))
}

// columnMode is DECCOLM (CSI ? 3 h or l): a terminal that cannot change its width (tmux)
// clears the screen, resets the scroll margins and homes the cursor.
func (s *session) columnMode() {
	s.write([]byte("\x1b[r\x1b[H\x1b[2J"))
}
