package lab

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/tui/term"
)

// The mouse on the lab screen: a click gives the focus to the half it lands in; over
// the shell, the pane gets the click, the drag and the wheel (the program in it when it
// asked for the mouse, else a selection that is copied, or the scrollback). A drag that
// started over the shell stays the shell's wherever the pointer goes.

// click handles a press of a mouse button.
func (m Model) click(msg tea.MouseClickMsg) (Model, tea.Cmd) {
	in := m.layout.inShell(msg.X, msg.Y)
	var cmd tea.Cmd
	if in != (m.focus == focusShell) {
		m, cmd = m.key(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
	}
	if !in {
		m.term.ClearSelection()
		return m, cmd
	}
	m.copied = copiedNot
	var cmd2 tea.Cmd
	m.term, cmd2 = m.term.Mouse(msg, msg.X-m.layout.shellX, msg.Y-m.layout.shellY)
	return m, tea.Batch(cmd, cmd2)
}

// paneMouse gives a motion, a release or a wheel turn to the pane when it is over it
// or when a button pressed over it is held.
func (m Model) paneMouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	mouse := msg.Mouse()
	if !m.term.Dragging() && !m.layout.inShell(mouse.X, mouse.Y) {
		return m, nil
	}
	var cmd tea.Cmd
	m.term, cmd = m.term.Mouse(msg, mouse.X-m.layout.shellX, mouse.Y-m.layout.shellY)
	return m, cmd
}

// paneMouseOnly reports whether msg is a mouse event that changes the pane only.
func (m Model) paneMouseOnly(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case tea.MouseMotionMsg, tea.MouseReleaseMsg:
		return true
	case tea.MouseWheelMsg:
		return m.layout.inShell(msg.X, msg.Y)
	}
	return false
}

// MouseMode is the mouse reporting the screen needs: every motion while the program in
// the shell asked for it, else the motion while a button is held.
func (m Model) MouseMode() tea.MouseMode { return m.term.MouseMode() }

// selectionCopied shows that a selection went to the clipboard.
func (m Model) selectionCopied(msg term.SelectionCopiedMsg) Model {
	if msg.Pane == m.term.ID() {
		m.copied = copiedSelection
	}
	return m
}
