package board

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kubetutor/workshop"
)

// Update handles keys, snapshots and the refresh. It never blocks: reads and actions run
// in commands.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.SetSize(msg.Width, msg.Height)
		m.clamp()
	case snapshotMsg:
		m.err = msg.err
		if msg.err == nil {
			m.snap, m.state = msg.snap, msg.state
			m.sortStudents()
			m.clamp()
		}
	case tickMsg:
		return m, tea.Batch(m.load(), m.tick(), m.detail())
	case changedMsg:
		return m, tea.Batch(m.load(), m.waitChanged())
	case detailMsg:
		if msg.err == nil {
			m.timeline, m.reasons = msg.timeline, msg.reasons
		}
	case actionMsg:
		m.err, m.notice = msg.err, msg.notice
		return m, m.load()
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.mode == modeConfirmRemove {
		m.mode = modeGrid
		if key.Matches(msg, k.Yes) {
			return m, m.remove()
		}
		return m, nil
	}
	if m.mode == modeBanner {
		return m.bannerKey(msg)
	}
	switch {
	case key.Matches(msg, k.Banner):
		m.mode, m.input = modeBanner, []rune(m.state.Banner)
		return m, nil
	case key.Matches(msg, k.Lock):
		return m, m.toggleLock()
	case key.Matches(msg, k.Countdown):
		return m, m.countdown()
	case key.Matches(msg, k.LookUp):
		return m, m.lookUp()
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Back):
		m.mode = modeGrid
	case key.Matches(msg, k.Help):
		m.mode = toggle(m.mode, modeHelp)
	case key.Matches(msg, k.Up):
		m.row--
	case key.Matches(msg, k.Down):
		m.row++
	case key.Matches(msg, k.Left):
		m.col--
	case key.Matches(msg, k.Right):
		m.col++
	case key.Matches(msg, k.Student):
		m.mode = toggle(m.mode, modeStudent)
	case key.Matches(msg, k.Column):
		m.mode = toggle(m.mode, modeColumn)
	case key.Matches(msg, k.Sort):
		m.byName = !m.byName
		if m.snap != nil {
			m.sortStudents()
		}
	case key.Matches(msg, k.AckHand):
		return m, m.ackHand()
	case key.Matches(msg, k.Remove):
		if m.selected() != nil {
			m.mode = modeConfirmRemove
		}
		return m, nil
	default:
		return m, nil
	}
	m.clamp()
	return m, m.detail()
}

func toggle(cur, to mode) mode {
	if cur == to {
		return modeGrid
	}
	return to
}

// clamp keeps the selection inside the board and visible.
func (m *Model) clamp() {
	if m.snap == nil {
		return
	}
	m.row = max(0, min(m.row, len(m.order)-1))
	m.col = max(0, min(m.col, len(m.snap.Columns)-1))
	rows := m.gridRows()
	if m.row < m.top {
		m.top = m.row
	}
	if m.row >= m.top+rows {
		m.top = m.row - rows + 1
	}
	m.top = max(0, min(m.top, len(m.order)-rows))
	cols := m.visibleColumns()
	if m.col < m.left {
		m.left = m.col
	}
	if m.col >= m.left+cols {
		m.left = m.col - cols + 1
	}
	m.left = max(0, m.left)
}

// detail loads what the open detail panel shows.
func (m Model) detail() tea.Cmd {
	src := m.cfg.Src
	switch m.mode {
	case modeStudent:
		s := m.selected()
		if s == nil {
			return nil
		}
		id := s.ID
		return func() tea.Msg {
			tl, err := src.Timeline(id, 30)
			return detailMsg{timeline: tl, err: err}
		}
	case modeColumn:
		c := m.column()
		if c == nil || c.Step == "" {
			return func() tea.Msg { return detailMsg{} }
		}
		lab, step := c.Lab, c.Step
		return func() tea.Msg {
			r, err := src.FailureReasons(lab, step, 5)
			return detailMsg{reasons: r, err: err}
		}
	}
	return nil
}

func (m Model) ackHand() tea.Cmd {
	s := m.selected()
	if s == nil || !s.Hand {
		return nil
	}
	src, id, name, tr := m.cfg.Src, s.ID, s.Name, m.cfg.Tr
	return func() tea.Msg {
		return actionMsg{notice: tr.T("board.acked", map[string]any{"Name": name}), err: src.AckHand(id)}
	}
}

func (m Model) remove() tea.Cmd {
	s := m.selected()
	if s == nil {
		return nil
	}
	src, id, name, tr := m.cfg.Src, s.ID, s.Name, m.cfg.Tr
	return func() tea.Msg {
		return actionMsg{notice: tr.T("board.removed", map[string]any{"Name": name}), err: src.Revoke(id)}
	}
}

// bannerKey edits the banner being typed: enter sends it (empty: removes it), esc cancels.
func (m Model) bannerKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch msg.Code {
	case tea.KeyEscape:
		m.mode = modeGrid
	case tea.KeyEnter:
		m.mode = modeGrid
		text := strings.TrimSpace(string(m.input))
		src, tr := m.cfg.Src, m.cfg.Tr
		return m, func() tea.Msg {
			notice := tr.T("board.banner.set", map[string]any{"Text": text})
			if text == "" {
				notice = tr.T("board.banner.cleared")
			}
			return actionMsg{notice: notice, err: src.SetBanner(text)}
		}
	case tea.KeyBackspace:
		if len(m.input) > 0 {
			m.input = m.input[:len(m.input)-1]
		}
	default:
		if msg.Text != "" && len(m.input) < workshop.MaxText/2 {
			m.input = append(m.input, []rune(msg.Text)...)
		}
	}
	return m, nil
}

// toggleLock locks or unlocks the solutions of the selected column's lab.
func (m Model) toggleLock() tea.Cmd {
	c := m.column()
	if c == nil || c.Lab == "" {
		return nil
	}
	src, lab, tr := m.cfg.Src, c.Lab, m.cfg.Tr
	return func() tea.Msg {
		locked, err := src.ToggleLock(lab)
		key := "board.lock.off"
		if locked {
			key = "board.lock.on"
		}
		return actionMsg{notice: tr.T(key, map[string]any{"Lab": lab}), err: err}
	}
}

// CountdownLength is the countdown « t » starts.
const CountdownLength = 15 * time.Minute

// countdown starts a countdown for the current lab, or stops the running one.
func (m Model) countdown() tea.Cmd {
	src, tr, now := m.cfg.Src, m.cfg.Tr, m.cfg.Now()
	running := m.state.Countdown.After(now)
	return func() tea.Msg {
		if running {
			return actionMsg{notice: tr.T("board.countdown.off"), err: src.SetCountdown(time.Time{})}
		}
		return actionMsg{notice: tr.T("board.countdown.on", map[string]any{"Minutes": int(CountdownLength.Minutes())}),
			err: src.SetCountdown(now.Add(CountdownLength))}
	}
}

// LookUpLength is how long « regardez l’écran » shows on the students' screens.
const LookUpLength = 20 * time.Second

func (m Model) lookUp() tea.Cmd {
	src, tr, now := m.cfg.Src, m.cfg.Tr, m.cfg.Now()
	return func() tea.Msg {
		return actionMsg{notice: tr.T("board.lookup.sent"), err: src.LookUp(now.Add(LookUpLength))}
	}
}
