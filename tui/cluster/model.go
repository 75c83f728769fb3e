package cluster

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"kubetutor/i18n"
	kcluster "kubetutor/labs/cluster"
)

// KeyMap is the screen's keys.
type KeyMap struct {
	Cancel key.Binding
}

// DefaultKeyMap returns the keys with their help in the translator's language.
func DefaultKeyMap(tr *i18n.Translator) KeyMap {
	return KeyMap{Cancel: key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", tr.T("cluster.tui.cancel")))}
}

// ShortHelp lists the keys for the help line.
func (k KeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Cancel} }

// FullHelp lists the keys for the full help.
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

type rowState int

const (
	running rowState = iota
	done
	failed
)

type row struct {
	step    kcluster.Step
	label   string
	state   rowState
	started time.Time
	elapsed time.Duration
}

// Model is the cluster creation screen.
type Model struct {
	tr       *i18n.Translator
	name     string
	run      *Run
	keys     KeyMap
	help     help.Model
	spinner  spinner.Model
	rows     []row
	warnings []string
	now      time.Time
	width    int

	cancelling bool
	finished   bool
	outcome    kcluster.Outcome
	err        error
	logFile    string
}

// New returns the screen for a creation of cluster name already started with Start.
// logFile is named when the creation fails.
func New(tr *i18n.Translator, name string, run *Run, logFile string) Model {
	return Model{
		tr: tr, name: name, run: run, keys: DefaultKeyMap(tr), help: help.New(),
		spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot)), logFile: logFile, width: 80,
	}
}

// Init starts the spinner and waits for the first event.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.spinner.Tick, m.run.Next())
}

// Done reports whether the creation ended; Err says how.
func (m Model) Done() bool { return m.finished }

// Err is the creation's error (nil on success or while it runs).
func (m Model) Err() error { return m.err }

// Update handles events, the end, the spinner, the size and the cancel key.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case EventMsg:
		m.apply(msg.Event)
		return m, m.run.Next()
	case DoneMsg:
		m.finished, m.outcome, m.err = true, msg.Outcome, msg.Err
		return m, nil
	case spinner.TickMsg:
		m.now = msg.Time
		if m.finished {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case tea.WindowSizeMsg:
		m.width = msg.Width
		m.help.SetWidth(msg.Width)
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Cancel) && !m.finished && !m.cancelling {
			m.cancelling = true
			m.run.Cancel()
		}
	}
	return m, nil
}

func (m *Model) apply(e kcluster.Event) {
	if e.At.After(m.now) {
		m.now = e.At
	}
	switch e.Phase {
	case kcluster.PhaseStart:
		m.rows = append(m.rows, row{step: e.Step, label: m.tr.Msg(e.Label()), started: e.At})
	case kcluster.PhaseDone, kcluster.PhaseFailed:
		for i := len(m.rows) - 1; i >= 0; i-- {
			if m.rows[i].step == e.Step && m.rows[i].state == running {
				m.rows[i].state, m.rows[i].elapsed = done, e.Elapsed
				if e.Phase == kcluster.PhaseFailed {
					m.rows[i].state = failed
				}
				return
			}
		}
	case kcluster.PhaseWarning:
		m.warnings = append(m.warnings, e.Detail)
		if len(m.warnings) > 3 {
			m.warnings = m.warnings[1:]
		}
	}
}

var (
	okStyle   = lipgloss.NewStyle().Foreground(lipgloss.Color("2"))
	failStyle = lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
	dimStyle  = lipgloss.NewStyle().Faint(true)
	bold      = lipgloss.NewStyle().Bold(true)
)

// seconds renders a duration in the translator's language.
func (m Model) seconds(d time.Duration) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', 1, 64)
	if m.tr.Lang() == i18n.FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return m.tr.T("cluster.seconds", map[string]any{"S": s})
}

// View renders the checklist.
func (m Model) View() tea.View {
	return tea.NewView(m.Render())
}

// Render is the screen's text, for a root model that composes screens.
func (m Model) Render() string {
	var b strings.Builder
	b.WriteString(bold.Render(m.tr.T("cluster.tui.title", map[string]any{"Name": m.name})))
	b.WriteString("\n\n")
	labelWidth := 0
	for _, r := range m.rows {
		labelWidth = max(labelWidth, lipgloss.Width(r.label))
	}
	labelWidth = min(labelWidth, max(m.width-16, 10))
	for _, r := range m.rows {
		mark, elapsed := m.spinner.View(), r.elapsed
		switch r.state {
		case done:
			mark = okStyle.Render("✓")
		case failed:
			mark = failStyle.Render("✗")
		default:
			elapsed = m.now.Sub(r.started)
			if m.finished {
				mark = failStyle.Render("✗")
			}
		}
		label := lipgloss.NewStyle().Width(labelWidth).MaxWidth(labelWidth).Render(r.label)
		fmt.Fprintf(&b, "  %s %s  %s\n", mark, label, dimStyle.Render(m.seconds(max(elapsed, 0))))
	}
	for _, w := range m.warnings {
		fmt.Fprintf(&b, "  %s %s\n", failStyle.Render("!"), lipgloss.NewStyle().MaxWidth(max(m.width-4, 10)).Render(w))
	}
	b.WriteString("\n")
	switch {
	case m.finished && m.err == nil && m.outcome == kcluster.AlreadyRunning:
		b.WriteString(okStyle.Render(m.tr.T("cluster.up.already", map[string]any{"Name": m.name})))
	case m.finished && m.err == nil:
		b.WriteString(okStyle.Render(m.tr.T("cluster.tui.ready", map[string]any{"Name": m.name})))
	case m.finished:
		msg, _ := kcluster.ErrorMessage(m.err, m.name, m.logFile)
		b.WriteString(lipgloss.Wrap(failStyle.Render(m.tr.Msg(msg)), max(m.width-2, 10), ""))
	case m.cancelling:
		b.WriteString(m.tr.T("cluster.tui.cancelling"))
	default:
		b.WriteString(m.help.View(m.keys))
	}
	b.WriteString("\n")
	return b.String()
}
