package board

import (
	"charm.land/bubbles/v2/key"

	"kubetutor/i18n"
)

// KeyMap is the board's keys.
type KeyMap struct {
	Up, Down, Left, Right           key.Binding
	Student, Column                 key.Binding
	Sort, AckHand, Remove           key.Binding
	Banner, Lock, Countdown, LookUp key.Binding
	Yes, Back, Help, Quit           key.Binding
}

// NewKeyMap returns the board's keys with help in tr's language.
func NewKeyMap(tr *i18n.Translator) KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, tr.T(desc)))
	}
	return KeyMap{
		Up:        b([]string{"up", "k"}, "↑↓", "board.key.rows"),
		Down:      b([]string{"down", "j"}, "↓", "board.key.rows"),
		Left:      b([]string{"left", "h"}, "←→", "board.key.cols"),
		Right:     b([]string{"right", "l"}, "→", "board.key.cols"),
		Student:   b([]string{"enter"}, "↵", "board.key.student"),
		Column:    b([]string{"c"}, "c", "board.key.column"),
		Sort:      b([]string{"s"}, "s", "board.key.sort"),
		AckHand:   b([]string{"a"}, "a", "board.key.ack"),
		Remove:    b([]string{"X"}, "X", "board.key.remove"),
		Yes:       b([]string{"o", "y"}, "o", "board.key.yes"),
		Banner:    b([]string{"b"}, "b", "board.key.banner"),
		Lock:      b([]string{"L"}, "L", "board.key.lock"),
		Countdown: b([]string{"t"}, "t", "board.key.countdown"),
		LookUp:    b([]string{"r"}, "r", "board.key.lookup"),
		Back:      b([]string{"esc"}, "esc", "board.key.back"),
		Help:      b([]string{"?"}, "?", "board.key.help"),
		Quit:      b([]string{"q", "ctrl+c"}, "q", "board.key.quit"),
	}
}

// ShortHelp is the footer's keys.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Left, k.Student, k.Column, k.Sort, k.AckHand, k.Help, k.Quit}
}

// ActionHelp is the help panel's list of instructor actions.
func (k KeyMap) ActionHelp() []key.Binding {
	return []key.Binding{k.Student, k.Column, k.Sort, k.AckHand, k.Remove, k.Banner, k.Lock, k.Countdown, k.LookUp}
}
