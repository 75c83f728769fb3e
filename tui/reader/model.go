// Package reader is the chapter reader screen: the chapter rendered by glamour in a
// scrolling viewport, a table of contents beside it, jumps to sections, search with
// highlighted matches, and the reading position saved across runs.
package reader

import (
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/lessons"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// TOCWidth is the width of the table of contents beside the text, border included.
const TOCWidth = 32

// tocMinWidth is the narrowest window that shows the table of contents beside the text.
const tocMinWidth = 100

type mode int

const (
	modeRead mode = iota
	modeSearch
	modeGoTo
	modeTOC
	modeHelp
)

type docKey struct {
	style render.Style
	width int
}

// position is a place in the chapter that survives a change of width: a section id
// ("" before the first section) and a line offset below its heading.
type position struct {
	section string
	offset  int
}

// renderedMsg brings a rendered chapter back from its command.
type renderedMsg struct {
	chapter string
	key     docKey
	doc     *render.Doc
	err     error
}

// savedMsg reports a progress save.
type savedMsg struct{ err error }

// Model is the reader screen.
type Model struct {
	c       *common.Common
	chapter *lessons.Chapter
	all     []*lessons.Section
	keys    KeyMap
	help    help.Model
	vp      viewport.Model
	input   textinput.Model
	mode    mode

	docs    map[docKey]*render.Doc
	pending map[docKey]bool
	doc     *render.Doc

	pos   position
	moved bool // the student moved since the chapter opened: a late saved position is ignored

	search    search
	tocCursor int
	cur       int // index in all of the current section, -1 above the first

	read    map[string]time.Time
	unsaved map[string]time.Time

	notice  i18n.Message
	isError bool
}

// New returns the reader on ch. section, when not empty, is where to open (an id or a
// number, already validated by the caller); else the saved position, if any.
func New(c *common.Common, ch *lessons.Chapter, section string, saved *progress.Chapter) Model {
	m := Model{
		c:       c,
		chapter: ch,
		all:     ch.All(),
		keys:    NewKeyMap(c),
		help:    help.New(),
		vp:      viewport.New(),
		input:   textinput.New(),
		docs:    map[docKey]*render.Doc{},
		pending: map[docKey]bool{},
		read:    map[string]time.Time{},
		unsaved: map[string]time.Time{},
		cur:     -1,
	}
	m.vp.KeyMap = viewport.KeyMap{
		Up: m.keys.Up, Down: m.keys.Down, PageUp: m.keys.PageUp, PageDown: m.keys.PageDown,
		HalfPageUp: m.keys.HalfUp, HalfPageDown: m.keys.HalfDown,
	}
	m.vp.MouseWheelDelta = 3
	st := m.input.Styles()
	st.Cursor.Blink = false // a steady cursor: no timer repainting the screen
	m.input.SetStyles(st)
	if section != "" {
		if s, err := ch.Find(section); err == nil {
			m.pos = position{section: s.ID}
			m.cur = ch.Index(s.ID)
			m.moved = true
		}
	}
	m.SetProgress(saved)
	return m
}

// ChapterID is the id of the chapter being read.
func (m Model) ChapterID() string { return m.chapter.ID }

// SetProgress applies the chapter's saved progress: the sections read, and the position
// unless the student has already moved.
func (m *Model) SetProgress(saved *progress.Chapter) {
	if saved == nil {
		return
	}
	for id, at := range saved.SectionsRead {
		if _, ok := m.read[id]; !ok {
			m.read[id] = at
		}
	}
	if !m.moved && saved.Position != nil && m.chapter.Index(saved.Position.Section) >= 0 {
		m.pos = position{section: saved.Position.Section, offset: max(0, saved.Position.Offset)}
		m.cur = m.chapter.Index(m.pos.section)
		if m.doc != nil {
			m.vp.SetYOffset(m.lineOf(m.pos))
		}
	}
}

// Init starts rendering for the current size, if known.
func (m Model) Init() tea.Cmd { return nil }

// Resize lays the screen out for the current Common size and style, and returns the
// command that renders the chapter when this width is not cached yet.
func (m *Model) Resize() tea.Cmd {
	w, h := m.textWidth(), m.bodyHeight()
	m.vp.SetWidth(w)
	m.vp.SetHeight(h)
	m.help.SetWidth(m.c.Width - 4)
	m.input.SetWidth(max(10, m.c.Width-20))
	m.help.Styles = help.DefaultStyles(m.c.Style != render.Light)
	if m.c.Style == render.Auto || w <= 0 {
		return nil // wait for the terminal's background color, or a size
	}
	key := docKey{m.c.Style, w}
	if d, ok := m.docs[key]; ok {
		if d != m.doc {
			m.apply(d)
		}
		return nil
	}
	if m.pending[key] {
		return nil
	}
	m.pending[key] = true
	ch := m.chapter
	return func() tea.Msg {
		d, err := render.ChapterNotes(ch, key.style, key.width, m.c.SectionNotes)
		return renderedMsg{chapter: ch.ID, key: key, doc: d, err: err}
	}
}

// showTOC reports whether the table of contents fits beside the text.
func (m Model) showTOC() bool { return m.c.Width >= tocMinWidth }

func (m Model) textWidth() int {
	if m.showTOC() {
		return m.c.Width - TOCWidth
	}
	return m.c.Width
}

// bodyHeight is the height between the title bar and the status bar.
func (m Model) bodyHeight() int { return max(1, m.c.Height-2) }

// apply shows doc, keeping the reading position and the search.
func (m *Model) apply(d *render.Doc) {
	m.doc = d
	m.search.refresh(d)
	m.setContent()
	m.vp.SetYOffset(m.lineOf(m.pos))
	m.markRead()
}

// setContent gives the viewport the document's lines with search highlights.
func (m *Model) setContent() {
	if m.doc == nil {
		return
	}
	y := m.vp.YOffset()
	m.vp.SetContentLines(m.search.decorate(m.doc, m.c.Styles))
	m.vp.SetYOffset(y)
}

// SaveCmd saves the reading position and the sections read since the last save.
func (m *Model) SaveCmd() tea.Cmd {
	store := m.c.Store
	if store == nil {
		return nil
	}
	id, pos, read := m.chapter.ID, m.pos, m.unsaved
	m.unsaved = map[string]time.Time{}
	now := time.Now()
	return func() tea.Msg {
		err := store.Update(func(d *progress.Document) error {
			c := d.Chapter(id)
			c.Position = &progress.Position{Section: pos.section, Offset: pos.offset, At: now}
			if len(read) > 0 && c.SectionsRead == nil {
				c.SectionsRead = map[string]time.Time{}
			}
			for s, at := range read {
				if _, ok := c.SectionsRead[s]; !ok {
					c.SectionsRead[s] = at
				}
			}
			return nil
		})
		return savedMsg{err: err}
	}
}
