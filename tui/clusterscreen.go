package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	kcluster "kubetutor/labs/cluster"
	tuicluster "kubetutor/tui/cluster"
	"kubetutor/tui/common"
)

// ClusterSource creates the tutor's cluster for the TUI. The app implements it with
// labs/cluster's Manager.
type ClusterSource interface {
	// Upper creates the cluster (kind as a library).
	Upper() tuicluster.Upper
	// Name is the cluster's name, LogFile where kind's full output goes.
	Name() string
	LogFile() string
}

// SetClusterSource lets the root create the cluster (home key c, or the lab screen when
// the cluster is missing).
func (m *Model) SetClusterSource(src ClusterSource) { m.clusterSrc = src }

// updateCluster handles the cluster creation screen and the messages that open it.
func (m Model) updateCluster(msg tea.Msg) (tea.Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case common.OpenClusterMsg:
		if m.clusterSrc == nil || (m.hasCluster && !m.cluster.Done()) {
			return m, nil, true
		}
		run := tuicluster.Start(context.Background(), m.clusterSrc.Upper(), kcluster.UpOptions{Workers: kcluster.DefaultWorkers})
		m.cluster = tuicluster.New(m.c.Tr, m.clusterSrc.Name(), run, m.clusterSrc.LogFile())
		m.hasCluster = true
		m.clusterThen = msg.ThenLab
		if m.hasLab {
			m.lab.Close()
			m.hasLab = false
		}
		m.screen = ScreenCluster
		var size tea.Cmd
		m.cluster, size = m.cluster.Update(tea.WindowSizeMsg{Width: m.c.Width, Height: m.c.Height})
		return m, tea.Batch(m.cluster.Init(), size), true
	case tuicluster.EventMsg, tuicluster.DoneMsg:
		if !m.hasCluster {
			return m, nil, true
		}
		var cmd tea.Cmd
		m.cluster, cmd = m.cluster.Update(msg)
		return m, cmd, true
	case tea.KeyPressMsg:
		if m.screen != ScreenCluster || !m.hasCluster {
			return m, nil, false
		}
		if !m.cluster.Done() {
			// Esc and ctrl+c cancel the creation: kind deletes what it made.
			var cmd tea.Cmd
			m.cluster, cmd = m.cluster.Update(msg)
			return m, cmd, true
		}
		if msg.String() == "ctrl+c" {
			return m, nil, false // the root quits
		}
		if key.Matches(msg, m.c.Keys.Back, m.c.Keys.Quit) || msg.String() == "enter" {
			m.screen = ScreenHome
			if m.clusterThen != "" && m.cluster.Err() == nil {
				return m, common.Send(common.OpenLabMsg{Lab: m.clusterThen}), true
			}
			return m, nil, true
		}
		return m, nil, true
	}
	return m, nil, false
}

// clusterView is the creation checklist, with what to press once it has ended.
func (m Model) clusterView() string {
	s := m.cluster.Render()
	if m.cluster.Done() {
		next := "tui.cluster.continue.home"
		if m.clusterThen != "" && m.cluster.Err() == nil {
			next = "tui.cluster.continue.lab"
		}
		s += "\n" + m.c.Styles.Muted.Render(m.c.Tr.T(next))
	}
	return lipgloss.NewStyle().Padding(1, 2).Render(s)
}
