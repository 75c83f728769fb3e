package reader

import (
	"charm.land/bubbles/v2/key"

	"kubetutor/tui/common"
)

// KeyMap is the reader's keys. It implements help.KeyMap for the help overlay.
type KeyMap struct {
	Up, Down, PageUp, PageDown, HalfUp, HalfDown, Top, Bottom key.Binding
	NextSection, PrevSection, TOC, GoTo                       key.Binding
	Search, NextMatch, PrevMatch                              key.Binding
	Select, Cancel                                            key.Binding
	Global                                                    common.KeyMap
}

// NewKeyMap returns the reader's keys with help texts from c's translator.
func NewKeyMap(c *common.Common) KeyMap {
	t := c.Tr.T
	space, enter := t("tui.keyname.space"), t("tui.keyname.enter")
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	return KeyMap{
		Up:          b([]string{"up", "k"}, "↑/k", "reader.key.up"),
		Down:        b([]string{"down", "j"}, "↓/j", "reader.key.down"),
		PageUp:      b([]string{"pgup", "b"}, "pgup/b", "reader.key.pageup"),
		PageDown:    b([]string{"pgdown", "space", "f"}, "pgdn/"+space, "reader.key.pagedown"),
		HalfUp:      b([]string{"u", "ctrl+u"}, "u", "reader.key.halfup"),
		HalfDown:    b([]string{"d", "ctrl+d"}, "d", "reader.key.halfdown"),
		Top:         b([]string{"home", "g"}, "g/home", "reader.key.top"),
		Bottom:      b([]string{"end", "G"}, "G/end", "reader.key.bottom"),
		NextSection: b([]string{"right", "l", "]"}, "→/l", "reader.key.nextsection"),
		PrevSection: b([]string{"left", "h", "["}, "←/h", "reader.key.prevsection"),
		TOC:         b([]string{"t", "tab"}, "t/tab", "reader.key.toc"),
		GoTo:        b([]string{":"}, ":", "reader.key.goto"),
		Search:      b([]string{"/"}, "/", "reader.key.search"),
		NextMatch:   b([]string{"n"}, "n", "reader.key.nextmatch"),
		PrevMatch:   b([]string{"N"}, "N", "reader.key.prevmatch"),
		Select:      b([]string{"enter"}, enter, "reader.key.select"),
		Cancel:      b([]string{"esc"}, "esc", "reader.key.cancel"),
		Global:      c.Keys,
	}
}

// ShortHelp is the one-line help of the status bar.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Search, k.TOC, k.NextSection, k.Global.Help, k.Global.Quit}
}

// FullHelp is the help overlay, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
		// Two columns: a third one does not fit at 80 columns (help cuts it to « … »).
		{k.NextSection, k.PrevSection, k.TOC, k.GoTo, k.Search, k.NextMatch, k.PrevMatch,
			k.Select, k.Global.Back, k.Global.Help, k.Global.Quit},
	}
}
