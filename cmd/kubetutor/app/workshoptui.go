package app

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/workshop"
)

// classView wraps the tutor's screens when the student joined a class: « connecté à … »
// with the instructor's banner and countdown at the right of the first line, the
// « regardez l’écran » overlay, and the raise-hand key. The screens themselves know
// nothing of the class.
type classView struct {
	inner  tea.Model
	link   *seatLink
	tr     *i18n.Translator
	now    func() time.Time
	state  workshop.State
	raised bool
	width  int
	hand   key.Binding
}

// RaiseHandKey raises or lowers the student's hand, on every screen (the lab screen's
// shell never sees function keys it does not need).
var raiseHandKey = key.NewBinding(key.WithKeys("f9"))

func newClassView(inner tea.Model, link *seatLink, tr *i18n.Translator) classView {
	return classView{inner: inner, link: link, tr: tr, now: time.Now, state: link.State(), hand: raiseHandKey}
}

type classTickMsg struct{}

// ClassRefresh is how often the wrapper reads the class state the sender received.
const classRefresh = 2 * time.Second

func classTick() tea.Cmd {
	return tea.Tick(classRefresh, func(time.Time) tea.Msg { return classTickMsg{} })
}

func (c classView) Init() tea.Cmd { return tea.Batch(c.inner.Init(), classTick()) }

func (c classView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case classTickMsg:
		c.state = c.link.State()
		if c.state.HandAcked && c.raised {
			c.raised = false // the instructor saw it: the hand comes down
		}
		return c, classTick()
	case tea.WindowSizeMsg:
		c.width = msg.Width
	case tea.KeyPressMsg:
		if key.Matches(msg, c.hand) {
			c.raised = !c.raised
			link, raised := c.link, c.raised
			return c, func() tea.Msg {
				link.Raise(raised) // queued on disk; a failure to queue is in the log
				return nil
			}
		}
	}
	var cmd tea.Cmd
	c.inner, cmd = c.inner.Update(msg)
	return c, cmd
}

func (c classView) View() tea.View {
	v := c.inner.View()
	banner := ""
	if c.state.Banner != "" {
		banner = "«\u00a0" + c.state.Banner + "\u00a0»"
	}
	v.Content = overlayClass(v.Content, c.width, c.statusText(), banner, c.lookUpText())
	return v
}

// statusText is « connecté à … » with the banner, the countdown and the hand.
func (c classView) statusText() string {
	tr, st, now := c.tr, c.state, c.now()
	parts := []string{tr.T("workshop.tui.connected", map[string]any{"Event": c.link.Event()})}
	if st.Countdown.After(now) {
		parts = append(parts, tr.T("workshop.tui.countdown", map[string]any{"Minutes": int(st.Countdown.Sub(now).Minutes()) + 1}))
	}
	if c.raised {
		parts = append(parts, tr.T("workshop.tui.hand"))
	}
	if len(st.LockedSolutions) > 0 {
		parts = append(parts, tr.T("workshop.tui.locked", map[string]any{"Labs": strings.Join(st.LockedSolutions, ", ")}))
	}
	return " " + strings.Join(parts, " · ") + " "
}

func (c classView) lookUpText() string {
	if c.state.LookUp.After(c.now()) {
		return c.tr.T("workshop.tui.lookup")
	}
	return ""
}

// overlayClass writes status at the right of content's first line, the banner over the
// second line and, when lookUp is set, a box in the middle of the screen.
func overlayClass(content string, width int, status, banner, lookUp string) string {
	if width <= 0 {
		return content
	}
	lines := strings.Split(content, "\n")
	status = ansi.Truncate(status, max(10, width-12), "…")
	sw := ansi.StringWidth(status)
	first := ansi.Truncate(lines[0], max(0, width-sw), "")
	first += strings.Repeat(" ", max(0, width-sw-ansi.StringWidth(first)))
	lines[0] = first + lipgloss.NewStyle().Reverse(true).Render(status)
	if banner != "" && len(lines) > 1 {
		b := ansi.Truncate(" "+banner, width, "…")
		lines[1] = lipgloss.NewStyle().Bold(true).Reverse(true).Render(b + strings.Repeat(" ", max(0, width-ansi.StringWidth(b))))
	}
	if lookUp != "" && len(lines) > 4 {
		box := lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).Padding(1, 4).Bold(true).Render(lookUp)
		boxLines := strings.Split(box, "\n")
		top := max(1, (len(lines)-len(boxLines))/2)
		for i, bl := range boxLines {
			if top+i < len(lines) {
				pad := max(0, (width-ansi.StringWidth(bl))/2)
				lines[top+i] = strings.Repeat(" ", pad) + bl
			}
		}
	}
	return strings.Join(lines, "\n")
}
