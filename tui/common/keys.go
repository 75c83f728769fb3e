package common

import (
	"charm.land/bubbles/v2/key"

	"kubetutor/i18n"
)

// KeyMap holds the keys every screen honours.
type KeyMap struct {
	Quit key.Binding
	Help key.Binding
	Back key.Binding
}

// NewKeyMap returns the global keys with help texts in the translator's language.
func NewKeyMap(tr *i18n.Translator) KeyMap {
	return KeyMap{
		Quit: key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", tr.T("tui.key.quit"))),
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", tr.T("tui.key.help"))),
		Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr.T("tui.key.back"))),
	}
}
