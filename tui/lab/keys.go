package lab

import (
	"charm.land/bubbles/v2/key"

	"kubetutor/tui/common"
	"kubetutor/tui/term"
)

// KeyMap is the lab screen's keys while the instructions have the focus. While the
// shell has it, only the pane's own keys (term.KeyMap) are not sent to the shell.
type KeyMap struct {
	Up, Down   key.Binding // choose the step shown
	PageUp     key.Binding // scroll the instructions
	PageDown   key.Binding
	Hint       key.Binding
	Solution   key.Binding
	Check      key.Binding // evaluate the step now
	Answer     key.Binding // answer a question step
	Submit     key.Binding // send the answer
	FullScreen key.Binding // the whole terminal to a shell (tea.ExecProcess)
	Copy       key.Binding // the step's commands to the clipboard (OSC 52)
	Cluster    key.Binding // create the tutor's cluster when it is missing
	Map        key.Binding // the architecture map instead of the instructions (the root's)
	Yes, No    key.Binding // answer the solution's confirmation
	Cancel     key.Binding // give up typing an answer (n is a letter of the answer)
	Term       term.KeyMap
	Global     common.KeyMap
}

func newKeyMap(c *common.Common) KeyMap {
	t := c.Tr.T
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t("labscreen.key.prev"))),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t("labscreen.key.next"))),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", t("labscreen.key.pageup"))),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdown", t("labscreen.key.pagedown"))),
		Hint:       key.NewBinding(key.WithKeys("i"), key.WithHelp("i", t("labscreen.key.hint"))),
		Solution:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", t("labscreen.key.solution"))),
		Check:      key.NewBinding(key.WithKeys("v"), key.WithHelp("v", t("labscreen.key.check"))),
		Answer:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t("labscreen.key.answer"))),
		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp(t("labscreen.keyname.enter"), t("labscreen.key.submit"))),
		FullScreen: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", t("labscreen.key.fullscreen"))),
		Cluster:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t("labscreen.key.cluster"))),
		Map:        key.NewBinding(key.WithKeys("m"), key.WithHelp("m", t("map.lab.key"))),
		Copy:       key.NewBinding(key.WithKeys("y"), key.WithHelp("y", t("labcopy.key"))),
		Yes:        key.NewBinding(key.WithKeys("o", "y", "enter"), key.WithHelp(t("labscreen.keyname.yes"), t("labscreen.key.yes"))),
		No:         key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp(t("labscreen.keyname.no"), t("labscreen.key.no"))),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp(t("labscreen.keyname.esc"), t("labscreen.key.no"))),
		Term:       term.NewKeyMap(c.Tr),
		Global:     c.Keys,
	}
}

// ShortHelp is the help line while the instructions have the focus.
func (k KeyMap) ShortHelp() []key.Binding {
	// The step keys are in the full help: the line must hold « ? aide » at 80 columns.
	return []key.Binding{k.Term.Toggle, k.Hint, k.Solution, k.Global.Help, k.Global.Back}
}

// FullHelp is the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		// Two columns: a third one does not fit at 80 columns (help cuts it to « … »).
		{k.Term.Toggle, k.Up, k.Down, k.PageUp, k.PageDown, k.Term.ScrollUp, k.Term.ScrollDown, k.Term.Select, k.Term.TerminalSelect},
		{k.Hint, k.Solution, k.Copy, k.Answer, k.Check, k.FullScreen, k.Map, k.Global.Help, k.Global.Back, k.Global.Quit},
	}
}

// shellHelp is the help line while the shell has the focus.
type shellHelp struct{ k KeyMap }

func (s shellHelp) ShortHelp() []key.Binding {
	// The scroll down key is in the full help: the line must fit 80 columns uncut.
	return []key.Binding{s.k.Term.Toggle, s.k.Term.ScrollUp}
}

func (s shellHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.k.Term.Toggle, s.k.Term.ScrollUp, s.k.Term.ScrollDown, s.k.Term.Select, s.k.Term.TerminalSelect}}
}

// confirmHelp is the help line while the solution's confirmation is asked.
type confirmHelp struct{ k KeyMap }

func (c confirmHelp) ShortHelp() []key.Binding { return []key.Binding{c.k.Yes, c.k.No} }

func (c confirmHelp) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

// answerHelp is the help line while an answer is typed.
type answerHelp struct{ k KeyMap }

func (a answerHelp) ShortHelp() []key.Binding { return []key.Binding{a.k.Submit, a.k.Cancel} }

func (a answerHelp) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }
