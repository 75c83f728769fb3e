package tui

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/tui/archmap"
	"kubetutor/tui/common"
)

// MapSource gives the root what the map screen shows: a watcher on the tutor's cluster
// when it runs, else the static map. The app implements it; Config may read the
// kubeconfig and runs in a command.
type MapSource interface {
	Config() archmap.Config
}

// mapState is the root's part for the map screen.
type mapState struct {
	src   MapSource
	model archmap.Model
	open  bool
	// reading is set while the reader was opened from the map: back returns to it.
	reading bool
}

// mapReadyMsg carries the map's configuration.
type mapReadyMsg struct{ cfg archmap.Config }

// SetMapSource lets the root open the map (home key m, kubetutor map).
func (m *Model) SetMapSource(src MapSource) { m.mapScreen.src = src }

// OpenMap returns the command that shows the map.
func (m Model) OpenMap() tea.Cmd { return common.Send(common.OpenMapMsg{}) }

// updateMap handles the map screen and the messages that open and leave it.
func (m Model) updateMap(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	ms := &m.mapScreen
	switch msg := msg.(type) {
	case common.OpenMapMsg:
		if ms.src == nil {
			return m, nil, true
		}
		src := ms.src
		return m, func() tea.Msg { return mapReadyMsg{src.Config()} }, true
	case mapReadyMsg:
		if ms.open {
			ms.model.Close()
		}
		ms.model = archmap.New(m.c, msg.cfg)
		ms.open = true
		m.screen = ScreenMap
		cmd := ms.model.Init()
		return m, cmd, true
	case common.OpenChapterMsg:
		ms.reading = m.screen == ScreenMap
		m.open(msg)
		next := m.resize()
		return m, next, true
	case common.BackMsg:
		switch {
		case m.screen == ScreenReader && ms.reading && ms.open:
			ms.reading = false
			save := m.reader.SaveCmd()
			m.screen = ScreenMap
			return m, save, true
		case m.screen == ScreenMap:
			ms.model.Close()
			ms.open, ms.reading = false, false
			m.screen = ScreenHome
			return m, common.LoadProgress(m.c.Store), true
		}
		return m, nil, false
	case common.QuitMsg:
		if ms.open {
			ms.model.Close()
		}
		return m, nil, false
	case tea.KeyPressMsg, tea.MouseClickMsg:
		if m.screen != ScreenMap || m.tooSmall() {
			return m, nil, false
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
			return m, nil, false
		}
		var cmd tea.Cmd
		ms.model, cmd = ms.model.Update(msg)
		return m, cmd, true
	}
	if ms.open {
		var cmd tea.Cmd
		ms.model, cmd = ms.model.Update(msg)
		if cmd != nil {
			return m, cmd, true
		}
	}
	return m, nil, false
}
