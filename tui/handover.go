package tui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/tui/common"
)

// HandOver is a screen this binary does not have: the light kubetutor's root has the
// home, reader and quiz screens, and hands the lab, cluster creation and map screens
// over to the full binary. The program ends cleanly (terminal restored, reading
// position saved) and the caller runs the full binary on Target (« lab:inspect »,
// « map », « cluster »), so the student sees one program.
type HandOver struct{ Target string }

// Error says what is handed over.
func (h *HandOver) Error() string { return "opened by the full binary: " + h.Target }

// Targets of a hand-over (the full binary's hidden --open flag).
const (
	OpenMapTarget     = "map"
	OpenClusterTarget = "cluster"
	// OpenJoinTarget is the home screen's form that joins a workshop (the class link
	// lives in the full binary).
	OpenJoinTarget = "join"
	// OpenLabPrefix prefixes a lab's id: « lab:inspect ».
	OpenLabPrefix = "lab:"
)

// OpenTargets lists the hand-over targets as --open accepts them, a lab's as its
// prefix followed by « ID » (for the error that lists them).
func OpenTargets() []string {
	return []string{OpenLabPrefix + "ID", OpenMapTarget, OpenClusterTarget, OpenJoinTarget}
}

// EnableHandOver makes the screens without a source hand over to the full binary
// instead of staying shut (the light binary's root). ready says whether the full binary
// can be run: when it returns an error (an *i18n.Error: what to reinstall), the program
// goes on and the home screen and the reader show it, instead of ending for nothing.
func (m *Model) EnableHandOver(ready func() error) {
	m.handOff = true
	m.handReady = ready
}

// HandOverTarget is what the full binary must open now that the program ended, ""
// when nothing was handed over.
func (m Model) HandOverTarget() string { return m.handTo }

// HandOverReader is the chapter and section the reader showed when it handed over (the
// map opened from the reader): the full binary opens the reader there, under the map,
// so back returns to it. Empty when the reader was not shown.
func (m Model) HandOverReader() (chapter, section string) { return m.handChapter, m.handSection }

// handOver ends the program when err is a *HandOver; ok says whether it was.
func (m *Model) handOver(err error) (tea.Cmd, bool) {
	var h *HandOver
	if !errors.As(err, &h) {
		return nil, false
	}
	return m.handOverTo(h.Target), true
}

// handOverTo remembers target and quits as the quit key does.
func (m *Model) handOverTo(target string) tea.Cmd {
	if m.handReady != nil {
		if err := m.handReady(); err != nil {
			m.c.Log.Error("cannot hand over", "open", target, "err", err)
			notice := i18n.M("handover.unavailable")
			if e, ok := i18n.AsError(err); ok {
				notice = e.Msg
			}
			m.home.SetNotice(notice)
			if m.hasReader {
				m.reader.SetNotice(notice)
			}
			return nil
		}
	}
	m.handTo = target
	if m.screen == ScreenReader && m.hasReader {
		m.handChapter = m.reader.ChapterID()
		if id, reading := m.reader.CurrentSection(); reading {
			m.handSection = id
		}
	}
	return m.quit()
}

// Common is what the screens share (the class view of the full binary wraps the root
// with the same styles and keys).
func (m *Model) Common() *common.Common { return m.c }
