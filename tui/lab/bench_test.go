package lab

import (
	"log/slog"
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"

	"kubetutor/i18n"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// benchScreen is the lab screen at 120x40 in the dark style (glamour and lipgloss at
// work), its pane full of colored shell output.
func benchScreen(b *testing.B) Model {
	b.Helper()
	c := &common.Common{Width: 120, Height: 40, Style: render.Dark, Tr: i18n.New(i18n.FR), Log: slog.New(slog.DiscardHandler)}
	c.Keys = common.NewKeyMap(c.Tr)
	c.Styles = common.NewStyles(c.Style)
	m := New(c, Config{Lab: testLab(), Runner: newFakeRunner()})
	b.Cleanup(m.Close)
	for i := range 80 {
		m.term.Write([]byte("\x1b[32mkube-system\x1b[0m   coredns-" + strconv.Itoa(i) + "   1/1   \x1b[1mRunning\x1b[0m   0   3m\r\n"))
	}
	_ = m.View()
	return m
}

// BenchmarkLabView is the lab screen's View alone.
func BenchmarkLabView(b *testing.B) {
	m := benchScreen(b)
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkLabPaneFrame is what a frame of the pane costs the program: the message
// through Update, View, and Bubble Tea's renderer drawing the view into its cell buffer
// (uv.NewStyledString(...).Draw, what its flush does before diffing).
func BenchmarkLabPaneFrame(b *testing.B) {
	m := benchScreen(b)
	buf := uv.NewScreenBuffer(120, 40)
	type otherMsg struct{}
	i := 0
	for b.Loop() {
		i++
		m.term.Write([]byte("line " + strconv.Itoa(i) + "\r\n"))
		m, _ = m.Update(otherMsg{})
		v := m.View()
		buf.Clear()
		uv.NewStyledString(v).Draw(buf, buf.Bounds())
	}
}

// BenchmarkLabKey is a key typed in the shell: Update and View.
func BenchmarkLabKey(b *testing.B) {
	m := benchScreen(b)
	k := tea.KeyPressMsg{Code: 'a', Text: "a"}
	for b.Loop() {
		m, _ = m.Update(k)
		_ = m.View()
	}
}
