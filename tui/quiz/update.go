package quiz

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	lq "kubetutor/lessons/quiz"
)

// Update handles a message and returns the screen's next state.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		return m, nil
	case resumableMsg:
		return m.offer(msg.attempt), nil
	case savedMsg:
		switch {
		case msg.err != nil:
			m.notice = i18n.M("quiz.save.failed")
		case msg.final:
			m.notice = i18n.M("quiz.saved")
		}
		return m, nil
	case tea.MouseClickMsg:
		return m.click(msg.Mouse())
	case tea.MouseWheelMsg:
		if msg.Mouse().Button == tea.MouseWheelUp {
			m.scrollBy(-3)
		} else {
			m.scrollBy(3)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m.forward(msg)
}

// forward hands other messages (cursor blinks) to the text input in use.
func (m Model) forward(msg tea.Msg) (Model, tea.Cmd) {
	q := m.question()
	if m.phase != phaseAsk || q == nil {
		return m, nil
	}
	var cmd tea.Cmd
	switch q.Type {
	case lq.Numeric, lq.Short:
		m.in.text, cmd = m.in.text.Update(msg)
	case lq.Open:
		m.in.area, cmd = m.in.area.Update(msg)
	}
	return m, cmd
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		return m, m.leave()
	case key.Matches(msg, k.Help):
		m.fullHelp = !m.fullHelp
		return m, nil
	case key.Matches(msg, k.PageUp):
		m.scrollBy(-(m.bodyHeight() - 1))
		return m, nil
	case key.Matches(msg, k.PageDown):
		m.scrollBy(m.bodyHeight() - 1)
		return m, nil
	}
	switch m.phase {
	case phaseResume:
		return m.keyResume(msg)
	case phaseAsk:
		return m.keyAsk(msg)
	case phaseRubric:
		return m.keyRubric(msg)
	case phaseFeedback:
		switch {
		case key.Matches(msg, k.Review):
			return m, send(ReviewMsg{Chapter: m.cfg.Chapter, Section: m.current.q.Section})
		case key.Matches(msg, k.Next):
			return m.advance()
		}
	case phaseSummary:
		switch {
		case key.Matches(msg, k.Retry):
			if missed := m.missed(); len(missed) > 0 {
				qs := make([]*lq.Question, len(missed))
				for i, r := range missed {
					qs[i] = r.q
				}
				m.start(qs)
				return m, m.focusCmd()
			}
		case key.Matches(msg, k.Up):
			m.scrollBy(-1)
		case key.Matches(msg, k.Down):
			m.scrollBy(1)
		}
	}
	return m, nil
}

func (m Model) keyAsk(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k, q := m.keys, m.question()
	switch q.Type {
	case lq.Numeric, lq.Short:
		if key.Matches(msg, k.Submit) {
			return m.submit()
		}
		var cmd tea.Cmd
		m.in.text, cmd = m.in.text.Update(msg)
		m.refusal = i18n.Message{}
		return m, cmd
	case lq.Open:
		if key.Matches(msg, k.SubmitText) {
			return m.submit()
		}
		var cmd tea.Cmd
		m.in.area, cmd = m.in.area.Update(msg)
		m.refusal = i18n.Message{}
		return m, cmd
	}
	n := m.lineCount()
	switch {
	case key.Matches(msg, k.MoveUp) && q.Type == lq.Ordering:
		m.move(-1)
	case key.Matches(msg, k.MoveDown) && q.Type == lq.Ordering:
		m.move(1)
	case key.Matches(msg, k.Up):
		m.in.cursor = (m.in.cursor + n - 1) % n
	case key.Matches(msg, k.Down):
		m.in.cursor = (m.in.cursor + 1) % n
	case key.Matches(msg, k.Pick) && q.Type != lq.Ordering:
		m.toggle(int(msg.String()[0] - '1'))
	case key.Matches(msg, k.Toggle) && q.Type != lq.Ordering:
		m.toggle(m.in.cursor)
	case key.Matches(msg, k.Submit):
		if q.Type == lq.Single && len(m.in.picked) == 0 {
			m.toggle(m.in.cursor) // enter on a choice picks it
		}
		return m.submit()
	}
	m.refusal = i18n.Message{}
	return m, nil
}

func (m Model) keyRubric(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k, n := m.keys, m.lineCount()
	switch {
	case key.Matches(msg, k.Up):
		m.in.cursor = (m.in.cursor + n - 1) % n
	case key.Matches(msg, k.Down):
		m.in.cursor = (m.in.cursor + 1) % n
	case key.Matches(msg, k.Pick):
		m.toggle(int(msg.String()[0] - '1'))
	case key.Matches(msg, k.Toggle):
		m.toggle(m.in.cursor)
	case key.Matches(msg, k.Submit):
		return m.assess()
	}
	return m, nil
}

func (m Model) click(mouse tea.Mouse) (Model, tea.Cmd) {
	if mouse.Button != tea.MouseLeft {
		return m, nil
	}
	_, owner := m.body()
	line := mouse.Y - headerHeight + m.scroll
	if line < 0 || line >= len(owner) || owner[line] < 0 {
		return m, nil
	}
	i := owner[line]
	if m.phase == phaseAsk && m.question().Type == lq.Ordering {
		m.in.cursor = i
		return m, nil
	}
	m.toggle(i)
	return m, nil
}

func (m *Model) scrollBy(n int) {
	lines, _ := m.body()
	m.scroll = max(0, min(m.scroll+n, len(lines)-m.bodyHeight()))
}

func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
