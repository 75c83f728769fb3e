package term

import (
	"charm.land/bubbles/v2/key"

	"kubetutor/i18n"
)

// KeyMap holds the keys the pane keeps for itself; every other key goes to the shell.
// Toggle is not handled by the pane: the screen that holds it moves the focus.
type KeyMap struct {
	// Toggle moves the focus between the pane and the rest of the screen: ctrl+o (bash's
	// rarely used operate-and-get-next) or F6, keys the lab commands do not need.
	Toggle key.Binding
	// ScrollUp and ScrollDown page through the scrollback (shift+PgUp/PgDown; the mouse
	// wheel scrolls too).
	ScrollUp, ScrollDown key.Binding
	// Restart starts a new shell once the previous one has exited.
	Restart key.Binding
	// ClearSelection drops the text selected with the mouse (only while there is one:
	// esc goes to the shell otherwise).
	ClearSelection key.Binding
	// Select and TerminalSelect are mouse gestures, in the help only (no key matches
	// them): a drag selects and copies the shell's text; with shift, most terminals
	// select themselves, even when the program in the pane took the mouse.
	Select, TerminalSelect key.Binding
}

// NewKeyMap returns the pane's keys with help texts in the translator's language.
func NewKeyMap(tr *i18n.Translator) KeyMap {
	return KeyMap{
		Toggle:         key.NewBinding(key.WithKeys("ctrl+o", "f6"), key.WithHelp("ctrl+o", tr.T("term.key.toggle"))),
		ScrollUp:       key.NewBinding(key.WithKeys("shift+pgup"), key.WithHelp(tr.T("term.keyname.scrollup"), tr.T("term.key.scrollup"))),
		ScrollDown:     key.NewBinding(key.WithKeys("shift+pgdown"), key.WithHelp(tr.T("term.keyname.scrolldown"), tr.T("term.key.scrolldown"))),
		Restart:        key.NewBinding(key.WithKeys("enter"), key.WithHelp(tr.T("term.keyname.enter"), tr.T("term.key.restart"))),
		ClearSelection: key.NewBinding(key.WithKeys("esc"), key.WithHelp(tr.T("termmouse.keyname.esc"), tr.T("termmouse.key.clear"))),
		Select:         key.NewBinding(key.WithKeys("mouse:drag"), key.WithHelp(tr.T("termmouse.keyname.drag"), tr.T("termmouse.key.drag"))),
		TerminalSelect: key.NewBinding(key.WithKeys("mouse:shift+drag"), key.WithHelp(tr.T("termmouse.keyname.shiftdrag"), tr.T("termmouse.key.shiftdrag"))),
	}
}

// ShortHelp lists the pane's keys for a help line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Toggle, k.ScrollUp, k.ScrollDown}
}

// FullHelp lists the pane's keys for a help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Toggle, k.ScrollUp, k.ScrollDown, k.Restart, k.Select, k.TerminalSelect}}
}
