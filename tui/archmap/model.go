package archmap

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"kubetutor/internal/mapstate"
	"kubetutor/tui/common"
)

// Config is what the map screen shows.
type Config struct {
	// Watch starts watching the cluster; nil draws the static map from the chapter.
	Watch func(ctx context.Context) *mapstate.Watcher
	// Events reads the last events about an object (Pod or Node); nil shows none.
	Events func(ctx context.Context, kind, namespace, name string) ([]mapstate.Event, error)
	// Cluster is the cluster's name, for the title.
	Cluster string
	// Notice is a line shown under the map (why it is static, for instance).
	Notice string
}

// KeyMap is the map screen's keys.
type KeyMap struct {
	Next, Prev, Open, Read key.Binding
	Global                 common.KeyMap
}

// ShortHelp is the help line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Open, k.Read, k.Global.Back, k.Global.Quit}
}

// FullHelp is the help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Open, k.Read}, {k.Global.Back, k.Global.Help, k.Global.Quit}}
}

// newKeyMap returns the keys with their help in the student's language.
func newKeyMap(c *common.Common) KeyMap {
	t := c.Tr.T
	return KeyMap{
		Next:   key.NewBinding(key.WithKeys("tab", "right", "down", "l", "j"), key.WithHelp("tab/→", t("map.key.next"))),
		Prev:   key.NewBinding(key.WithKeys("shift+tab", "left", "up", "h", "k"), key.WithHelp("⇧tab/←", t("map.key.prev"))),
		Open:   key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp(t("tui.keyname.enter"), t("map.key.open"))),
		Read:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", t("map.key.read"))),
		Global: c.Keys,
	}
}

// Messages of the screen.
type (
	changedMsg struct{ gen int }
	tickMsg    struct{ gen int }
	eventsMsg  struct {
		id     string
		events []mapstate.Event
		err    error
	}
)

// tick is how often the map redraws without a change: its ages (« depuis 12 s »), the
// silence of nodes and the flashes move on.
const tick = time.Second

// Model is the map screen.
type Model struct {
	c        *common.Common
	cfg      Config
	keys     KeyMap
	help     help.Model
	theme    Theme
	sections map[mapstate.Kind]string
	watcher  *mapstate.Watcher
	cancel   context.CancelFunc
	gen      int
	state    mapstate.State
	frame    Frame
	selected string
	detail   bool
	events   eventsMsg
	loading  bool
	// Now replaces time.Now (tests).
	Now func() time.Time
}

// New returns the map screen; Init starts watching.
func New(c *common.Common, cfg Config) Model {
	m := Model{c: c, cfg: cfg, keys: newKeyMap(c), help: help.New(), Now: time.Now}
	m.theme = NewTheme(c.Style, c.Styles)
	m.sections = sectionLabels(c)
	m.state = StaticState()
	return m
}

// Init starts the watcher (a live map) and the clock.
func (m *Model) Init() tea.Cmd {
	m.gen++
	if m.cfg.Watch == nil {
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel = cancel
	m.watcher = m.cfg.Watch(ctx)
	m.state = m.watcher.Snapshot()
	return tea.Batch(m.waitChange(), m.tick())
}

// Close stops watching.
func (m *Model) Close() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.gen++
}

// State is the state drawn.
func (m Model) State() mapstate.State { return m.state }

func (m Model) waitChange() tea.Cmd {
	w, gen := m.watcher, m.gen
	return func() tea.Msg {
		select {
		case <-w.Changed():
		case <-w.Done():
		}
		return changedMsg{gen}
	}
}

func (m Model) tick() tea.Cmd {
	gen := m.gen
	return tea.Tick(tick, func(time.Time) tea.Msg { return tickMsg{gen} })
}

// SetTheme picks the styles again (the terminal's background became known).
func (m *Model) SetTheme() {
	if m.c != nil {
		m.theme = NewTheme(m.c.Style, m.c.Styles)
	}
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case changedMsg:
		if msg.gen != m.gen || m.watcher == nil {
			return m, nil
		}
		m.state = m.watcher.Snapshot()
		return m, m.waitChange()
	case tickMsg:
		if msg.gen != m.gen || m.watcher == nil {
			return m, nil
		}
		m.state = m.watcher.Snapshot()
		return m, m.tick()
	case eventsMsg:
		if msg.id == m.selected {
			m.events, m.loading = msg, false
		}
		return m, nil
	case tea.MouseClickMsg:
		mouse := msg.Mouse()
		if id := m.draw().Hit(mouse.X, mouse.Y); id != "" {
			return m.open(id)
		}
		m.detail = false
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, nil
}

// key handles a key.
func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	items := m.draw().Items
	switch {
	case key.Matches(msg, m.keys.Global.Quit):
		return m, common.Send(common.QuitMsg{})
	case key.Matches(msg, m.keys.Global.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, m.keys.Global.Back):
		switch {
		case m.help.ShowAll:
			m.help.ShowAll = false
		case m.detail:
			m.detail = false
		default:
			return m, common.Send(common.BackMsg{})
		}
	case key.Matches(msg, m.keys.Next):
		m.selected = step(items, m.selected, 1)
		m.detail = false
	case key.Matches(msg, m.keys.Prev):
		m.selected = step(items, m.selected, -1)
		m.detail = false
	case key.Matches(msg, m.keys.Open):
		if m.selected == "" {
			m.selected = step(items, "", 1)
		}
		if m.detail {
			return m, m.read()
		}
		return m.open(m.selected)
	case key.Matches(msg, m.keys.Read):
		if m.selected != "" {
			return m, m.read()
		}
	}
	return m, nil
}

// step moves the selection by d among items.
func step(items []string, cur string, d int) string {
	if len(items) == 0 {
		return ""
	}
	for i, id := range items {
		if id == cur {
			return items[(i+d+len(items))%len(items)]
		}
	}
	if d < 0 {
		return items[len(items)-1]
	}
	return items[0]
}

// open selects id and shows its details, reading its last events in a command.
func (m Model) open(id string) (Model, tea.Cmd) {
	m.selected, m.detail = id, true
	m.events, m.loading = eventsMsg{id: id}, false
	kind, ns, name := m.eventTarget(id)
	if m.cfg.Events == nil || kind == "" || !m.state.Live {
		return m, nil
	}
	m.loading = true
	events := m.cfg.Events
	return m, func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		evs, err := events(ctx, kind, ns, name)
		return eventsMsg{id: id, events: evs, err: err}
	}
}

// read opens the reader on the selected box's section.
func (m Model) read() tea.Cmd {
	chapter, section := m.link(m.selected)
	if chapter == "" {
		return nil
	}
	return common.Send(common.OpenChapterMsg{Chapter: chapter, Section: section})
}

// DrawOptions are the options the screen draws with, height rows high.
func (m Model) DrawOptions(height int) Options {
	return Options{
		Width: m.c.Width, Height: height, Tr: m.c.Tr, Theme: m.theme,
		Cluster: m.cfg.Cluster, Selected: m.selected, Sections: m.sections,
	}
}

// Render draws the map alone in w×h cells (beside the lab's shell).
func (m Model) Render(w, h int) string {
	o := m.DrawOptions(h)
	o.Width, o.Selected = w, ""
	return Draw(m.state, o).View
}

// draw draws the map in the screen's size, less the help line.
func (m Model) draw() Frame {
	return Draw(m.state, m.DrawOptions(max(m.c.Height-m.footerHeight(), 1)))
}

// footerHeight is the help line, and the notice's line when there is one.
func (m Model) footerHeight() int {
	return lipgloss.Height(m.footer())
}

// footer is the notice, wrapped, and the help: the short help on as many lines as it needs
// (common.ShortHelpLines), never cut with « … » at 80 columns.
func (m Model) footer() string {
	w := m.c.Width
	h := m.help
	h.SetWidth(w - 2)
	var help string
	if h.ShowAll {
		help = h.View(m.keys)
	} else {
		help = strings.Join(common.ShortHelpLines(h, m.keys.ShortHelp(), max(w-2, 1)), "\n")
	}
	footer := common.Indent(help, 1)
	if m.cfg.Notice != "" {
		notice := lipgloss.NewStyle().Width(max(w-2, 1)).Render(m.cfg.Notice)
		footer = common.Indent(m.theme.Muted.Render(notice), 1) + "\n" + footer
	}
	return footer
}

// View draws the screen: the map, the details of the selected box, the help line.
func (m Model) View() string {
	w, h := m.c.Width, m.c.Height
	f := m.draw()
	layers := []*lipgloss.Layer{lipgloss.NewLayer(f.View)}
	if m.detail && m.selected != "" {
		d := m.detailBox(min(max(w/3, 56), w-2))
		dh := lipgloss.Height(d)
		layers = append(layers, lipgloss.NewLayer(d).X(max(w-lipgloss.Width(d), 0)).Y(max(h-m.footerHeight()-dh, 0)).Z(1))
	}
	footer := m.footer()
	fh := lipgloss.Height(footer)
	layers = append(layers, lipgloss.NewLayer(footer).Y(max(h-fh, 0)).Z(2))
	return lipgloss.NewCanvas(max(w, 1), max(h, 1)).Compose(lipgloss.NewCompositor(layers...)).Render()
}
