package term

import (
	"io"
	"os/exec"
	"time"

	tea "charm.land/bubbletea/v2"

	"kubetutor/tui/ticker"
)

// FullScreenDoneMsg says the full-screen shell started by FullScreen has ended.
type FullScreenDoneMsg struct {
	Pane int
	Err  error
}

// rendererStopWait bounds the wait for Bubble Tea's old renderer after the full-screen
// shell (fullScreenCmd.Run).
const rendererStopWait = time.Second

// FullScreen hands the whole terminal to a new process built by the pane's Command
// (tea.Exec), for work the pane is too small or too limited for. The pane's own
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
	return tea.Exec(fullScreenCmd{cmd}, func(err error) tea.Msg { return FullScreenDoneMsg{Pane: id, Err: err} })
}

// fullScreenCmd is the full-screen shell as tea.Exec runs it: on the terminal itself
// (not the program's output writer, which would make os/exec give it a pipe), and it
// returns only once Bubble Tea's renderer has stopped, so that the program's screen
// comes back (ticker.AwaitRendererStopped, Bubble Tea #1778).
type fullScreenCmd struct{ *exec.Cmd }

// Run runs the shell, then waits for the renderer to have stopped.
func (c fullScreenCmd) Run() error {
	err := c.Cmd.Run()
	ticker.AwaitRendererStopped(rendererStopWait)
	return err
}

// SetStdin gives the shell the program's input, unless it has one.
func (c fullScreenCmd) SetStdin(r io.Reader) {
	if c.Stdin == nil {
		c.Stdin = r
	}
}

// SetStdout gives the shell the program's terminal, unless it has an output.
func (c fullScreenCmd) SetStdout(w io.Writer) {
	if c.Stdout == nil {
		c.Stdout = ticker.Unwrap(w)
	}
}

// SetStderr gives the shell w for its errors, unless it has a place for them.
func (c fullScreenCmd) SetStderr(w io.Writer) {
	if c.Stderr == nil {
		c.Stderr = w
	}
}
