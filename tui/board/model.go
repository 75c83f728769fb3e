// Package board is the instructor's class board screen of workshop mode: a row per
// student, a column per step of the workshop's labs and per quiz, with raised hands, time
// stuck on a step and silent students, fed by the class server's store.
package board

import (
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/workshop"
)

// Source is what the board reads and asks: the class server's store.
type Source interface {
	Snapshot(now time.Time) (*workshop.Snapshot, error)
	FailureReasons(lab, step string, limit int) ([]workshop.Reason, error)
	Timeline(seat int64, limit int) ([]workshop.TimelineEntry, error)
	AckHand(seat int64) error
	Revoke(seat int64) error
	// State is what every student is sent; the actions below change it.
	State() (workshop.State, error)
	SetBanner(text string) error
	ToggleLock(lab string) (bool, error)
	SetCountdown(end time.Time) error
	LookUp(until time.Time) error
}

// Config configures the board.
type Config struct {
	Tr  *i18n.Translator
	Src Source
	// Join is the join line shown in the title (CODE@ADDR).
	Join string
	// Extra are lines the help overlay shows (the QR code, the projector page's URL).
	Extra []string
	// Changed signals a change of the class (a batch applied): the board reloads at once.
	Changed <-chan struct{}
	// Now is the server's clock.
	Now func() time.Time
	// Plain drops colors (NO_COLOR, tests).
	Plain bool
	// Refresh is the reload period when nothing signals (1 s when zero).
	Refresh time.Duration
}

type mode int

const (
	modeGrid mode = iota
	modeStudent
	modeColumn
	modeHelp
	modeConfirmRemove
	modeBanner
)

// Model is the board screen.
type Model struct {
	cfg    Config
	keys   KeyMap
	styles styles
	width  int
	height int

	snap   *workshop.Snapshot
	order  []int // indexes of snap.Students in display order
	byName bool  // sort by name only
	row    int   // selected row in order
	col    int   // selected column
	top    int   // first visible row
	left   int   // first visible column
	mode   mode
	err    error
	notice string

	state workshop.State
	input []rune // the banner being typed

	timeline []workshop.TimelineEntry
	reasons  []workshop.Reason
}

// New returns the board.
func New(cfg Config) Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Refresh == 0 {
		cfg.Refresh = time.Second
	}
	return Model{cfg: cfg, keys: NewKeyMap(cfg.Tr), styles: newStyles(cfg.Plain), width: 80, height: 24}
}

// SetSize sets the window size.
func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

type snapshotMsg struct {
	snap  *workshop.Snapshot
	state workshop.State
	err   error
}

type tickMsg struct{}

type changedMsg struct{}

type detailMsg struct {
	state workshop.State
	input []rune // the banner being typed

	timeline []workshop.TimelineEntry
	reasons  []workshop.Reason
	err      error
}

type actionMsg struct {
	notice string
	err    error
}

// Init loads the first snapshot and starts the refresh.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.load(), m.tick(), m.waitChanged())
}

func (m Model) load() tea.Cmd {
	src, now := m.cfg.Src, m.cfg.Now
	return func() tea.Msg {
		snap, err := src.Snapshot(now())
		if err != nil {
			return snapshotMsg{err: err}
		}
		st, err := src.State()
		return snapshotMsg{snap, st, err}
	}
}

func (m Model) tick() tea.Cmd {
	return tea.Tick(m.cfg.Refresh, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m Model) waitChanged() tea.Cmd {
	ch := m.cfg.Changed
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		if _, ok := <-ch; !ok {
			return nil
		}
		return changedMsg{}
	}
}

// sortStudents orders the rows: raised hands not yet acknowledged first, then the
// longest stuck, then by name (or by name only).
func (m *Model) sortStudents() {
	var selected int64 = -1
	if s := m.selected(); s != nil {
		selected = s.ID
	}
	st := m.snap.Students
	m.order = m.order[:0]
	for i := range st {
		m.order = append(m.order, i)
	}
	slices.SortStableFunc(m.order, func(a, b int) int {
		x, y := &st[a], &st[b]
		if !m.byName {
			if hx, hy := x.Hand && !x.HandAcked, y.Hand && !y.HandAcked; hx != hy {
				if hx {
					return -1
				}
				return 1
			}
			if hx := x.Hand && !x.HandAcked; hx && !x.HandAt.Equal(y.HandAt) {
				return x.HandAt.Compare(y.HandAt)
			}
			if c := stuckOrder(x, y); c != 0 {
				return c
			}
		}
		return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	m.row = 0
	for i, idx := range m.order {
		if st[idx].ID == selected {
			m.row = i
		}
	}
}

// stuckOrder puts the longest stuck first, students not stuck after.
func stuckOrder(x, y *workshop.Student) int {
	switch {
	case x.StuckSince.IsZero() && y.StuckSince.IsZero():
		return 0
	case x.StuckSince.IsZero():
		return 1
	case y.StuckSince.IsZero():
		return -1
	}
	return x.StuckSince.Compare(y.StuckSince)
}

func (m Model) selected() *workshop.Student {
	if m.snap == nil || m.row < 0 || m.row >= len(m.order) {
		return nil
	}
	return &m.snap.Students[m.order[m.row]]
}

func (m Model) column() *workshop.Column {
	if m.snap == nil || m.col < 0 || m.col >= len(m.snap.Columns) {
		return nil
	}
	return &m.snap.Columns[m.col]
}
