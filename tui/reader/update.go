package reader

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/tui/common"
)

// Update handles a message. It never renders: rendering runs in the command Resize
// returns.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case renderedMsg:
		return m.rendered(msg)
	case savedMsg:
		if msg.err != nil {
			m.c.Log.Error("saving progress", "err", msg.err)
			m.setNotice(i18n.M("reader.progress.savefailed"), true)
		}
		return m, nil
	case tea.MouseWheelMsg:
		if m.mode != modeRead || m.doc == nil {
			return m, nil
		}
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		next := m.scrolled()
		return m, tea.Batch(cmd, next)
	case tea.KeyPressMsg:
		switch m.mode {
		case modeSearch, modeGoTo:
			return m.updateInput(msg)
		case modeTOC:
			return m.updateTOC(msg)
		case modeHelp:
			return m.updateHelp(msg)
		}
		return m.updateRead(msg)
	}
	if m.mode == modeSearch || m.mode == modeGoTo {
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m Model) rendered(msg renderedMsg) (Model, tea.Cmd) {
	if msg.chapter != m.chapter.ID {
		return m, nil
	}
	delete(m.pending, msg.key)
	if msg.err != nil {
		m.c.Log.Error("rendering chapter", "chapter", msg.chapter, "err", msg.err)
		m.setNotice(i18n.M("reader.render.failed"), true)
		return m, nil
	}
	m.docs[msg.key] = msg.doc
	if msg.key == (docKey{m.c.Style, m.textWidth()}) {
		m.apply(msg.doc)
		if len(m.unsaved) > 0 {
			next := m.SaveCmd()
			return m, next
		}
	}
	return m, nil
}

func (m Model) updateRead(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	m.notice = i18n.Message{}
	switch {
	case key.Matches(msg, k.Global.Quit):
		return m, common.Send(common.QuitMsg{})
	case key.Matches(msg, k.Global.Help):
		m.mode = modeHelp
		return m, nil
	case key.Matches(msg, k.Global.Back):
		if m.search.active() {
			m.search.clear()
			m.setContent()
			return m, nil
		}
		return m, common.Send(common.BackMsg{})
	case key.Matches(msg, k.Search):
		return m.openInput(modeSearch, "/ ", m.c.Tr.T("reader.search.placeholder"))
	case key.Matches(msg, k.GoTo):
		return m.openInput(modeGoTo, ": ", m.c.Tr.T("reader.goto.placeholder"))
	case key.Matches(msg, k.TOC):
		m.mode = modeTOC
		m.tocCursor = max(0, m.current())
		return m, nil
	}
	if m.doc == nil {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.NextMatch):
		next := m.stepMatch(1)
		return m, next
	case key.Matches(msg, k.PrevMatch):
		next := m.stepMatch(-1)
		return m, next
	case key.Matches(msg, k.NextSection):
		next := m.jump(m.current() + 1)
		return m, next
	case key.Matches(msg, k.PrevSection):
		i := m.current()
		if i >= 0 && m.vp.YOffset() > m.doc.Anchors[i].Line {
			next := m.jump(i)
			return m, next
		}
		if i <= 0 {
			next := m.moveTo(0)
			return m, next
		}
		next := m.jump(i - 1)
		return m, next
	case key.Matches(msg, k.Top):
		next := m.moveTo(0)
		return m, next
	case key.Matches(msg, k.Bottom):
		next := m.moveTo(len(m.doc.Lines))
		return m, next
	}
	var cmd tea.Cmd
	m.vp, cmd = m.vp.Update(msg)
	next := m.scrolled()
	return m, tea.Batch(cmd, next)
}

func (m Model) openInput(md mode, prompt, placeholder string) (Model, tea.Cmd) {
	m.mode = md
	m.input.Reset()
	m.input.Prompt = prompt
	m.input.Placeholder = placeholder
	next := m.input.Focus()
	return m, next
}

func (m Model) updateInput(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		m.mode = modeRead
		m.input.Blur()
		return m, nil
	case key.Matches(msg, m.keys.Select):
		value := strings.TrimSpace(m.input.Value())
		md := m.mode
		m.mode = modeRead
		m.input.Blur()
		if value == "" {
			return m, nil
		}
		if md == modeGoTo {
			next := m.goTo(value)
			return m, next
		}
		next := m.runSearch(value)
		return m, next
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}

// goTo jumps to the section named by ref (an id or a number).
func (m *Model) goTo(ref string) tea.Cmd {
	s, err := m.chapter.Find(ref)
	if err != nil {
		m.setNotice(i18n.M("reader.goto.unknown", "Ref", ref), true)
		return nil
	}
	return m.jump(m.chapter.Index(s.ID))
}

// runSearch starts a search and shows its first match below the top of the view.
func (m *Model) runSearch(q string) tea.Cmd {
	m.search.set(q, m.doc)
	if len(m.search.matches) == 0 {
		m.search.clear()
		m.setNotice(i18n.M("reader.search.none", "Query", q), true)
		m.setContent()
		return nil
	}
	m.search.cur = m.search.first(m.vp.YOffset())
	return m.showMatch()
}

// stepMatch moves to the next (1) or previous (-1) match.
func (m *Model) stepMatch(dir int) tea.Cmd {
	n := len(m.search.matches)
	if n == 0 {
		if m.search.active() {
			m.setNotice(i18n.M("reader.search.none", "Query", m.search.query), true)
		}
		return nil
	}
	m.search.cur = (m.search.cur + dir + n) % n
	return m.showMatch()
}

// showMatch highlights the current match and scrolls it into view, a third down the
// screen when it was off screen.
func (m *Model) showMatch() tea.Cmd {
	m.setContent()
	line := m.search.matches[m.search.cur].line
	top, h := m.vp.YOffset(), m.vp.Height()
	if line >= top && line < top+h {
		return nil
	}
	return m.moveTo(max(0, line-h/3))
}

func (m Model) updateTOC(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Global.Quit) && msg.String() != "q":
		return m, common.Send(common.QuitMsg{})
	case key.Matches(msg, k.Cancel, k.TOC, k.Global.Quit):
		m.mode = modeRead
	case key.Matches(msg, k.Up):
		m.tocCursor = max(0, m.tocCursor-1)
	case key.Matches(msg, k.Down):
		m.tocCursor = min(len(m.all)-1, m.tocCursor+1)
	case key.Matches(msg, k.Top):
		m.tocCursor = 0
	case key.Matches(msg, k.Bottom):
		m.tocCursor = len(m.all) - 1
	case key.Matches(msg, k.Select, k.NextSection):
		m.mode = modeRead
		next := m.jump(m.tocCursor)
		return m, next
	}
	return m, nil
}

func (m Model) updateHelp(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Global.Quit) && msg.String() != "q":
		return m, common.Send(common.QuitMsg{})
	case key.Matches(msg, m.keys.Global.Help, m.keys.Cancel, m.keys.Global.Quit):
		m.mode = modeRead
	}
	return m, nil
}

func (m *Model) setNotice(msg i18n.Message, isError bool) {
	m.notice, m.isError = msg, isError
}

// SetNotice shows a one-line message in the status bar until the next key.
func (m *Model) SetNotice(msg i18n.Message) { m.setNotice(msg, false) }
