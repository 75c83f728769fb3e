package tui

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"kubetutor/tui/common"
)

// MapSource gives the root what the map screen shows: a watcher on the tutor's cluster
// when it runs, else the static map. The app implements it; Config may read the
// kubeconfig and runs in a command.
type MapSource interface {
	Config() MapOpener
}

// MapOpener builds the map, on the root's Common (in Update).
type MapOpener func(c *common.Common) MapScreen

// MapScreen is the live map as the root drives it: the full binary's tui/archmap
// (tui/full.Map), which the root does not import.
type MapScreen interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	View() string
	// Render draws the map in w×h (on the lab screen, instead of the instructions).
	Render(w, h int) string
	SetTheme()
	Close()
}

// mapState is the root's part for the map screen.
type mapState struct {
	src   MapSource
	model MapScreen
	open  bool
	// reading is set while the reader was opened from the map: back returns to it.
	reading bool
	// fromReader is set while the map was opened from the reader: back returns there.
	fromReader bool
	// aside is set while the map is drawn on the lab screen instead of the instructions.
	aside bool
}

// mapSections are the chapter's sections the map draws (2 to 4): the reader opens the
// map with m there, and says so under their headings.
var mapSections = []string{"00-02-plan-controle", "00-03-noeuds", "00-04-reseau"}

// inMapSection reports whether section id is one of mapSections or under one.
func (m Model) inMapSection(id string) bool {
	for _, ch := range m.c.Course.Chapters {
		if s, err := ch.Find(id); err == nil && slices.Contains(mapSections, s.Top().ID) {
			return true
		}
	}
	return false
}

// mapReadyMsg carries the map's configuration; aside opens it on the lab screen.
type mapReadyMsg struct {
	open  MapOpener
	aside bool
}

// SetMapSource lets the root open the map (home key m, kubetutor map).
func (m *Model) SetMapSource(src MapSource) {
	m.mapScreen.src = src
	notes := map[string]string{}
	for _, id := range mapSections {
		notes[id] = m.c.Tr.T("map.reader.hint")
	}
	m.c.SectionNotes = notes
}

// OpenMap returns the command that shows the map.
func (m Model) OpenMap() tea.Cmd { return common.Send(common.OpenMapMsg{}) }

// updateMap handles the map screen and the messages that open and leave it.
func (m Model) updateMap(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	ms := &m.mapScreen
	switch msg := msg.(type) {
	case common.OpenMapMsg:
		if ms.src == nil {
			if m.handOff {
				return m, m.handOverTo(OpenMapTarget), true
			}
			return m, nil, true
		}
		ms.fromReader = m.screen == ScreenReader
		src := ms.src
		return m, func() tea.Msg { return mapReadyMsg{open: src.Config()} }, true
	case mapReadyMsg:
		if ms.open {
			ms.model.Close()
		}
		ms.model = msg.open(m.c)
		ms.open, ms.aside = true, msg.aside
		if !msg.aside {
			m.screen = ScreenMap
		}
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
		case m.screen == ScreenMap && ms.fromReader && m.hasReader:
			ms.model.Close()
			ms.open, ms.fromReader = false, false
			m.screen = ScreenReader
			return m, nil, true
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
		if k, ok := msg.(tea.KeyPressMsg); ok && m.screen == ScreenReader && (ms.src != nil || m.handOff) && k.String() == "m" && !m.tooSmall() {
			if id, reading := m.reader.CurrentSection(); reading && m.inMapSection(id) {
				return m, common.Send(common.OpenMapMsg{}), true
			}
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && m.screen == ScreenLab && m.hasLab && ms.src != nil && k.String() == "m" && !m.tooSmall() {
			return m.toggleAside()
		}
		if m.screen != ScreenMap || m.tooSmall() {
			return m, nil, false
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
			return m, nil, false
		}
		return m, ms.model.Update(msg), true
	}
	if ms.open {
		if cmd := ms.model.Update(msg); cmd != nil {
			return m, cmd, true
		}
	}
	return m, nil, false
}

// toggleAside shows the map on the lab screen instead of the instructions, or the
// instructions again. (The lab screen sees m only while the instructions have the focus:
// in the shell every key is the shell's.)
func (m Model) toggleAside() (tea.Model, tea.Cmd, bool) {
	ms := &m.mapScreen
	if ms.aside {
		ms.aside = false
		if ms.open {
			ms.model.Close()
			ms.open = false
		}
		return m, nil, true
	}
	src := ms.src
	return m, func() tea.Msg { return mapReadyMsg{open: src.Config(), aside: true} }, true
}

// labView draws the lab screen, with the map instead of the instructions when asked.
func (m Model) labView() string {
	if m.mapScreen.aside && m.mapScreen.open {
		return m.lab.View(m.mapScreen.model.Render)
	}
	return m.lab.View(nil)
}
