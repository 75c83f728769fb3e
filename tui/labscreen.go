package tui

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/labs/catalog"
	"kubetutor/tui/common"
	"kubetutor/tui/home"
)

// LabSource gives the root the content's labs and what the lab screen needs to open one
// (a runner on the tutor's cluster, the lab shell). The app implements it; Open may be
// slow (it reads the kubeconfig) and runs in a command. The light binary's source
// lists the labs and cannot open them: its Open returns a *HandOver.
type LabSource interface {
	Labs() []*catalog.Lab
	Open(id string) (LabOpener, error)
}

// LabOpener builds the lab screen, on the root's Common (in Update).
type LabOpener func(c *common.Common) LabScreen

// LabScreen is the lab screen as the root drives it: the full binary's tui/lab
// (tui/full.Lab), which the root does not import.
type LabScreen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	// View draws the screen, aside instead of the instructions when set (the map).
	View(aside func(w, h int) string) string
	Cursor() *tea.Cursor
	// MouseMode is the mouse the screen asks of the terminal: every motion while the
	// shell's program asks for it.
	MouseMode() tea.MouseMode
	SetSize(w, h int)
	// CapturesKeys says whether every key is the lab's (the shell has the focus).
	CapturesKeys() bool
	// IsDone says whether msg is the lab screen's « leave ».
	IsDone(msg tea.Msg) bool
	Close()
}

// labReadyMsg carries an opened lab.
type labReadyMsg struct {
	open LabOpener
	err  error
}

// SetLabSource lists the source's labs on the home screen and lets the root open them.
func (m *Model) SetLabSource(src LabSource) {
	m.labSrc = src
	var entries []home.LabEntry
	for _, l := range src.Labs() {
		entries = append(entries, home.LabEntry{ID: l.ID, Title: l.Title.In(m.c.Tr.Lang()), Steps: l.Steps})
	}
	m.home.SetLabs(entries)
}

// OpenLab returns the command that opens the lab screen on lab id.
func (m Model) OpenLab(id string) tea.Cmd {
	return common.Send(common.OpenLabMsg{Lab: id})
}

// StartLab shows the lab screen open builds.
func (m *Model) StartLab(open LabOpener) tea.Cmd {
	if m.hasLab {
		m.lab.Close()
	}
	m.lab = open(m.c)
	m.hasLab = true
	m.screen = ScreenLab
	return m.lab.Init()
}

// updateLab handles the lab screen's messages to the root.
func (m Model) updateLab(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.OpenLabMsg:
		src := m.labSrc
		if src == nil {
			return m, nil, true
		}
		return m, func() tea.Msg {
			open, err := src.Open(msg.Lab)
			return labReadyMsg{open: open, err: err}
		}, true
	case labReadyMsg:
		if next, ok := m.handOver(msg.err); ok {
			return m, next, true
		}
		if msg.err != nil {
			m.c.Log.Error("opening lab", "err", msg.err)
			return m, nil, true
		}
		cmd := m.StartLab(msg.open)
		return m, cmd, true
	case tea.KeyPressMsg:
		// While the shell has the focus every key is the shell's, ctrl+c included.
		if m.screen == ScreenLab && m.hasLab && m.lab.CapturesKeys() && !m.tooSmall() {
			return m, m.lab.Update(msg), true
		}
	}
	if m.hasLab && m.lab.IsDone(msg) {
		m.lab.Close()
		m.hasLab = false
		m.screen = ScreenHome
		return m, common.LoadProgress(m.c.Store), true
	}
	return m, nil, false
}
