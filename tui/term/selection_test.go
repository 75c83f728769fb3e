package term

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
)

// fakePane is a pane of w×h with no process, fed text as if a process printed it.
func fakePane(w, h int, text string) Model {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(w, h)
	m.Write([]byte(text))
	return m
}

// drag presses the left button at (x0, y0), moves to (x1, y1) and releases there; it
// returns the pane and the text the release copied ("" when nothing was).
func drag(t *testing.T, m Model, x0, y0, x1, y1 int) (Model, string) {
	t.Helper()
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, x0, y0)
	m, _ = m.Mouse(tea.MouseMotionMsg{Button: tea.MouseLeft}, x1, y1)
	m, cmd := m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, x1, y1)
	return m, copiedText(t, cmd, m.ID())
}

// copiedText runs cmd and returns the text of its SelectionCopiedMsg; it checks the
// same text goes to the clipboard.
func copiedText(t *testing.T, cmd tea.Cmd, pane int) string {
	t.Helper()
	if cmd == nil {
		return ""
	}
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("the copy is not a batch of the clipboard and the notice: %T", batch)
	}
	clip := fmt.Sprintf("%v", batch[0]())
	msg, ok := batch[1]().(SelectionCopiedMsg)
	if !ok || msg.Pane != pane {
		t.Fatalf("no SelectionCopiedMsg for pane %d: %#v", pane, msg)
	}
	if !strings.Contains(clip, msg.Text) {
		t.Errorf("the clipboard gets %q, the notice says %q", clip, msg.Text)
	}
	return msg.Text
}

func TestSelectionText(t *testing.T) {
	screen := "premier nœud   \r\n" + // trailing blanks
		"日本語 ok\r\n" + // wide characters
		"x\r\n"
	cases := []struct {
		name           string
		x0, y0, x1, y1 int
		want           string
	}{
		{"within a line", 8, 0, 11, 0, "nœud"},
		{"backwards", 11, 0, 8, 0, "nœud"},
		{"trailing blanks dropped across lines", 8, 0, 1, 1, "nœud\n日"},
		{"wide characters from their right halves", 1, 1, 3, 1, "日本"},
		{"a wide character, both halves", 4, 1, 5, 1, "語"},
		{"three lines", 0, 0, 0, 2, "premier nœud\n日本語 ok\nx"},
		{"blank cells only", 20, 0, 25, 0, ""},
	}
	for _, c := range cases {
		m := fakePane(30, 5, screen)
		m, got := drag(t, m, c.x0, c.y0, c.x1, c.y1)
		if got != c.want {
			t.Errorf("%s: copied %q, want %q", c.name, got, c.want)
		}
		if !m.HasSelection() {
			t.Errorf("%s: the selection is not kept after the release", c.name)
		}
	}
}

// TestSelectionJoinsAWrappedLine: a command longer than the pane copies as one line.
func TestSelectionJoinsAWrappedLine(t *testing.T) {
	m := fakePane(12, 4, "$ kubectl get pods -A\r\nnext")
	_, got := drag(t, m, 2, 0, 9, 2)
	if want := "kubectl get pods -A\nnext"; got != want {
		t.Fatalf("copied %q, want %q", got, want)
	}
}

// TestSelectionFollowsSoftWraps: rows the terminal wrapped join, line breaks the
// process printed stay, also where the wrap falls on a blank or a line fills its row
// exactly, on the screen and in the history (rows the fast path scrolled off as text,
// and styled rows the emulator pushed).
func TestSelectionFollowsSoftWraps(t *testing.T) {
	const want = "abcdefghi jklmn\n0123456789\nx"
	lines := "abcdefghi jklmn\r\n0123456789\r\nx\r\n" // at width 10: a wrap on a blank, a full row
	m := fakePane(10, 5, lines)
	if _, got := drag(t, m, 0, 0, 0, 3); got != want {
		t.Errorf("on the screen: copied %q, want %q", got, want)
	}
	for _, c := range []struct{ name, text string }{
		{"plain lines (fast path)", lines + strings.Repeat("more\r\n", 30)},
		{"styled lines", "\x1b[31mabcdefghi jklmn\x1b[m\r\n\x1b[32m0123456789\x1b[m\r\n\x1b[1mx\x1b[m\r\n" +
			strings.Repeat("\x1b[1mmore\x1b[m\r\n", 30)},
	} {
		m := fakePane(10, 5, c.text)
		m.ScrollBy(1000) // the oldest row at the top
		if _, got := drag(t, m, 0, 0, 0, 3); got != want {
			t.Errorf("in the history, %s: copied %q, want %q", c.name, got, want)
		}
	}
}

// TestSelectionAcrossScrollback: scrolled back, a drag selects lines of the history and
// of the screen; output that scrolls on meanwhile does not move it off its text.
func TestSelectionAcrossScrollback(t *testing.T) {
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "line %02d\r\n", i)
	}
	m := fakePane(20, 10, b.String()) // lines 21 to 29 and a blank row on the screen
	m.ScrollBy(5)                     // the top row shows line 16
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 5, 0)
	m.Write([]byte("more 1\r\nmore 2\r\n")) // scrolls two lines into the history
	m, _ = m.Mouse(tea.MouseMotionMsg{Button: tea.MouseLeft}, 6, 6)
	m, cmd := m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 6, 6)
	got := copiedText(t, cmd, m.ID())
	// The anchor stays on line 16; the end is where the view's row 6 is now (the view
	// stays 5 lines back from the bottom, which moved on by two lines: line 24).
	want := "16\nline 17\nline 18\nline 19\nline 20\nline 21\nline 22\nline 23\nline 24"
	if got != want {
		t.Fatalf("copied %q, want %q", got, want)
	}
}

// TestSelectionDrawnReversed: the selected cells are drawn reversed, the others not.
func TestSelectionDrawnReversed(t *testing.T) {
	m := fakePane(20, 3, "abc def\r\nghi")
	before := m.View()
	m, _ = drag(t, m, 4, 0, 6, 0)
	lines := strings.Split(m.View(), "\n")
	if !strings.Contains(lines[0], "\x1b[7mdef") && !strings.Contains(lines[0], ";7mdef") {
		t.Fatalf("the selected word is not reversed: %q", lines[0])
	}
	if strings.Contains(lines[1], "7m") {
		t.Errorf("a row outside the selection is reversed: %q", lines[1])
	}
	m.ClearSelection()
	if m.View() != before {
		t.Errorf("cleared, the view is not what it was:\n%q\n%q", m.View(), before)
	}
}

// TestClickAndKeysClearTheSelection: a click without a drag, esc, or typing clears it;
// esc is not sent to the shell then.
func TestClickAndKeysClearTheSelection(t *testing.T) {
	m := fakePane(20, 3, "abc def")
	m.Focus()
	m, _ = drag(t, m, 0, 0, 2, 0)
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 5, 0)
	m, cmd := m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 5, 0)
	if m.HasSelection() || cmd != nil {
		t.Fatal("a click kept the selection or copied")
	}
	m, _ = drag(t, m, 0, 0, 2, 0)
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.HasSelection() {
		t.Fatal("esc kept the selection")
	}
	m, _ = drag(t, m, 0, 0, 2, 0)
	m, _ = m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if m.HasSelection() {
		t.Fatal("a key typed kept the selection")
	}
}

// TestDoubleClickSelectsAWord: two presses at one cell select the word there, a
// resource's kind/name whole; three, the line.
func TestDoubleClickSelectsAWord(t *testing.T) {
	m := fakePane(40, 3, "pod/web-7d4b9 (Running)")
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m.clock = func() time.Time { return now }
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 6, 0)
	m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 6, 0)
	now = now.Add(150 * time.Millisecond)
	m, cmd := m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 6, 0)
	if got := copiedText(t, cmd, m.ID()); got != "pod/web-7d4b9" {
		t.Fatalf("the double click copied %q", got)
	}
	m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 6, 0)
	if !m.HasSelection() {
		t.Fatal("the release after a double click dropped the word")
	}
	// A third press: the line.
	now = now.Add(150 * time.Millisecond)
	m, cmd = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 6, 0)
	if got := copiedText(t, cmd, m.ID()); got != "pod/web-7d4b9 (Running)" {
		t.Fatalf("the triple click copied %q", got)
	}
	m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 6, 0)
	// Slower, it is two clicks.
	now = now.Add(time.Second)
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 16, 0)
	m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 16, 0)
	now = now.Add(time.Second)
	if _, cmd = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 16, 0); cmd != nil {
		t.Fatal("two slow clicks copied")
	}
}

// TestShiftDragSelectsOverAMouseProgram: with shift, the drag selects even when the
// program asked for the mouse (xterm's way); without, the program gets it.
func TestShiftDragSelectsOverAMouseProgram(t *testing.T) {
	m := fakePane(20, 3, "\x1b[?1000h\x1b[?1006hmouse app")
	m.state = running // the output as a running program's
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft, Mod: tea.ModShift}, 0, 0)
	m, _ = m.Mouse(tea.MouseMotionMsg{Button: tea.MouseLeft, Mod: tea.ModShift}, 4, 0)
	m, cmd := m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft, Mod: tea.ModShift}, 4, 0)
	if got := copiedText(t, cmd, m.ID()); got != "mouse" {
		t.Fatalf("shift+drag copied %q", got)
	}
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 0, 0)
	m, _ = m.Mouse(tea.MouseMotionMsg{Button: tea.MouseLeft}, 4, 0)
	if m, cmd = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 4, 0); cmd != nil || m.HasSelection() {
		t.Fatal("a drag over a mouse program selected text")
	}
}

// TestDragPastTheTopScrollsBack: dragging above the pane scrolls into the history, one
// line a motion, and the selection follows.
func TestDragPastTheTopScrollsBack(t *testing.T) {
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "line %02d\r\n", i)
	}
	m := fakePane(20, 10, b.String())                              // lines 21 to 29 on the screen
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 7, 1) // the end of line 22
	for range 3 {
		m, _ = m.Mouse(tea.MouseMotionMsg{Button: tea.MouseLeft}, 0, -2)
	}
	if m.offset != 3 {
		t.Fatalf("three motions above the pane scrolled %d lines back, want 3", m.offset)
	}
	m, cmd := m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 0, -2)
	if got, want := copiedText(t, cmd, m.ID()), "line 18\nline 19\nline 20\nline 21\nline 22"; got != want {
		t.Fatalf("copied %q, want %q", got, want)
	}
	if m.offset != 3 {
		t.Errorf("the release scrolled too: %d lines back", m.offset)
	}
}

// TestMiddleClickPastesTheSelection: the middle button pastes the last selection into
// the program (bracketed when it asked), as X terminals paste theirs.
func TestMiddleClickPastesTheSelection(t *testing.T) {
	m := hexPane(t, "2004", 17, false) // bracketed paste, no mouse mode; "ready" on row 0
	m, got := drag(t, m, 0, 0, 4, 0)
	if got != "ready" {
		t.Fatalf("the drag copied %q", got)
	}
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseMiddle}, 3, 3)
	m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseMiddle}, 3, 3)
	if !m.HasSelection() {
		t.Error("the middle button dropped the selection")
	}
	if got, want := dumped(t, m), hexOf("\x1b[200~ready\x1b[201~"); got != want {
		t.Fatalf("the program read %s, want %s", got, want)
	}
}
