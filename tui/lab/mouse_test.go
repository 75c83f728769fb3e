package lab

import (
	"os/exec"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/tui/term"
)

// runAll runs cmd and the commands of its batches, and returns their messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var msgs []tea.Msg
		for _, c := range batch {
			msgs = append(msgs, runAll(c)...)
		}
		return msgs
	}
	return []tea.Msg{msg}
}

// mouseDrag drags the left button over the screen from (x0, y0) to (x1, y1) and feeds
// the messages the release returns back to the screen.
func mouseDrag(m Model, x0, y0, x1, y1 int) (Model, []tea.Msg) {
	m, _ = m.Update(tea.MouseClickMsg{Button: tea.MouseLeft, X: x0, Y: y0})
	m, _ = m.Update(tea.MouseMotionMsg{Button: tea.MouseLeft, X: x1, Y: y1})
	m, cmd := m.Update(tea.MouseReleaseMsg{Button: tea.MouseLeft, X: x1, Y: y1})
	msgs := runAll(cmd)
	for _, msg := range msgs {
		m, _ = m.Update(msg)
	}
	return m, msgs
}

// TestMouseSelectionInTheShell: a drag over the shell copies its text and the footer
// says so; a drag that goes out of the pane stays a selection of the pane.
func TestMouseSelectionInTheShell(t *testing.T) {
	for _, c := range []struct {
		lang   i18n.Lang
		notice string
	}{{i18n.FR, "Sélection copiée"}, {i18n.EN, "Selection copied"}} {
		m := newScreen(t, c.lang, 120, 40, newFakeRunner())
		m.term.Write([]byte("kubectl get pods -A\r\n"))
		x, y := m.layout.shellX, m.layout.shellY
		m, msgs := mouseDrag(m, x+8, y, x+10, y)
		var got string
		for _, msg := range msgs {
			if c, ok := msg.(term.SelectionCopiedMsg); ok {
				got = c.Text
			}
		}
		if got != "get" {
			t.Fatalf("%s: the drag copied %q, want \"get\"", c.lang, got)
		}
		if !strings.Contains(plain(m), c.notice) {
			t.Errorf("%s: the footer does not say %q:\n%s", c.lang, c.notice, plain(m))
		}
		m = keys(m, "x")
		if strings.Contains(plain(m), c.notice) {
			t.Errorf("%s: the notice stays after a key", c.lang)
		}
		// Out to the left of the pane: the selection goes to the start of the row.
		m, _ = mouseDrag(m, x+10, y, 0, y)
		if !m.term.HasSelection() {
			t.Fatalf("%s: a drag out of the pane dropped its selection", c.lang)
		}
		// A click on the instructions clears it.
		m, _ = m.Update(tea.MouseClickMsg{Button: tea.MouseLeft, X: 2, Y: 5})
		m, _ = m.Update(tea.MouseReleaseMsg{Button: tea.MouseLeft, X: 2, Y: 5})
		if m.term.HasSelection() {
			t.Errorf("%s: a click on the instructions kept the shell's selection", c.lang)
		}
	}
}

// TestMouseModeFollowsTheShellsProgram: while the program in the shell asks for every
// motion (1003), the screen asks the terminal for it too, and a drag over the shell is
// the program's, not a selection.
func TestMouseModeFollowsTheShellsProgram(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("sh is not installed")
	}
	m := newScreen(t, i18n.EN, 120, 40, newFakeRunner())
	if m.MouseMode() != tea.MouseModeCellMotion {
		t.Fatalf("mouse mode %v with no program", m.MouseMode())
	}
	m.cfg.Shell.Command = func() (*exec.Cmd, error) {
		return exec.Command("sh", "-c", `printf '\033[?1003h\033[?1006h'; echo ready; sleep 30`), nil
	}
	m.term = newTermFor(m)
	m.SetSize(120, 40)
	m, _ = m.Update(run(m.term.Start()))
	t.Cleanup(m.Close)
	waitFor(t, "the program's modes", func() bool {
		return strings.Contains(m.term.Text(), "ready") && m.MouseMode() == tea.MouseModeAllMotion
	})
	x, y := m.layout.shellX, m.layout.shellY
	m, msgs := mouseDrag(m, x, y, x+4, y)
	if m.term.HasSelection() || len(msgs) > 0 {
		t.Errorf("a drag over a mouse program selected or copied: %v", msgs)
	}
}
