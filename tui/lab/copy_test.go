package lab

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
)

// copied presses y and returns what went to the clipboard ("" when nothing did).
func copied(t *testing.T, m Model) (Model, string) {
	t.Helper()
	m, cmd := m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"})
	if cmd == nil {
		return m, ""
	}
	msg := cmd()
	if !strings.Contains(fmt.Sprintf("%T", msg), "setClipboardMsg") {
		t.Fatalf("the copy key returned %T, want the clipboard command", msg)
	}
	return m, fmt.Sprint(msg)
}

func TestCopyTheCommand(t *testing.T) {
	m := newScreen(t, i18n.FR, 120, 40, newFakeRunner())
	m = keys(m, "ctrl+o") // the instructions get the keys
	m, got := copied(t, m)
	if got != "" || !strings.Contains(plain(m), "Rien à copier") {
		t.Fatalf("with nothing revealed: copied %q; footer:\n%s", got, plain(m))
	}
	m = keys(m, "i") // the hint quotes `kubectl get`
	if m, got = copied(t, m); got != "kubectl get" {
		t.Errorf("after the hint: copied %q, want the command it quotes", got)
	}
	if !strings.Contains(plain(m), "Commande copiée") {
		t.Errorf("the footer does not say the command was copied:\n%s", plain(m))
	}
	m = keys(m, "s", "o")
	if _, got = copied(t, m); got != "kubectl get nodes -o wide" {
		t.Errorf("after the solution: copied %q, want the solution's command", got)
	}
	// In the shell, y is typed, not copied.
	m = keys(m, "ctrl+o")
	if _, cmd := m.Update(tea.KeyPressMsg{Code: 'y', Text: "y"}); cmd != nil {
		if msg := cmd(); strings.Contains(fmt.Sprintf("%T", msg), "setClipboardMsg") {
			t.Error("y typed in the shell copied the command")
		}
	}
}
