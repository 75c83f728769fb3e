package tui

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/labs"
	"kubetutor/tui/common"
	"kubetutor/tui/home"
	tuilab "kubetutor/tui/lab"
)

// LabSource gives the root the content's labs and what the lab screen needs to open one
// (a runner on the tutor's cluster, the lab shell). The app implements it; Open may be
// slow (it reads the kubeconfig) and runs in a command.
type LabSource interface {
	Labs() []*labs.Lab
	Open(id string) (tuilab.Config, error)
}

// labReadyMsg carries an opened lab.
type labReadyMsg struct {
	cfg tuilab.Config
	err error
}

// SetLabSource lists the source's labs on the home screen and lets the root open them.
func (m *Model) SetLabSource(src LabSource) {
	m.labSrc = src
	var entries []home.LabEntry
	for _, l := range src.Labs() {
		e := home.LabEntry{ID: l.ID, Title: l.Title.In(m.c.Tr.Lang())}
		for _, s := range l.Steps {
			e.Steps = append(e.Steps, s.ID)
		}
		entries = append(entries, e)
	}
	m.home.SetLabs(entries)
}

// OpenLab returns the command that opens the lab screen on lab id.
func (m Model) OpenLab(id string) tea.Cmd {
	return common.Send(common.OpenLabMsg{Lab: id})
}

// StartLab shows the lab screen for cfg.
func (m *Model) StartLab(cfg tuilab.Config) tea.Cmd {
	if m.hasLab {
		m.lab.Close()
	}
	m.lab = tuilab.New(m.c, cfg)
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
			cfg, err := src.Open(msg.Lab)
			return labReadyMsg{cfg: cfg, err: err}
		}, true
	case labReadyMsg:
		if msg.err != nil {
			m.c.Log.Error("opening lab", "err", msg.err)
			return m, nil, true
		}
		cmd := m.StartLab(msg.cfg)
		return m, cmd, true
	case tuilab.DoneMsg:
		m.lab.Close()
		m.hasLab = false
		m.screen = ScreenHome
		return m, common.LoadProgress(m.c.Store), true
	case tea.KeyPressMsg:
		// While the shell has the focus every key is the shell's, ctrl+c included.
		if m.screen == ScreenLab && m.hasLab && m.lab.CapturesKeys() && !m.tooSmall() {
			var cmd tea.Cmd
			m.lab, cmd = m.lab.Update(msg)
			return m, cmd, true
		}
	}
	return m, nil, false
}
