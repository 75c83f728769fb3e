package quiz

import (
	"slices"

	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	lq "kubetutor/lessons/quiz"
)

// prepare resets the answer state for the current question: choices shuffled, ordering
// items shuffled (never already in order), a fresh text input.
func (m *Model) prepare() {
	q := m.question()
	m.scroll = 0
	m.refusal = i18n.Message{}
	m.in = input{picked: map[int]bool{}, ticked: map[int]bool{}}
	switch q.Type {
	case lq.Single, lq.Multiple:
		m.in.perm = m.rng.Perm(len(q.Choices))
	case lq.Ordering:
		m.in.order = m.rng.Perm(len(q.Items))
		if len(q.Items) > 1 && isIdentity(m.in.order) {
			m.in.order = append(m.in.order[1:], m.in.order[0])
		}
	case lq.Numeric, lq.Short:
		ti := textinput.New()
		ti.Prompt = "> "
		ti.Placeholder = m.cfg.Tr.T("quiz.input.placeholder")
		if q.Type == lq.Numeric {
			ti.Placeholder = m.cfg.Tr.T("quiz.input.number")
		}
		ti.CharLimit = 200
		st := ti.Styles()
		st.Cursor.Blink = false // a steady cursor: no timer re-arming forever
		ti.SetStyles(st)
		m.in.blink = ti.Focus()
		m.in.text = ti
	case lq.Open:
		ta := textarea.New()
		ta.Placeholder = m.cfg.Tr.T("quiz.input.open")
		ta.ShowLineNumbers = false
		ta.SetHeight(5)
		ta.CharLimit = 4000
		st := ta.Styles()
		st.Cursor.Blink = false
		ta.SetStyles(st)
		m.in.blink = ta.Focus()
		m.in.area = ta
	}
	m.SetSize(m.width, m.height)
}

func isIdentity(xs []int) bool {
	for i, x := range xs {
		if i != x {
			return false
		}
	}
	return true
}

// focusCmd returns the cursor blink of the current question's text input, if any.
func (m *Model) focusCmd() tea.Cmd {
	if m.phase != phaseAsk {
		return nil
	}
	return m.in.blink
}

// lineCount is the number of cursor lines of the current phase: choices, ordering items
// or rubric points.
func (m Model) lineCount() int {
	q := m.question()
	if m.phase == phaseRubric && m.current != nil {
		return len(m.current.q.Rubric)
	}
	if m.phase != phaseAsk || q == nil {
		return 0
	}
	switch q.Type {
	case lq.Single, lq.Multiple:
		return len(q.Choices)
	case lq.Ordering:
		return len(q.Items)
	}
	return 0
}

// toggle selects the choice or ticks the rubric point at display line i.
func (m *Model) toggle(i int) {
	if i < 0 || i >= m.lineCount() {
		return
	}
	m.in.cursor = i
	if m.phase == phaseRubric {
		m.in.ticked[i] = !m.in.ticked[i]
		return
	}
	q := m.question()
	c := m.in.perm[i]
	switch q.Type {
	case lq.Single:
		m.in.picked = map[int]bool{c: true}
	case lq.Multiple:
		m.in.picked[c] = !m.in.picked[c]
	}
}

// move moves the ordering item under the cursor by delta places.
func (m *Model) move(delta int) {
	i, j := m.in.cursor, m.in.cursor+delta
	if j < 0 || j >= len(m.in.order) {
		return
	}
	m.in.order[i], m.in.order[j] = m.in.order[j], m.in.order[i]
	m.in.cursor = j
}

// response builds the student's response from the input state; lq.Refuse says whether
// it can be graded yet.
func (m Model) response() lq.Response {
	q := m.question()
	var r lq.Response
	switch q.Type {
	case lq.Single, lq.Multiple:
		for c := range q.Choices {
			if m.in.picked[c] {
				r.Choices = append(r.Choices, c)
			}
		}
	case lq.Ordering:
		r.Order = slices.Clone(m.in.order)
	case lq.Numeric, lq.Short:
		r.Text = m.in.text.Value()
	case lq.Open:
		r.Text = m.in.area.Value()
	}
	return r
}

func (m Model) tickedList() []int {
	var out []int
	for i := range m.current.q.Rubric {
		if m.in.ticked[i] {
			out = append(out, i)
		}
	}
	return out
}
