package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/tui/common"
)

// ClusterSource creates the tutor's cluster for the TUI. The app implements it with
// labs/cluster's Manager and tui/cluster's checklist (tui/full.Cluster).
type ClusterSource interface {
	// Start begins creating the cluster (kind as a library) and returns its checklist.
	Start(tr *i18n.Translator) ClusterRun
	// Doctor checks the machine before the creation (kubetutor doctor's findings).
	Doctor(ctx context.Context) []common.Finding
}

// ClusterRun is a cluster creation's checklist as the root drives it.
type ClusterRun interface {
	Init() tea.Cmd
	Update(msg tea.Msg) tea.Cmd
	// Owns says whether msg is the creation's own (its events, its end).
	Owns(msg tea.Msg) bool
	Render() string
	// Done says whether the creation ended, Err how (nil: the cluster is up).
	Done() bool
	Err() error
}

// doctorMsg carries the machine's findings before a creation.
type doctorMsg struct{ findings []common.Finding }

// SetClusterSource lets the root create the cluster (home key c, or the lab screen when
// the cluster is missing).
func (m *Model) SetClusterSource(src ClusterSource) { m.clusterSrc = src }

// updateCluster handles the cluster creation screen and the messages that open it.
func (m Model) updateCluster(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	if m.cluster != nil && m.cluster.Owns(msg) {
		if !m.hasCluster {
			return m, nil, true
		}
		return m, m.cluster.Update(msg), true
	}
	switch msg := msg.(type) {
	case common.OpenClusterMsg:
		if m.clusterSrc == nil && m.handOff {
			return m, m.handOverTo(OpenClusterTarget), true
		}
		if m.clusterSrc == nil || (m.hasCluster && !m.cluster.Done()) {
			return m, nil, true
		}
		// The doctor runs first: a blocking finding (Docker not answering) stops here with
		// its fix, before kind is asked for anything.
		m.hasCluster, m.checking, m.findings = false, true, nil
		m.clusterThen = msg.ThenLab
		if m.hasLab && msg.ThenLab == "" {
			m.lab.Close()
			m.hasLab = false
		}
		// Asked from a lab, the lab and its shell stay: the student comes back to them.
		m.screen = ScreenCluster
		src := m.clusterSrc
		return m, func() tea.Msg { return doctorMsg{src.Doctor(context.Background())} }, true
	case doctorMsg:
		m.checking, m.findings = false, msg.findings
		if common.WorstFinding(msg.findings) == common.FindingBlocking {
			return m, nil, true
		}
		m.cluster = m.clusterSrc.Start(m.c.Tr)
		m.hasCluster = true
		size := m.cluster.Update(tea.WindowSizeMsg{Width: m.c.Width, Height: m.c.Height})
		return m, tea.Batch(m.cluster.Init(), size), true
	case tea.KeyPressMsg:
		if m.screen != ScreenCluster {
			return m, nil, false
		}
		if !m.hasCluster {
			// The doctor found something blocking (or still runs): any key but ctrl+c
			// goes back.
			if m.checking || msg.String() == "ctrl+c" {
				return m, nil, msg.String() != "ctrl+c"
			}
			m.screen = m.leaveCluster()
			return m, nil, true
		}
		if !m.cluster.Done() {
			// Esc and ctrl+c cancel the creation: kind deletes what it made.
			return m, m.cluster.Update(msg), true
		}
		if msg.String() == "ctrl+c" {
			return m, nil, false // the root quits
		}
		if key.Matches(msg, m.c.Keys.Back, m.c.Keys.Quit) || msg.String() == "enter" {
			m.screen = m.leaveCluster()
			if m.clusterThen != "" && m.cluster.Err() == nil {
				// The lab opens again, now with a runner on the new cluster.
				return m, common.Send(common.OpenLabMsg{Lab: m.clusterThen}), true
			}
			return m, nil, true
		}
		return m, nil, true
	}
	return m, nil, false
}

// leaveCluster is the screen to show after the creation screen: the lab it was asked
// from when that lab is still open, else the home screen.
func (m Model) leaveCluster() Screen {
	if m.clusterThen != "" && m.hasLab {
		return ScreenLab
	}
	return ScreenHome
}

// clusterView is the doctor's findings, then the creation checklist, with what to press
// once it has ended.
func (m Model) clusterView() string {
	tr, st := m.c.Tr, m.c.Styles
	var b strings.Builder
	switch {
	case m.checking:
		b.WriteString(tr.T("tui.cluster.doctor.running") + "\n")
	case len(m.findings) > 0:
		b.WriteString(st.Title.Render(tr.T("doctor.title")) + "\n")
		for _, f := range m.findings {
			if f.Level == common.FindingOK {
				continue
			}
			fmt.Fprintf(&b, "  %s %s\n", doctorMarks[f.Level], tr.Msg(f.Title))
			if f.Fix.ID != "" {
				// The fix wraps under itself, not back at the margin.
				prefix := tr.T("doctor.fix", map[string]any{"Fix": ""})
				pad := ansi.StringWidth(prefix)
				fix := lipgloss.NewStyle().Width(max(20, m.c.Width-4-pad)).Render(tr.Msg(f.Fix))
				b.WriteString(st.Muted.Render(prefix+strings.TrimPrefix(common.Indent(fix, pad), strings.Repeat(" ", pad))) + "\n")
			}
		}
		if ok := common.CountFindings(m.findings, common.FindingOK); ok > 0 {
			b.WriteString(st.Muted.Render(tr.T("tui.cluster.doctor.ok", map[string]any{"N": ok})) + "\n")
		}
	}
	if !m.hasCluster {
		if !m.checking {
			blocked := "tui.cluster.doctor.blocked"
			if m.leaveCluster() == ScreenLab {
				blocked = "tuicluster.doctor.blocked.lab"
			}
			b.WriteString("\n" + st.Error.Render(tr.T(blocked)) + "\n")
		}
		return lipgloss.NewStyle().Padding(1, 2).Width(m.c.Width).Render(b.String())
	}
	b.WriteString("\n")
	s := b.String() + m.cluster.Render()
	if m.cluster.Done() {
		next := "tui.cluster.continue.home"
		switch {
		case m.clusterThen != "" && m.cluster.Err() == nil:
			next = "tui.cluster.continue.lab"
		case m.leaveCluster() == ScreenLab:
			next = "tuicluster.continue.backtolab"
		}
		s += "\n" + m.c.Styles.Muted.Render(m.c.Tr.T(next))
	}
	return lipgloss.NewStyle().Padding(1, 2).Render(s)
}

// doctorMarks are the findings' marks, as « kubetutor doctor » prints them.
var doctorMarks = map[common.FindingLevel]string{common.FindingOK: "✓", common.FindingWarning: "!", common.FindingBlocking: "✗"}
