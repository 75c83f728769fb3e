package app

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/tui/common"
	"kubetutor/tui/home"
	"kubetutor/workshop"
	"kubetutor/workshop/client"
)

// classView wraps the tutor's screens: when the student is in a class, « connecté à … »
// with the instructor's banner and countdown at the right of the first line, the
// « regardez l’écran » overlay, and the raise-hand key; on the home screen's key, the
// form that joins a class or leaves it (tui/home's JoinForm). The screens themselves
// know nothing of the class.
type classView struct {
	inner  tea.Model
	class  *classLink
	deps   *Deps
	tr     *i18n.Translator
	c      *common.Common
	now    func() time.Time
	state  workshop.State
	raised bool
	// seenUntil: the instructor acknowledged the hand; the status line says so until then.
	seenUntil time.Time
	width     int
	height    int
	hand      key.Binding
	form      *home.JoinForm // open join form, nil when closed
	// ticking: the class state is read every classRefresh while in a class (no timer
	// otherwise: an idle tutor wakes for nothing).
	ticking bool
}

// RaiseHandKey raises or lowers the student's hand, on every screen (the lab screen's
// shell never sees function keys it does not need).
var raiseHandKey = key.NewBinding(key.WithKeys("f9"))

// newClassView wraps inner for the class link; c is the screens' shared Common (the
// form's styles and keys).
func newClassView(inner tea.Model, class *classLink, deps *Deps, c *common.Common) classView {
	cv := classView{inner: inner, class: class, deps: deps, tr: deps.Tr, c: c, now: time.Now, hand: raiseHandKey}
	if l := class.get(); l != nil {
		cv.state, cv.ticking = l.State(), true
	}
	return cv
}

// handSeenFor is how long the status line says the instructor saw the raised hand.
const handSeenFor = time.Minute

type classTickMsg struct{}

// ClassRefresh is how often the wrapper reads the class state the sender received.
const classRefresh = 2 * time.Second

func classTick() tea.Cmd {
	return tea.Tick(classRefresh, func(time.Time) tea.Msg { return classTickMsg{} })
}

func (c classView) Init() tea.Cmd {
	if c.ticking {
		return tea.Batch(c.inner.Init(), classTick())
	}
	return c.inner.Init()
}

func (c classView) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case classTickMsg:
		l := c.class.get()
		if l == nil { // left the class: no more reading
			c.state, c.raised, c.ticking = workshop.State{}, false, false
			return c, nil
		}
		c.state = l.State()
		if c.state.HandAcked && c.raised {
			c.raised = false // the instructor saw it: the hand comes down, and it says so
			c.seenUntil = c.now().Add(handSeenFor)
		}
		return c, classTick()
	case tea.WindowSizeMsg:
		c.width, c.height = msg.Width, msg.Height
	case home.JoinMsg:
		f := home.NewJoinForm(c.c, c.joined())
		c.form = &f
		return c, f.Init()
	case home.JoinRequestMsg:
		return c, c.join(msg)
	case home.LeaveRequestMsg:
		return c, c.leave()
	case home.JoinResultMsg:
		var cmd tea.Cmd
		if c.form != nil {
			var f home.JoinForm
			f, cmd = c.form.Update(msg)
			c.form = &f
		}
		if l := c.class.get(); l != nil {
			c.state = l.State()
			if !c.ticking {
				c.ticking = true
				cmd = tea.Batch(cmd, classTick())
			}
		}
		return c, cmd
	case tea.KeyPressMsg, tea.PasteMsg:
		if c.form != nil {
			if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+c" {
				break // quitting still works from the form
			}
			f, cmd := c.form.Update(msg)
			c.form = &f
			if f.Closed() {
				c.form = nil
			}
			return c, cmd
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, c.hand) {
			link := c.class.get()
			if link == nil {
				break // not in a class: the key is the screen's
			}
			c.raised = !c.raised
			raised := c.raised
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

// joined is the class the student is in, as the form shows it; nil when none.
func (c classView) joined() *home.Joined {
	l := c.class.get()
	if l == nil {
		return nil
	}
	return &home.Joined{Event: l.Event(), Name: l.seat.Name, Addr: l.seat.Addr}
}

// join joins through the same code as « workshop join », then links this process to
// the seat (the status line, the events sent).
func (c classView) join(req home.JoinRequestMsg) tea.Cmd {
	deps, class := c.deps, c.class
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*client.RequestTimeout)
		defer cancel()
		_, err := joinClass(ctx, deps, req.Line, req.Name, req.Exact)
		if e, ok := workshop.AsError(err); ok && e.Code == workshop.CodeNameTaken {
			return home.JoinResultMsg{Offer: e.Name}
		}
		if err != nil {
			return home.JoinResultMsg{Problem: formProblem(deps.Tr, err)}
		}
		link := startSeat(deps, nil)
		if link == nil {
			return home.JoinResultMsg{Problem: deps.Tr.T("workshop.state.unavailable", map[string]any{"Path": client.Dir(deps.Dirs.State)})}
		}
		class.joined(link)
		return home.JoinResultMsg{Joined: &home.Joined{Event: link.Event(), Name: link.seat.Name, Addr: link.seat.Addr}}
	}
}

// leave gives the seat up as « workshop leave » does and unlinks the process.
func (c classView) leave() tea.Cmd {
	deps, class := c.deps, c.class
	return func() tea.Msg {
		link := class.get()
		if link == nil {
			return home.JoinResultMsg{}
		}
		ctx, cancel := context.WithTimeout(context.Background(), client.RequestTimeout)
		defer cancel()
		class.left() // the sender stops before the seat goes
		if _, err := link.client.Leave(ctx); err != nil {
			return home.JoinResultMsg{Problem: deps.Tr.T("workshop.state.unavailable", map[string]any{"Path": client.Dir(deps.Dirs.State)})}
		}
		return home.JoinResultMsg{}
	}
}

// formProblem is err as the form shows it: the student's message, without the cause.
func formProblem(tr *i18n.Translator, err error) string {
	if e, ok := i18n.AsError(err); ok {
		if e.Msg.ID == "workshop.join.noname" {
			return tr.T("workshop.form.noname")
		}
		return tr.Msg(e.Msg)
	}
	return err.Error()
}

func (c classView) View() tea.View {
	v := c.inner.View()
	if c.class.get() != nil {
		banner := ""
		if c.state.Banner != "" {
			banner = "«\u00a0" + c.state.Banner + "\u00a0»"
		}
		v.Content = overlayClass(v.Content, c.width, c.statusText(), banner, c.lookUpText())
	}
	if c.form != nil && c.width > 0 {
		v.Content = home.Overlay(v.Content, c.width, c.form.View(c.width))
		v.Cursor = nil
	}
	return v
}

// statusText is « connecté à … » with the banner, the countdown and the hand.
func (c classView) statusText() string {
	tr, st, now := c.tr, c.state, c.now()
	parts := []string{tr.T("workshop.tui.connected", map[string]any{"Event": c.class.get().Event()})}
	if st.Countdown.After(now) {
		parts = append(parts, tr.T("workshop.tui.countdown", map[string]any{"Minutes": int(st.Countdown.Sub(now).Minutes()) + 1}))
	}
	if c.raised {
		parts = append(parts, tr.T("workshop.tui.hand"))
	}
	if now.Before(c.seenUntil) {
		parts = append(parts, tr.T("workshop.tui.handseen"))
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
	content = strings.Join(lines, "\n")
	if lookUp != "" && len(lines) > 4 {
		content = home.Overlay(content, width, lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).Padding(1, 4).Bold(true).Render(lookUp))
	}
	return content
}
