package lab

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs"
)

// startedMsg says the lab's setup is applied (or failed).
type startedMsg struct{ err error }

// eventMsg carries a step event from the runner.
type eventMsg struct{ ev labs.Event }

// watchEndMsg says the live grading stopped (every step passed, or an error).
type watchEndMsg struct{ err error }

// hintMsg and solutionMsg carry the outcome of recording a hint or a solution shown.
type recordedMsg struct{ err error }

// tickMsg refreshes the elapsed time of an expected wait.
type tickMsg struct{}

// startNoteMsg carries the setup's progress (its wait for a namespace being deleted);
// ch is where the next one, or the startedMsg, comes from.
type startNoteMsg struct {
	note i18n.Message
	ch   <-chan tea.Msg
}

// startRunner applies the lab's setup in a goroutine, its progress and its end read by
// a command re-armed after each progress message.
func (m Model) startRunner() tea.Cmd {
	r, ctx := m.cfg.Runner, m.ctx
	if r == nil || ctx == nil || m.done {
		return nil
	}
	ch := make(chan tea.Msg, 4)
	go func() {
		err := r.Start(ctx, func(note i18n.Message) {
			select {
			case ch <- startNoteMsg{note: note, ch: ch}:
			case <-ctx.Done():
			}
		})
		select {
		case ch <- startedMsg{err: err}:
		case <-ctx.Done():
		}
	}()
	return next(ctx, ch)
}

// watch runs the runner's live grading in a goroutine feeding m.events, and returns the
// command that reads them. Close ends it.
func (m Model) watch() tea.Cmd {
	r, ch, ctx := m.cfg.Runner, m.events, m.ctx
	if r == nil || ctx == nil {
		return nil
	}
	go func() {
		err := r.Watch(ctx, labs.WatchOptions{}, func(ev labs.Event) {
			select {
			case ch <- eventMsg{ev}:
			case <-ctx.Done():
			}
		})
		if errors.Is(err, context.Canceled) {
			return
		}
		select {
		case ch <- watchEndMsg{err}:
		case <-ctx.Done():
		}
	}()
	return next(ctx, ch)
}

// next waits for the next message on ch (the runner's, or the setup's while it
// starts); Update re-arms it after each.
func next(ctx context.Context, ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-ch:
			return msg
		case <-ctx.Done():
			return nil
		}
	}
}

// evaluate runs the step's check once, now.
func (m Model) evaluate(step *labs.Step) tea.Cmd {
	r := m.cfg.Runner
	if r == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), labs.CheckTimeout)
		defer cancel()
		return checkedMsg{r.Evaluate(ctx, step)}
	}
}

// checkedMsg carries a one-off evaluation (not re-armed).
type checkedMsg struct{ ev labs.Event }

// tick asks for a tickMsg in a second (while a wait is shown).
func tick() tea.Cmd {
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{} })
}
