package term

import (
	tea "charm.land/bubbletea/v2"
)

// FullScreenDoneMsg says the full-screen shell started by FullScreen has ended.
type FullScreenDoneMsg struct {
	Pane int
	Err  error
}

// FullScreen hands the whole terminal to a new process built by the pane's Command
// (tea.ExecProcess), for work the pane is too small or too limited for. The pane's own
// process keeps running; the program resumes when the new one exits.
func (m Model) FullScreen() tea.Cmd {
	if m.cfg.Command == nil {
		return nil
	}
	cmd, err := m.cfg.Command()
	id := m.id
	if err != nil {
		return func() tea.Msg { return FullScreenDoneMsg{Pane: id, Err: err} }
	}
	return tea.ExecProcess(cmd, func(err error) tea.Msg { return FullScreenDoneMsg{Pane: id, Err: err} })
}
