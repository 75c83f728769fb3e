package quiz

import (
	"slices"
	"strconv"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	lq "kubetutor/lessons/quiz"
)

// resumableMsg carries the unfinished attempt the store holds for this chapter, mode and
// section, if any.
type resumableMsg struct{ attempt *progress.QuizAttempt }

// findResumableCmd looks, off the update loop, for an unfinished attempt to offer.
func (m Model) findResumableCmd() tea.Cmd {
	store, chapter, mode, section := m.cfg.Store, m.cfg.Chapter, string(m.cfg.Mode), m.cfg.Section
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		doc, err := store.Load()
		if err != nil || doc.Chapters[chapter] == nil {
			return resumableMsg{}
		}
		a := doc.Chapters[chapter].LastUnfinished(mode, section)
		if a == nil {
			return resumableMsg{}
		}
		cp := *a
		return resumableMsg{attempt: &cp}
	}
}

// offer shows the resume question when an attempt can be resumed and the student has
// not answered anything yet.
func (m Model) offer(a *progress.QuizAttempt) Model {
	if a == nil || m.phase != phaseAsk || m.idx != 0 || len(m.records) > 0 || len(m.resumeAnswers(a)) == 0 {
		return m
	}
	m.offered, m.phase = a, phaseResume
	return m
}

// resumeAnswers returns the answers of a that belong to questions of this run, once each.
// An answer that no longer fits its question (the quiz was edited since: a choice
// removed) is left out, and the question asked again.
func (m Model) resumeAnswers(a *progress.QuizAttempt) []progress.Answer {
	var out []progress.Answer
	seen := map[string]bool{}
	for _, ans := range a.Answers {
		q := m.byID(ans.Question)
		if seen[ans.Question] || q == nil || !fits(q, responseFrom(q.Type, ans.Given)) {
			continue
		}
		seen[ans.Question] = true
		out = append(out, ans)
	}
	return out
}

func (m Model) byID(id string) *lq.Question {
	for _, q := range m.questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// resume continues the offered attempt: its answers are restored as they were graded,
// the questions not yet answered follow, and the attempt keeps its id.
func (m Model) resume() (Model, tea.Cmd) {
	a := m.offered
	m.offered = nil
	answers := m.resumeAnswers(a)
	var asked []*lq.Question
	m.records, m.pending = nil, nil
	for _, ans := range answers {
		q := m.byID(ans.Question)
		asked = append(asked, q)
		rec := &record{q: q, resp: responseFrom(q.Type, ans.Given),
			res: lq.Result{Points: ans.Points, Correct: ans.Correct}, at: ans.At, graded: !ans.Pending}
		if ans.Pending {
			rec.res = lq.Result{}
			m.pending = append(m.pending, rec) // an exam's open answer, assessed at the end
		}
		m.records = append(m.records, rec)
	}
	for _, q := range m.questions {
		if !slices.Contains(asked, q) {
			asked = append(asked, q)
		}
	}
	m.questions, m.idx = asked, len(answers)
	m.attemptID, m.started = a.ID, a.Started
	if m.idx >= len(m.questions) {
		if len(m.pending) > 0 {
			m.toRubric(m.pending[0])
			return m, nil
		}
		return m.finish()
	}
	m.phase = phaseAsk
	m.prepare()
	return m, m.focusCmd()
}

// restart leaves the offered attempt as it is (unfinished) and begins a new one.
func (m Model) restart() (Model, tea.Cmd) {
	m.offered = nil
	m.phase = phaseAsk
	return m, m.focusCmd()
}

func (m Model) keyResume(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Resume):
		return m.resume()
	case key.Matches(msg, m.keys.Restart):
		return m.restart()
	}
	return m, nil
}

// fits reports whether r can be shown as an answer to q: its indexes are q's.
func fits(q *lq.Question, r lq.Response) bool {
	in := func(xs []int, n int) bool {
		for _, x := range xs {
			if x < 0 || x >= n {
				return false
			}
		}
		return true
	}
	switch q.Type {
	case lq.Single, lq.Multiple:
		return in(r.Choices, len(q.Choices))
	case lq.Ordering:
		return len(r.Order) == len(q.Items) && in(r.Order, len(q.Items))
	case lq.Open:
		return in(r.Ticked, len(q.Rubric))
	}
	return true
}

// responseFrom rebuilds a response from what the store kept (Response.Given).
func responseFrom(t lq.Type, given []string) lq.Response {
	ints := func(xs []string) []int {
		var out []int
		for _, x := range xs {
			if n, err := strconv.Atoi(x); err == nil {
				out = append(out, n)
			}
		}
		return out
	}
	var r lq.Response
	switch t {
	case lq.Single, lq.Multiple:
		r.Choices = ints(given)
	case lq.Ordering:
		r.Order = ints(given)
	case lq.Open:
		if len(given) > 0 {
			r.Text, r.Ticked = given[0], ints(given[1:])
		}
	default:
		if len(given) > 0 {
			r.Text = given[0]
		}
	}
	return r
}

// dateLayout is how a date and time read in lang.
func dateLayout(lang i18n.Lang) string {
	if lang == i18n.FR {
		return "02/01/2006 à 15:04"
	}
	return "2006-01-02 15:04"
}

func (m Model) resumeBody(b *bodyBuilder) {
	tr, a := m.cfg.Tr, m.offered
	b.add(m.styles.label.Render(tr.T("quiz.resume.title")), "")
	b.add(m.wrap(tr.T("quiz.resume.text", map[string]any{
		"Started":  a.Started.In(m.location()).Format(dateLayout(tr.Lang())),
		"Answered": len(m.resumeAnswers(a)), "Total": len(m.questions),
	}), "")...)
	b.add("")
	b.add(m.wrap(tr.T("quiz.resume.choice"), "")...)
}

func (m Model) location() *time.Location {
	if m.cfg.Location != nil {
		return m.cfg.Location
	}
	return time.Local
}
