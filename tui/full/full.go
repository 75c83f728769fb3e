// Package full holds the full binary's screens for the tui root: the lab screen
// (tui/lab), the cluster creation screen (tui/cluster, kind) and the live map
// (tui/archmap, client-go), each behind the small interface the root drives. The root
// does not import them, so the light kubetutor's TUI (home, reader, quiz) links none of
// the lab engine; the full binary's app hands these to the root through its sources,
// like database/sql drivers.
package full

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs/cluster/doctor"
	"kubetutor/tui/archmap"
	tuicluster "kubetutor/tui/cluster"
	"kubetutor/tui/common"
	tuilab "kubetutor/tui/lab"
)

// Lab is the lab screen behind the root's tui.LabScreen.
type Lab struct{ m tuilab.Model }

// NewLab returns the lab screen for cfg.
func NewLab(c *common.Common, cfg tuilab.Config) *Lab { return &Lab{m: tuilab.New(c, cfg)} }

// Init starts the lab (its runner, its shell).
func (l *Lab) Init() tea.Cmd { return l.m.Init() }

// Update handles msg.
func (l *Lab) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	l.m, cmd = l.m.Update(msg)
	return cmd
}

// View draws the screen; with aside set, aside is drawn instead of the instructions
// (the map on the lab screen), for this frame only.
func (l *Lab) View(aside func(w, h int) string) string {
	if aside == nil {
		return l.m.View()
	}
	m := l.m
	m.SetAside(aside)
	return m.View()
}

// Cursor is the shell's cursor, nil when hidden.
func (l *Lab) Cursor() *tea.Cursor { return l.m.Cursor() }

// SetSize lays the screen out.
func (l *Lab) SetSize(w, h int) { l.m.SetSize(w, h) }

// MouseMode is the lab screen's mouse mode (tuilab.Model.MouseMode).
func (l *Lab) MouseMode() tea.MouseMode { return l.m.MouseMode() }

// CapturesKeys says whether every key goes to the lab (the shell has the focus).
func (l *Lab) CapturesKeys() bool { return l.m.CapturesKeys() }

// IsDone says whether msg is the lab screen's « leave ».
func (l *Lab) IsDone(msg tea.Msg) bool { _, ok := msg.(tuilab.DoneMsg); return ok }

// Close ends the lab's shell and runner.
func (l *Lab) Close() { l.m.Close() }

// Map is the live architecture map behind the root's tui.MapScreen.
type Map struct{ m archmap.Model }

// NewMap returns the map for cfg.
func NewMap(c *common.Common, cfg archmap.Config) *Map { return &Map{m: archmap.New(c, cfg)} }

// Init starts watching the cluster.
func (m *Map) Init() tea.Cmd { return m.m.Init() }

// Update handles msg.
func (m *Map) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.m, cmd = m.m.Update(msg)
	return cmd
}

// View draws the map screen.
func (m *Map) View() string { return m.m.View() }

// Render draws the map in w×h (beside the lab's shell).
func (m *Map) Render(w, h int) string { return m.m.Render(w, h) }

// SetTheme follows the root's style.
func (m *Map) SetTheme() { m.m.SetTheme() }

// Close stops watching.
func (m *Map) Close() { m.m.Close() }

// Cluster is the cluster creation's checklist behind the root's tui.ClusterRun.
type Cluster struct{ m tuicluster.Model }

// StartCluster starts creating the tutor's cluster with up and shows its checklist.
func StartCluster(tr *i18n.Translator, name string, run *tuicluster.Run, logFile string) *Cluster {
	return &Cluster{m: tuicluster.New(tr, name, run, logFile)}
}

// Init waits for the creation's first event.
func (c *Cluster) Init() tea.Cmd { return c.m.Init() }

// Update handles msg.
func (c *Cluster) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	c.m, cmd = c.m.Update(msg)
	return cmd
}

// Owns says whether msg is the creation's own (its events, its end).
func (c *Cluster) Owns(msg tea.Msg) bool {
	switch msg.(type) {
	case tuicluster.EventMsg, tuicluster.DoneMsg:
		return true
	}
	return false
}

// Render draws the checklist.
func (c *Cluster) Render() string { return c.m.Render() }

// Done says whether the creation has ended; Err is how (nil: the cluster is up).
func (c *Cluster) Done() bool { return c.m.Done() }

// Err is why the creation failed, nil when it did not (or has not ended).
func (c *Cluster) Err() error { return c.m.Err() }

// Findings converts the doctor's findings for the root.
func Findings(fs []doctor.Finding) []common.Finding {
	out := make([]common.Finding, len(fs))
	for i, f := range fs {
		out[i] = common.Finding{Level: level(f.Level), Title: f.Title, Fix: f.Fix}
	}
	return out
}

func level(l doctor.Level) common.FindingLevel {
	switch l {
	case doctor.Blocking:
		return common.FindingBlocking
	case doctor.Warning:
		return common.FindingWarning
	}
	return common.FindingOK
}
