package app

import (
	tea "charm.land/bubbletea/v2"

	tuiquiz "kubetutor/tui/quiz"
)

// quizProgram runs the quiz screen on its own: DoneMsg and ReviewMsg end the program.
type quizProgram struct {
	quiz   tuiquiz.Model
	review *tuiquiz.ReviewMsg
}

func (p quizProgram) Init() tea.Cmd { return p.quiz.Init() }

func (p quizProgram) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tuiquiz.DoneMsg:
		return p, tea.Quit
	case tuiquiz.ReviewMsg:
		p.review = &msg
		return p, tea.Quit
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			return p, tea.Quit
		}
	}
	var cmd tea.Cmd
	p.quiz, cmd = p.quiz.Update(msg)
	return p, cmd
}

func (p quizProgram) View() tea.View { return p.quiz.View() }

// runQuizTUI runs the quiz screen full screen until the student leaves it.
func runQuizTUI(deps *Deps, run *quizRun) error {
	prog := tea.NewProgram(quizProgram{quiz: tuiquiz.New(run.cfg)}, tea.WithInput(deps.In), tea.WithOutput(deps.Out))
	_, err := prog.Run()
	return err
}
