package quiz

import (
	"charm.land/bubbles/v2/key"

	"kubetutor/i18n"
)

// KeyMap holds the quiz screen's keys. Which ones apply depends on the phase; help shows
// those.
type KeyMap struct {
	Up, Down         key.Binding
	Pick             key.Binding // a choice by its number
	Toggle           key.Binding // select or tick the item under the cursor
	Submit           key.Binding // answer (choices, ordering, a short text)
	SubmitText       key.Binding // answer a long text (enter makes a new line)
	MoveUp, MoveDown key.Binding // move an ordering item
	Next             key.Binding
	Review           key.Binding // « Revoir la section »
	Retry            key.Binding // redo the missed questions
	PageUp, PageDown key.Binding
	Help             key.Binding
	Back             key.Binding // leave the quiz
	Resume, Restart  key.Binding // an unfinished attempt: go on with it, or start anew
}

// NewKeyMap returns the quiz keys with help in the translator's language.
func NewKeyMap(tr *i18n.Translator) KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, tr.T(desc)))
	}
	return KeyMap{
		Up:         b([]string{"up", "k"}, "↑/k", "quiz.key.up"),
		Down:       b([]string{"down", "j"}, "↓/j", "quiz.key.down"),
		Pick:       b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "quiz.key.pick"),
		Toggle:     b([]string{"space", "x"}, tr.T("quiz.keyname.space"), "quiz.key.toggle"),
		Submit:     b([]string{"enter"}, tr.T("quiz.keyname.enter"), "quiz.key.submit"),
		SubmitText: b([]string{"ctrl+s", "alt+enter"}, "ctrl+s", "quiz.key.submit"),
		MoveUp:     b([]string{"shift+up", "K"}, "⇧↑/K", "quiz.key.moveup"),
		MoveDown:   b([]string{"shift+down", "J"}, "⇧↓/J", "quiz.key.movedown"),
		Next:       b([]string{"enter", "n"}, tr.T("quiz.keyname.enter"), "quiz.key.next"),
		Review:     b([]string{"v"}, "v", "quiz.key.review"),
		Retry:      b([]string{"r"}, "r", "quiz.key.retry"),
		PageUp:     b([]string{"pgup"}, "pgup", "quiz.key.pageup"),
		PageDown:   b([]string{"pgdown"}, "pgdown", "quiz.key.pagedown"),
		Help:       b([]string{"f1"}, "f1", "quiz.key.help"),
		Back:       b([]string{"esc"}, "esc", "quiz.key.back"),
		Resume:     b([]string{"enter"}, tr.T("quiz.keyname.enter"), "quiz.key.resume"),
		Restart:    b([]string{"n"}, "n", "quiz.key.restart"),
	}
}

// helpKeys is the help.KeyMap of one phase.

type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }
