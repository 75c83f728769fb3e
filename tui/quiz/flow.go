package quiz

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	lq "kubetutor/lessons/quiz"
)

// submit grades the current answer. Practice shows feedback (after the rubric for an open
// question); exam moves on, keeping open answers for their rubric at the end.
func (m Model) submit() (Model, tea.Cmd) {
	q := m.question()
	resp := m.response()
	if msg, refused := lq.Refuse(q, resp); refused {
		m.refusal = msg // not scored: the student corrects the answer
		return m, nil
	}
	m.refusal = i18n.Message{}
	rec := &record{q: q, resp: resp, at: m.cfg.Now()}
	m.records = append(m.records, rec)
	if q.Type == lq.Open {
		if m.cfg.Mode == Exam {
			m.pending = append(m.pending, rec)
			save := m.saveCmd(false) // the text is kept, to be assessed at the end
			m, cmd := m.advance()
			return m, tea.Batch(save, cmd)
		}
		m.toRubric(rec)
		return m, nil
	}
	rec.res, rec.graded = lq.Grade(q, resp), true
	save := m.saveCmd(false) // every answer is kept as soon as it is graded
	if m.cfg.Mode == Exam {
		m, cmd := m.advance()
		return m, tea.Batch(save, cmd)
	}
	m.current, m.phase, m.scroll = rec, phaseFeedback, 0
	return m, save
}

func (m *Model) toRubric(rec *record) {
	m.current, m.phase, m.scroll = rec, phaseRubric, 0
	m.in.cursor, m.in.ticked = 0, map[int]bool{}
}

// assess grades the open answer on the rubric points the student ticked.
func (m Model) assess() (Model, tea.Cmd) {
	rec := m.current
	rec.resp.Ticked = m.tickedList()
	rec.res, rec.graded = lq.Grade(rec.q, rec.resp), true
	if m.cfg.Mode == Practice {
		m.phase, m.scroll = phaseFeedback, 0
		return m, m.saveCmd(false)
	}
	m.pending = m.pending[1:]
	if len(m.pending) > 0 {
		m.toRubric(m.pending[0])
		return m, m.saveCmd(false)
	}
	return m.finish()
}

// advance goes to the next question, or to the end of the run.
func (m Model) advance() (Model, tea.Cmd) {
	m.idx++
	if m.idx < len(m.questions) {
		m.phase = phaseAsk
		m.current = nil
		m.prepare()
		return m, m.focusCmd()
	}
	if len(m.pending) > 0 {
		m.toRubric(m.pending[0])
		return m, nil
	}
	return m.finish()
}

// finish shows the summary and records the attempt.
func (m Model) finish() (Model, tea.Cmd) {
	m.phase, m.scroll, m.current = phaseSummary, 0, nil
	return m, m.saveCmd(true)
}

// leave closes the screen. Every graded answer is already recorded; saving once more
// here records the same unfinished attempt, so leaving never loses one.
func (m Model) leave() tea.Cmd {
	done := send(DoneMsg{})
	if m.phase == phaseSummary || len(m.records) == 0 {
		return done
	}
	return tea.Sequence(m.saveCmd(false), done)
}

// graded returns the graded records, in the order they were answered.
func (m Model) graded() []*record {
	var out []*record
	for _, r := range m.records {
		if r.graded {
			out = append(out, r)
		}
	}
	return out
}

// missed returns the graded records that did not earn full points.
func (m Model) missed() []*record {
	var out []*record
	for _, r := range m.graded() {
		if !r.res.Correct {
			out = append(out, r)
		}
	}
	return out
}

// scores tallies the graded records by section.
func (m Model) scores() ([]lq.Score, lq.Score) {
	var s []lq.Scored
	for _, r := range m.graded() {
		s = append(s, lq.Scored{Section: r.q.Section, Points: r.res.Points})
	}
	return lq.Tally(s)
}
