package tui

import (
	tea "charm.land/bubbletea/v2"

	lq "kubetutor/lessons/quiz"
	"kubetutor/tui/common"
	tuiquiz "kubetutor/tui/quiz"
	"kubetutor/tui/render"
)

// quizReadyMsg carries a quiz loaded for the home screen's « Quiz » entry.
type quizReadyMsg struct {
	cfg tuiquiz.Config
	err error
}

// loadQuiz loads a chapter's quiz off the update loop.
func (m Model) loadQuiz(msg common.OpenQuizMsg) tea.Cmd {
	c := m.c
	return func() tea.Msg {
		ch, err := c.Course.Chapter(msg.Chapter)
		if err != nil {
			return quizReadyMsg{err: err}
		}
		z, err := lq.ForChapter(c.Content, c.ContentDir, ch)
		if err != nil {
			return quizReadyMsg{err: err}
		}
		titles := map[string]string{}
		for _, s := range ch.All() {
			titles[s.ID] = s.Label()
		}
		return quizReadyMsg{cfg: tuiquiz.Config{Chapter: ch.ID, Questions: z.Filter(msg.Section),
			Section: msg.Section, Mode: tuiquiz.Practice, SectionTitles: titles}}
	}
}

// StartQuiz shows the quiz screen for cfg; the translator and the store come from the
// root's Common.
func (m *Model) StartQuiz(cfg tuiquiz.Config) tea.Cmd {
	cfg.Tr, cfg.Store = m.c.Tr, m.c.Store
	cfg.Plain = m.c.Style == render.NoTTY
	m.quiz = tuiquiz.New(cfg)
	m.quiz.SetSize(m.c.Width, m.c.Height)
	m.hasQuiz = true
	m.screen = ScreenQuiz
	return m.quiz.Init()
}

// updateQuiz handles the quiz screen's messages to the root.
func (m Model) updateQuiz(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.OpenQuizMsg:
		return m, m.loadQuiz(msg), true
	case quizReadyMsg:
		if msg.err != nil {
			m.c.Log.Error("opening quiz", "err", msg.err)
			return m, nil, true
		}
		cmd := m.StartQuiz(msg.cfg)
		return m, cmd, true
	case tuiquiz.ReviewMsg:
		m.open(common.OpenChapterMsg{Chapter: msg.Chapter, Section: msg.Section})
		return m, m.resize(), true
	case tuiquiz.DoneMsg:
		m.hasQuiz = false
		m.screen = ScreenHome
		return m, common.LoadProgress(m.c.Store), true
	}
	return m, nil, false
}
