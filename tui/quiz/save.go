package quiz

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/internal/progress"
)

// attempt builds the progress record of this run.
func (m Model) attempt(finished bool) progress.QuizAttempt {
	a := progress.QuizAttempt{
		ID:      m.attemptID,
		Mode:    string(m.cfg.Mode),
		Section: m.cfg.Section,
		Started: m.started,
		Answers: []progress.Answer{},
	}
	if finished {
		a.Finished = m.cfg.Now()
	}
	for _, r := range m.records {
		a.Answers = append(a.Answers, progress.Answer{
			Question: r.q.ID, Section: r.q.Section, Given: r.resp.Given(r.q.Type),
			Points: r.res.Points, Correct: r.res.Correct, At: r.at, Pending: !r.graded,
		})
		if r.graded {
			a.Score += r.res.Points
			a.Max++
		}
	}
	return a
}

// saveCmd records the attempt in the store, off the update loop. It runs after every
// graded answer (finished false) and at the summary (finished true), each time writing
// the whole attempt under its id: a quiz killed between two answers keeps every answer
// given, as an unfinished attempt the next run offers to resume.
func (m Model) saveCmd(finished bool) tea.Cmd {
	store, chapter := m.cfg.Store, m.cfg.Chapter
	if store == nil {
		return nil
	}
	a := m.attempt(finished)
	return func() tea.Msg {
		err := store.Update(func(d *progress.Document) error {
			d.Chapter(chapter).SaveAttempt(a)
			return nil
		})
		return savedMsg{err: err, final: finished}
	}
}
