package lab

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/tui/common"
	"kubetutor/tui/term"
)

// Update handles a message. The pane's own messages and what is typed in the shell
// change the pane only: the instructions are not rendered again, and View draws the
// rest of the screen from its cache.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	paneOnly := m.paneOnly(msg)
	m, cmd := m.update(msg)
	if !paneOnly {
		m.refresh()
		m.touch()
	}
	return m, cmd
}

// paneOnly reports whether msg changes nothing on the screen but the pane.
func (m Model) paneOnly(msg tea.Msg) bool {
	if term.Owns(msg) {
		return true
	}
	if m.copied != copiedNot {
		return false // the footer's notice goes away
	}
	if m.paneMouseOnly(msg) {
		return true
	}
	if m.focus != focusShell || m.answering || m.confirm {
		return false
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return !key.Matches(msg, m.keys.Term.Toggle)
	case tea.PasteMsg:
		return true
	}
	return false
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case startNoteMsg:
		m.startNote = msg.note
		return m, next(m.ctx, msg.ch)
	case startedMsg:
		m.startNote = i18n.Message{}
		if msg.err != nil {
			m.c.Log.Error("lab setup failed", "lab", m.cfg.Lab.ID, "err", msg.err)
			m.startErr = true
			m.startNote = i18n.M("labscreen.setup.failedwhy", "Detail", labs.ErrorDetail(msg.err))
			if left, ok := errors.AsType[*labs.SetupLeftError](msg.err); ok {
				m.startNote = left.Message()
			}
			return m, nil
		}
		return m, m.watch()
	case eventMsg:
		m.apply(msg.ev)
		tick := m.tickIfWaiting()
		return m, tea.Batch(next(m.ctx, m.events), tick)
	case checkedMsg:
		m.apply(msg.ev)
		tick := m.tickIfWaiting()
		return m, tick
	case watchEndMsg:
		if msg.err != nil {
			m.c.Log.Error("lab grading stopped", "lab", m.cfg.Lab.ID, "err", msg.err)
		}
		return m, nil
	case recordedMsg:
		if msg.err != nil {
			m.c.Log.Warn("lab progress not recorded", "err", msg.err)
		}
		return m, nil
	case tickMsg:
		m.ticking = false
		return m, m.tickIfWaiting()
	case term.FullScreenDoneMsg:
		if msg.Err != nil {
			m.c.Log.Warn("full-screen shell", "err", msg.Err)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if m.focus == focusShell {
			var cmd tea.Cmd
			m.term, cmd = m.term.Update(msg)
			return m, cmd
		}
		return m, nil
	case tea.MouseWheelMsg:
		if m.layout.inShell(msg.X, msg.Y) {
			return m.paneMouse(msg)
		}
		return m.wheel(msg)
	case tea.MouseClickMsg:
		return m.click(msg)
	case tea.MouseMotionMsg, tea.MouseReleaseMsg:
		return m.paneMouse(msg.(tea.MouseMsg))
	case term.SelectionCopiedMsg:
		return m.selectionCopied(msg), nil
	}
	var cmd tea.Cmd
	m.term, cmd = m.term.Update(msg)
	return m, cmd
}

// apply records an event of the runner.
func (m *Model) apply(ev labs.Event) {
	i := m.index(ev.Step)
	if i < 0 {
		return
	}
	st := m.steps[i]
	st.evaluating = false
	if st.kind == labs.EventPassed && ev.Kind != labs.EventPassed {
		return // a passed step stays passed, as in the store
	}
	wasCurrent := i == m.firstOpen()
	if ev.Err != nil && (st.result.Err == nil || st.result.Err.Error() != ev.Err.Error()) {
		m.c.Log.Warn("lab check could not run", "lab", m.cfg.Lab.ID, "step", ev.Step, "err", ev.Err)
	}
	st.kind, st.result = ev.Kind, ev
	if wasCurrent {
		m.startWait(st, ev)
	}
	if ev.Kind == labs.EventPassed {
		st.withHelp = st.solution
		if open := m.firstOpen(); open < 0 {
			m.done = true
		} else if wasCurrent {
			m.steps[open].baseline, m.steps[open].waitFrom = "", time.Time{} // a new step: its wait starts with its action
			if m.cur == i {
				m.cur = open // move on with the student
				m.body.GotoTop()
			}
		}
	}
}

// startWait starts the expected wait of the current step at the first change its check
// sees (the student acted) or at a pending result (Kubernetes is at work); a return to
// the first result (the action undone) stops it.
func (m Model) startWait(st *stepState, ev labs.Event) {
	seen := string(ev.Kind) + "|" + ev.Result.Reason.ID
	switch {
	case st.baseline == "":
		st.baseline = seen
		if ev.Kind == labs.EventPending {
			st.waitFrom = m.cfg.Now()
		}
	case seen == st.baseline && ev.Kind != labs.EventPending:
		st.waitFrom = time.Time{}
	case st.waitFrom.IsZero():
		st.waitFrom = m.cfg.Now()
	}
}

func (m Model) index(id string) int {
	for i, s := range m.cfg.Lab.Steps {
		if s.ID == id {
			return i
		}
	}
	return -1
}

// waiting reports whether the step shown has an expected wait still running.
func (m Model) waiting() bool {
	s, st := m.cfg.Lab.Steps[m.cur], m.steps[m.cur]
	return s.Wait != nil && st.kind != labs.EventPassed && m.cfg.Runner != nil && !st.waitFrom.IsZero()
}

// tickIfWaiting arms the one-second tick while a wait is shown (one chain at a time).
func (m *Model) tickIfWaiting() tea.Cmd {
	if m.waiting() && !m.ticking {
		m.ticking = true
		return tick()
	}
	return nil
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	m.copied = copiedNot
	if key.Matches(msg, m.keys.Term.Toggle) {
		m.confirm = false
		if m.focus == focusShell {
			m.focus = focusInstructions
			m.term.Blur()
		} else {
			m.focus = focusShell
			m.term.Focus()
		}
		return m, nil
	}
	if m.focus == focusShell {
		var cmd tea.Cmd
		m.term, cmd = m.term.Update(msg)
		return m, cmd
	}
	step := m.cfg.Lab.Steps[m.cur]
	st := m.steps[m.cur]
	m.flash = i18n.Message{}
	if m.answering {
		return m.answerKey(msg, step, st)
	}
	if m.confirm {
		switch {
		case key.Matches(msg, m.keys.Yes) && m.solutionLocked():
			m.confirm = false
			m.say("workshop.lab.locked.flash")
		case key.Matches(msg, m.keys.Yes):
			m.confirm = false
			st.solution = true
			m.refresh()
			return m, m.record(func(r Recorder) error { _, err := r.RevealSolution(step); return err })
		case key.Matches(msg, m.keys.No):
			m.confirm = false
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Global.Quit):
		return m, common.Send(common.QuitMsg{})
	case key.Matches(msg, m.keys.Global.Back):
		if m.help.ShowAll {
			m.help.ShowAll = false
			return m, nil
		}
		return m, common.Send(DoneMsg{})
	case key.Matches(msg, m.keys.Global.Help):
		m.help.ShowAll = !m.help.ShowAll
		m.SetSize(m.w, m.h)
	case key.Matches(msg, m.keys.Cluster) && m.cfg.CanCreateCluster:
		return m, common.Send(common.OpenClusterMsg{ThenLab: m.cfg.Lab.ID})
	case key.Matches(msg, m.keys.Up):
		if m.cur > 0 {
			m.cur--
			m.body.GotoTop()
		}
	case key.Matches(msg, m.keys.Down):
		if m.cur < len(m.steps)-1 {
			m.cur++
			m.body.GotoTop()
		}
	case key.Matches(msg, m.keys.PageUp):
		m.body.PageUp()
	case key.Matches(msg, m.keys.PageDown):
		m.body.PageDown()
	case key.Matches(msg, m.keys.Hint):
		if st.hints < len(step.Hints) {
			st.hints++
			m.refresh()
			m.body.GotoBottom()
			return m, m.record(func(r Recorder) error { _, err := r.NextHint(step); return err })
		}
		m.say("labscreen.hints.none")
	case key.Matches(msg, m.keys.Solution) && !st.solution && m.solutionLocked():
		m.say("workshop.lab.locked.flash")
	case key.Matches(msg, m.keys.Solution):
		if !st.solution && len(step.Solution) > 0 {
			m.confirm = true
		}
	case key.Matches(msg, m.keys.Answer) && !isQuestion(step):
		m.say("labscreen.answer.notquestion")
	case key.Matches(msg, m.keys.Answer):
		m.answering = true
		m.input.SetValue(st.answer)
		m.input.CursorEnd()
		m.SetSize(m.w, m.h)
		return m, m.input.Focus()
	case key.Matches(msg, m.keys.Check):
		if m.cfg.Runner != nil {
			st.evaluating = true
			return m, m.evaluate(step)
		}
		m.say(m.noClusterKey("labscreen.check.nocluster", "labscreen.check.nocluster.create"))
	case key.Matches(msg, m.keys.FullScreen):
		return m, m.term.FullScreen()
	case key.Matches(msg, m.keys.Copy):
		return m.copyCommand(step)
	}
	return m, nil
}

// wheel scrolls the instructions (the shell's wheel is the pane's: paneMouse).
func (m Model) wheel(msg tea.MouseWheelMsg) (Model, tea.Cmd) {
	switch msg.Button {
	case tea.MouseWheelUp:
		m.body.ScrollUp(3)
	case tea.MouseWheelDown:
		m.body.ScrollDown(3)
	}
	return m, nil
}

// answerKey edits the answer; enter records it and grades the step, esc gives up.
func (m Model) answerKey(msg tea.KeyPressMsg, step *labs.Step, st *stepState) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Submit):
		m.answering = false
		m.input.Blur()
		st.answer = strings.TrimSpace(m.input.Value())
		m.SetSize(m.w, m.h)
		r := m.cfg.Runner
		if r == nil {
			// Kept for when the cluster is there (lab check and the screen grade it then).
			m.say(m.noClusterKey("labscreen.answer.kept", "labscreen.answer.kept.create"))
			answer := st.answer
			return m, m.record(func(r Recorder) error { return r.SetAnswer(step, answer) })
		}
		st.evaluating = true
		answer := st.answer
		return m, func() tea.Msg {
			if err := r.SetAnswer(step, answer); err != nil {
				return recordedMsg{err}
			}
			ctx, cancel := context.WithTimeout(context.Background(), labs.CheckTimeout)
			defer cancel()
			return checkedMsg{r.Evaluate(ctx, step)}
		}
	case key.Matches(msg, m.keys.Cancel):
		m.answering = false
		m.input.Blur()
		m.SetSize(m.w, m.h)
		return m, nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd
}
