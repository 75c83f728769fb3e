package home

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/tui/common"
	"kubetutor/workshop"
)

// JoinMsg asks the host of the join form to open it (the home screen's key). The host is
// whatever holds the student's class link (the program's class view): the form itself
// knows no network.
type JoinMsg struct{}

// JoinRequestMsg asks the host to join the class at Line under Name. Exact asks for that
// name or an offer of a free one, never a suffixed name taken silently.
type JoinRequestMsg struct {
	Line, Name string
	Exact      bool
}

// LeaveRequestMsg asks the host to leave the class.
type LeaveRequestMsg struct{}

// JoinResultMsg is the host's answer to a JoinRequestMsg or a LeaveRequestMsg: the class
// joined (nil when none), or the localized reason it failed, and with a name taken, the
// free name the class offers.
type JoinResultMsg struct {
	Joined  *Joined
	Problem string
	Offer   string
}

// Joined is the class the student is in, as the form shows it.
type Joined struct {
	Event, Name, Addr string
}

// JoinKeys are the form's keys.
type JoinKeys struct {
	Submit, Next, Leave, Close key.Binding
}

// ShortHelp is the form's help line.
func (k JoinKeys) ShortHelp() []key.Binding { return []key.Binding{k.Submit, k.Next, k.Leave, k.Close} }

// FullHelp is the same line.
func (k JoinKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// JoinForm is the « rejoindre un atelier » form: the join line (code@adresse) and the
// name shown on the instructor's board; or, in a class, what it is and the key to leave
// it. What the student typed stays through every refusal.
type JoinForm struct {
	c       *common.Common
	line    textinput.Model
	name    textinput.Model
	field   int // 0: line, 1: name
	busy    bool
	problem string
	// offer is the free name the class offers for offerFor, the name that was taken.
	offer, offerFor string
	joined          *Joined
	keys            JoinKeys
	help            help.Model
	closed          bool
}

// NewJoinForm returns the form; joined is the class the student is in, nil when none.
func NewJoinForm(c *common.Common, joined *Joined) JoinForm {
	t := c.Tr.T
	line, name := textinput.New(), textinput.New()
	line.Placeholder, name.Placeholder = "K7MX4P@192.168.1.10:7070", t("workshop.form.name.placeholder")
	line.CharLimit, name.CharLimit = 200, workshop.MaxName
	line.Prompt, name.Prompt = "> ", "> "
	f := JoinForm{c: c, line: line, name: name, joined: joined, help: help.New(),
		keys: JoinKeys{
			Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("↵", t("workshop.form.key.join"))),
			Next:   key.NewBinding(key.WithKeys("tab", "shift+tab", "up", "down"), key.WithHelp("tab", t("workshop.form.key.next"))),
			Leave:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", t("workshop.form.key.leave"))),
			Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t("workshop.form.key.close"))),
		}}
	f.setMode()
	return f
}

// setMode enables the keys of the form's state: the fields, or the class and leaving.
func (f *JoinForm) setMode() {
	in := f.joined != nil
	f.keys.Leave.SetEnabled(in)
	f.keys.Submit.SetEnabled(!in)
	f.keys.Next.SetEnabled(!in)
	if in {
		f.line.Blur()
		f.name.Blur()
		return
	}
	f.focusField()
}

func (f *JoinForm) focusField() tea.Cmd {
	if f.field == 0 {
		f.name.Blur()
		return f.line.Focus()
	}
	f.line.Blur()
	return f.name.Focus()
}

// Closed reports whether the student closed the form.
func (f JoinForm) Closed() bool { return f.closed }

// Init focuses the first field.
func (f JoinForm) Init() tea.Cmd { return f.focusField() }

// Update handles keys, pastes and the host's answers.
func (f JoinForm) Update(msg tea.Msg) (JoinForm, tea.Cmd) {
	switch msg := msg.(type) {
	case JoinResultMsg:
		f.busy, f.problem, f.offer, f.offerFor = false, msg.Problem, msg.Offer, ""
		if msg.Offer != "" {
			f.offerFor = strings.TrimSpace(f.name.Value())
		} else if msg.Problem == "" {
			f.joined = msg.Joined
			if msg.Joined == nil { // left: the fields come back as they were
				f.field = 0
			}
		}
		f.setMode()
		return f, nil
	case tea.KeyPressMsg:
		return f.key(msg)
	case tea.PasteMsg:
		return f.input(msg)
	}
	return f, nil
}

func (f JoinForm) key(msg tea.KeyPressMsg) (JoinForm, tea.Cmd) {
	switch {
	case key.Matches(msg, f.keys.Close):
		f.closed = true
		return f, nil
	case f.busy:
		return f, nil
	case key.Matches(msg, f.keys.Leave):
		f.busy, f.problem = true, ""
		return f, common.Send(LeaveRequestMsg{})
	case key.Matches(msg, f.keys.Next):
		f.field = 1 - f.field
		return f, f.focusField()
	case key.Matches(msg, f.keys.Submit):
		line, name := strings.TrimSpace(f.line.Value()), strings.TrimSpace(f.name.Value())
		if f.field == 0 && name == "" {
			f.field = 1
			return f, f.focusField()
		}
		if f.offer != "" && name == f.offerFor {
			name = f.offer // Enter again takes the name the class offered
		}
		f.busy, f.problem = true, ""
		return f, common.Send(JoinRequestMsg{Line: line, Name: name, Exact: true})
	}
	return f.input(msg)
}

// input gives a key or a paste to the focused field.
func (f JoinForm) input(msg tea.Msg) (JoinForm, tea.Cmd) {
	if f.joined != nil || f.busy {
		return f, nil
	}
	var cmd tea.Cmd
	if f.field == 0 {
		f.line, cmd = f.line.Update(msg)
	} else {
		f.name, cmd = f.name.Update(msg)
		if strings.TrimSpace(f.name.Value()) != f.offerFor {
			f.offer, f.offerFor = "", "" // another name typed: the offer no longer holds
		}
	}
	return f, cmd
}

// View draws the form as a box of at most width columns.
func (f JoinForm) View(width int) string {
	st := f.c.Styles
	t := f.c.Tr.T
	inner := max(20, min(70, width-6))
	wrap := lipgloss.NewStyle().Width(inner)
	var b []string
	if f.joined != nil {
		b = append(b, wrap.Render(t("workshop.form.in", map[string]any{"Event": f.joined.Event, "Name": f.joined.Name, "Addr": f.joined.Addr})), "",
			st.Muted.Render(wrap.Render(t("workshop.join.what"))))
	} else {
		f.line.SetWidth(inner - 3)
		f.name.SetWidth(inner - 3)
		b = append(b, t("workshop.form.line"), f.line.View(), "", t("workshop.form.name"), f.name.View())
		if f.offer != "" {
			b = append(b, "", st.Notice.Render(wrap.Render(t("workshop.form.offer", map[string]any{"Name": f.offerFor, "Offer": f.offer}))))
		}
	}
	switch {
	case f.busy:
		b = append(b, "", st.Muted.Render(t("workshop.form.busy")))
	case f.problem != "":
		b = append(b, "", st.Notice.Render(wrap.Render("✗ "+f.problem)))
	}
	f.help.SetWidth(inner)
	b = append(b, "", f.help.View(f.keys))
	title := t("workshop.form.title")
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1).Width(inner + 4).
		Render(strings.Join(b, "\n"))
	// The title sits in the top border, as the lab screen's frames have theirs.
	lines := strings.Split(box, "\n")
	if top := lines[0]; ansi.StringWidth(top) > ansi.StringWidth(title)+6 {
		lines[0] = ansi.Truncate(top, 2, "") + " " + st.Title.Render(title) + " " + ansi.TruncateLeft(top, ansi.StringWidth(title)+4, "")
	}
	return strings.Join(lines, "\n")
}

// Overlay draws box over the middle of content (a screen width columns wide), each of
// its lines centred: the join form over the home screen.
func Overlay(content string, width int, box string) string {
	lines := strings.Split(content, "\n")
	boxLines := strings.Split(box, "\n")
	top := max(1, (len(lines)-len(boxLines))/2)
	for i, bl := range boxLines {
		if top+i < len(lines) {
			pad := max(0, (width-ansi.StringWidth(bl))/2)
			lines[top+i] = strings.Repeat(" ", pad) + bl
		}
	}
	return strings.Join(lines, "\n")
}
