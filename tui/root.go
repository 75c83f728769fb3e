// Package tui is kubetutor's full-screen interface: a Bubble Tea root model that routes
// messages to one screen at a time (home, reader; quiz and lab screens plug in the same
// way) and shares a common.Common value with all of them.
//
// Adding a screen: a package under tui/ with a Model whose Update returns its own type and
// whose View returns a string; a Screen constant; a field in Model; a case in route and
// in View; and a common message (like common.OpenChapterMsg) that opens it.
package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/tui/common"
	"kubetutor/tui/home"
	tuiquiz "kubetutor/tui/quiz"
	"kubetutor/tui/reader"
	"kubetutor/tui/render"
)

// Screen names the screen the root shows.
type Screen int

// The screens.
const (
	ScreenHome Screen = iota
	ScreenReader
	ScreenQuiz
	ScreenLab
	ScreenCluster
	ScreenMap
)

// styleWait is how long the root waits for the terminal's background color before
// rendering with the dark style.
const styleWait = 400 * time.Millisecond

type styleTimeoutMsg struct{}

// Model is the root model.
type Model struct {
	c         *common.Common
	screen    Screen
	home      home.Model
	reader    reader.Model
	hasReader bool
	quiz      tuiquiz.Model
	hasQuiz   bool
	lab       LabScreen // the full binary's (tui/full), through the LabSource
	hasLab    bool
	labSrc    LabSource
	// The cluster creation screen, and the lab to reopen once the cluster is up.
	cluster     ClusterRun
	hasCluster  bool
	clusterThen string
	clusterSrc  ClusterSource
	checking    bool             // the doctor runs before a creation
	findings    []common.Finding // what it found
	doc         *progress.Document
	notice      i18n.Message
	mapScreen   mapState // the live architecture map (mapscreen.go)
	// handOff hands the screens this binary lacks over to the full one; handTo is the
	// screen handed over (handover.go).
	handOff                  bool
	handTo                   string
	handChapter, handSection string
	handReady                func() error
}

// New returns the root model. When open.Chapter is set the reader opens on it at once
// (its ids are validated by the caller); else the home screen shows.
func New(c *common.Common, open common.OpenChapterMsg, notice i18n.Message) Model {
	c.Keys = common.NewKeyMap(c.Tr)
	c.Styles = common.NewStyles(c.Style)
	m := Model{c: c, home: home.New(c), notice: notice}
	m.home.SetNotice(notice)
	if open.Chapter != "" {
		m.open(open)
	}
	return m
}

// Init loads the progress and asks the terminal for its background color.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{common.LoadProgress(m.c.Store)}
	if m.c.Style == render.Auto {
		cmds = append(cmds, tea.RequestBackgroundColor,
			tea.Tick(styleWait, func(time.Time) tea.Msg { return styleTimeoutMsg{} }))
	}
	return tea.Batch(cmds...)
}

// Update routes a message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if next, cmd, ok := m.updateQuiz(msg); ok {
		return next, cmd
	}
	if next, cmd, ok := m.updateCluster(msg); ok {
		return next, cmd
	}
	if next, cmd, ok := m.updateLab(msg); ok {
		return next, cmd
	}
	if next, cmd, ok := m.updateMap(msg); ok {
		return next, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		next := m.resize()
		return m, next
	case tea.BackgroundColorMsg:
		if m.c.Style == render.Auto {
			style := render.Light
			if msg.IsDark() {
				style = render.Dark
			}
			m.setStyle(style)
			next := m.resize()
			return m, next
		}
		return m, nil
	case styleTimeoutMsg:
		if m.c.Style == render.Auto {
			m.c.Log.Info("no background color from the terminal; using the dark style")
			m.setStyle(render.Dark)
			next := m.resize()
			return m, next
		}
		return m, nil
	case common.ProgressMsg:
		if msg.Err != nil {
			m.c.Log.Error("loading progress", "err", msg.Err)
			return m, nil
		}
		m.doc = msg.Doc
		m.home.SetProgress(msg.Doc)
		if m.hasReader {
			m.reader.SetProgress(msg.Doc.Chapters[m.reader.ChapterID()])
		}
		return m, nil
	case common.OpenChapterMsg:
		m.open(msg)
		next := m.resize()
		return m, next
	case common.BackMsg:
		save := m.reader.SaveCmd()
		m.screen = ScreenHome
		return m, tea.Sequence(save, common.LoadProgress(m.c.Store))
	case common.QuitMsg:
		next := m.quit()
		return m, next
	case home.JoinMsg:
		// The full binary's class view takes the form before the root sees it; the
		// light one hands it over.
		if m.handOff {
			next := m.handOverTo(OpenJoinTarget)
			return m, next
		}
		return m, nil
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			next := m.quit()
			return m, next
		}
		if m.tooSmall() {
			if key.Matches(msg, m.c.Keys.Quit) {
				next := m.quit()
				return m, next
			}
			return m, nil
		}
	}
	return m.route(msg)
}

// route gives input to the screen shown and every other message to every screen.
func (m Model) route(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd, cmd2 tea.Cmd
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseMsg, tea.PasteMsg:
		switch m.screen {
		case ScreenLab:
			cmd = m.lab.Update(msg)
		case ScreenQuiz:
			m.quiz, cmd = m.quiz.Update(msg)
		case ScreenReader:
			m.reader, cmd = m.reader.Update(msg)
		default:
			m.home, cmd = m.home.Update(msg)
		}
		return m, cmd
	}
	if m.hasReader {
		m.reader, cmd = m.reader.Update(msg)
	}
	m.home, cmd2 = m.home.Update(msg)
	if m.hasCluster {
		cmd2 = tea.Batch(cmd2, m.cluster.Update(msg))
	}
	if m.hasLab {
		cmd2 = tea.Batch(cmd2, m.lab.Update(msg))
	}
	if m.hasQuiz {
		var cmd3 tea.Cmd
		m.quiz, cmd3 = m.quiz.Update(msg)
		return m, tea.Batch(cmd, cmd2, cmd3)
	}
	return m, tea.Batch(cmd, cmd2)
}

// open shows the reader on a chapter.
func (m *Model) open(msg common.OpenChapterMsg) {
	ch, err := m.c.Course.Chapter(msg.Chapter)
	if err != nil {
		m.c.Log.Error("opening chapter", "err", err)
		return
	}
	var saved *progress.Chapter
	if m.doc != nil {
		saved = m.doc.Chapters[ch.ID]
	}
	m.reader = reader.New(m.c, ch, msg.Section, saved)
	if m.notice.ID != "" {
		m.reader.SetNotice(m.notice)
	}
	m.hasReader = true
	m.screen = ScreenReader
}

func (m *Model) setStyle(s render.Style) {
	m.c.Style = s
	m.c.Styles = common.NewStyles(s)
	if m.mapScreen.open {
		m.mapScreen.model.SetTheme()
	}
}

// resize lays the screens out again; the reader may start a render.
func (m *Model) resize() tea.Cmd {
	if m.hasQuiz {
		m.quiz.SetSize(m.c.Width, m.c.Height)
	}
	if m.hasLab {
		m.lab.SetSize(m.c.Width, m.c.Height)
	}
	if m.hasReader {
		return m.reader.Resize()
	}
	return nil
}

// quit saves the reading position, closes the lab shell, then quits.
func (m *Model) quit() tea.Cmd {
	if m.hasLab {
		m.lab.Close()
	}
	if m.hasReader {
		if save := m.reader.SaveCmd(); save != nil {
			return tea.Sequence(save, tea.Quit)
		}
	}
	return tea.Quit
}

func (m Model) tooSmall() bool {
	return m.c.Width < common.MinWidth || m.c.Height < common.MinHeight
}

// View draws the screen shown, or a message when the window is too small.
func (m Model) View() tea.View {
	var s string
	var cursor *tea.Cursor
	switch {
	case m.c.Width == 0:
	case m.tooSmall():
		text := m.c.Tr.T("tui.toosmall", map[string]any{
			"Width": m.c.Width, "Height": m.c.Height, "MinWidth": common.MinWidth, "MinHeight": common.MinHeight})
		box := lipgloss.NewStyle().Width(max(10, m.c.Width-4)).Align(lipgloss.Center).Render(text)
		s = lipgloss.Place(m.c.Width, m.c.Height, lipgloss.Center, lipgloss.Center, box)
	case m.screen == ScreenCluster:
		s = m.clusterView()
	case m.screen == ScreenMap:
		s = m.mapScreen.model.View()
	case m.screen == ScreenLab:
		s = m.labView()
		cursor = m.lab.Cursor()
	case m.screen == ScreenQuiz:
		s = m.quiz.Render()
	case m.screen == ScreenReader:
		s = m.reader.View()
	default:
		s = m.home.View()
	}
	v := tea.NewView(s)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	if m.screen == ScreenLab && m.hasLab {
		v.MouseMode = m.lab.MouseMode() // every motion while the shell's program asks for it
	}
	v.WindowTitle = "kubetutor"
	v.Cursor = cursor
	return v
}
