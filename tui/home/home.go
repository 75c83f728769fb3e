// Package home is the home screen: the course's chapters with the student's reading
// progress. Enter opens the reader on the chosen chapter.
package home

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs/catalog"
	"kubetutor/tui/common"
)

// KeyMap is the home screen's keys.
type KeyMap struct {
	Up, Down, Open key.Binding
	// Quiz opens the quiz of the chapter under the cursor.
	Quiz key.Binding
	// Cluster creates the tutor's lab cluster.
	Cluster key.Binding
	// Map shows the live architecture map.
	Map key.Binding
	// Join opens the form that joins (or leaves) an instructor's workshop (joinform.go).
	Join   key.Binding
	Global common.KeyMap
}

// ShortHelp is the home screen's help line (the arrows are in the full help); where it is
// wider than the screen it goes on a second line.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Quiz, k.Cluster, k.Map, k.Join, k.Global.Help, k.Global.Quit}
}

// FullHelp is the home screen's help overlay.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Quiz, k.Cluster, k.Map}, {k.Join, k.Global.Help, k.Global.Quit}}
}

// LabEntry is a lab the home screen lists under « Travaux pratiques ».
type LabEntry struct {
	ID    string
	Title string
	// Steps are the lab's step ids (its progress comes from the progress document).
	Steps []string
}

// Model is the home screen.
type Model struct {
	labs   []LabEntry
	c      *common.Common
	keys   KeyMap
	help   help.Model
	cursor int
	doc    *progress.Document
	// Notice is a line shown above the list (a recovered progress file).
	notice i18n.Message
}

// New returns the home screen.
func New(c *common.Common) Model {
	t := c.Tr.T
	return Model{
		c: c,
		keys: KeyMap{
			Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", t("tui.home.key.up"))),
			Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", t("tui.home.key.down"))),
			Open:    key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp(t("tui.keyname.enter"), t("tui.home.key.open"))),
			Quiz:    key.NewBinding(key.WithKeys("z"), key.WithHelp("z", t("quiz.home.key"))),
			Cluster: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", t("tui.home.key.cluster"))),
			Map:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", t("map.home.key"))),
			Join:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", t("workshop.form.homekey"))),
			Global:  c.Keys,
		},
		help: help.New(),
		doc:  &progress.Document{},
	}
}

// SetProgress shows the progress in doc.
func (m *Model) SetProgress(doc *progress.Document) {
	if doc != nil {
		m.doc = doc
	}
}

// SetLabs lists labs after the chapters.
func (m *Model) SetLabs(labs []LabEntry) { m.labs = labs }

// SetNotice shows one line above the chapters.
func (m *Model) SetNotice(msg i18n.Message) { m.notice = msg }

// Update handles a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.Global.Quit):
		return m, common.Send(common.QuitMsg{})
	case key.Matches(k, m.keys.Global.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(k, m.keys.Global.Back):
		m.help.ShowAll = false
	case key.Matches(k, m.keys.Up):
		m.cursor = max(0, m.cursor-1)
	case key.Matches(k, m.keys.Down):
		m.cursor = max(0, min(len(m.c.Course.Chapters)+len(m.labs)-1, m.cursor+1))
	case key.Matches(k, m.keys.Open) && m.cursor >= len(m.c.Course.Chapters):
		return m, common.Send(common.OpenLabMsg{Lab: m.labs[m.cursor-len(m.c.Course.Chapters)].ID})
	case key.Matches(k, m.keys.Quiz):
		if m.cursor < len(m.c.Course.Chapters) && m.c.Course.Chapters[m.cursor].Quiz != "" {
			return m, common.Send(common.OpenQuizMsg{Chapter: m.c.Course.Chapters[m.cursor].ID})
		}
	case key.Matches(k, m.keys.Cluster):
		return m, common.Send(common.OpenClusterMsg{})
	case key.Matches(k, m.keys.Map):
		return m, common.Send(common.OpenMapMsg{})
	case key.Matches(k, m.keys.Join):
		return m, common.Send(JoinMsg{})
	case key.Matches(k, m.keys.Open):
		if len(m.c.Course.Chapters) > 0 {
			return m, common.Send(common.OpenChapterMsg{Chapter: m.c.Course.Chapters[m.cursor].ID})
		}
	}
	return m, nil
}

// View draws the screen: the title and intro, then the chapters and labs, scrolled so
// that the selected item is always visible above the footer.
func (m Model) View() string {
	st := m.c.Styles
	w, h := m.c.Width, m.c.Height
	t := m.c.Tr.T
	var b strings.Builder
	b.WriteString(st.Title.Width(w).MaxWidth(w).Render(t("tui.home.title")) + "\n\n")
	if m.notice.ID != "" {
		b.WriteString(st.Notice.Width(w-2).MarginLeft(1).Render(m.c.Tr.Msg(m.notice)) + "\n\n")
	}
	b.WriteString(" " + st.Muted.Render(t("tui.home.intro")) + "\n\n")
	m.help.SetWidth(w - 2)
	footer := common.Indent(m.help.View(m.keys), 1)
	if !m.help.ShowAll { // the one-line help goes on a second line rather than cut a key
		footer = common.Indent(strings.Join(common.ShortHelpLines(m.help, m.keys.ShortHelp(), max(w-2, 1)), "\n"), 1)
	}
	head := b.String()
	room := h - lipgloss.Height(footer) - (lipgloss.Height(head) - 1)
	rows, first, last := m.rows()
	list := strings.Join(common.Window(rows, first, last, room), "\n")
	body := lipgloss.NewStyle().Width(w).Height(h - lipgloss.Height(footer)).MaxHeight(h - lipgloss.Height(footer)).Render(head + list)
	return body + "\n" + footer
}

// rows are the list's lines (chapters, then labs) and the rows of the selected item.
func (m Model) rows() (rows []string, first, last int) {
	st := m.c.Styles
	w := m.c.Width
	t := m.c.Tr.T
	for i, ch := range m.c.Course.Chapters {
		all := ch.All()
		read := 0
		var pc *progress.Chapter
		if m.doc != nil && m.doc.Chapters != nil {
			pc = m.doc.Chapters[ch.ID]
		}
		resume := ""
		if pc != nil {
			read, _ = ch.CountRead(func(id string) bool { _, ok := pc.SectionsRead[id]; return ok })
			if pc.Position != nil {
				if j := ch.Index(pc.Position.Section); j >= 0 {
					resume = t("tui.home.resume", map[string]any{"Section": all[j].Label()})
				}
			}
		}
		mark := "  "
		title := ch.Number + ". " + ch.Title
		if ch.Number == "" {
			title = ch.Title
		}
		line := ansi.Truncate(title, w-4, "…")
		if i == m.cursor {
			mark = "▸ "
			line = st.Selected.Render(line)
			first, last = len(rows), len(rows)+1
		}
		rows = append(rows, " "+mark+line)
		pct := i18n.PercentOf(float64(read), float64(len(all)))
		info := bar(st, pct, 20) + " " + t("tui.home.progress", map[string]any{"Read": read, "Total": len(all), "Percent": i18n.Percent(pct)})
		if resume != "" {
			info += " · " + resume
		}
		rows = append(rows, "     "+ansi.Truncate(info, w-6, "…"), "")
	}
	rows, f, l := m.labRows(rows)
	if f >= 0 {
		first, last = f, l
	}
	return rows, first, last
}

// bar draws a progress bar of width cells, pct percent full.
func bar(st common.Styles, pct, width int) string {
	full := pct * width / 100
	return st.Bar.Render(strings.Repeat("█", full)) + st.BarEmpty.Render(strings.Repeat("░", width-full))
}

// labRows appends the labs with the steps passed in each, and returns the rows of the
// selected lab (-1 when the selection is a chapter).
func (m Model) labRows(rows []string) ([]string, int, int) {
	first, last := -1, -1
	if len(m.labs) == 0 {
		return rows, first, last
	}
	st := m.c.Styles
	t := m.c.Tr.T
	w := m.c.Width
	heading := len(rows)
	rows = append(rows, " "+st.Title.Render(t("labscreen.home.title")), "")
	for i, l := range m.labs {
		done := 0
		if m.doc != nil {
			done = catalog.CountSolved(l.Steps, m.doc.Labs[l.ID])
		}
		mark := "  "
		line := ansi.Truncate(l.Title, w-4, "…")
		if len(m.c.Course.Chapters)+i == m.cursor {
			mark = "▸ "
			line = st.Selected.Render(line)
			first, last = len(rows), len(rows)+1
			if i == 0 {
				first = heading // the first lab shows under its heading
			}
		}
		rows = append(rows, " "+mark+line)
		info := t("labscreen.home.steps", map[string]any{"Done": done, "Total": len(l.Steps)})
		rows = append(rows, "     "+st.Muted.Render(ansi.Truncate(info, w-6, "…")))
	}
	return rows, first, last
}
