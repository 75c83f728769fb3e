package quiz

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	lq "kubetutor/lessons/quiz"
	"kubetutor/tui/common"
)

// headerHeight is the number of lines above the body: the title and a rule.
const headerHeight = 2

// View renders the screen: a header, the scrolled body, a status line and the help.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

// Render renders the screen as a string of exactly the window's height.
func (m Model) Render() string {
	lines, _ := m.body()
	h := m.bodyHeight()
	end := min(len(lines), m.scroll+h)
	visible := append([]string{}, lines[min(m.scroll, end):end]...)
	for len(visible) < h {
		visible = append(visible, "")
	}
	out := append([]string{m.header(), m.styles.muted.Render(strings.Repeat("─", m.width))}, visible...)
	out = append(out, m.footer()...)
	return strings.Join(out, "\n")
}

func (m Model) footer() []string {
	status := ""
	if m.notice.ID != "" {
		status = m.styles.notice.Render(m.cfg.Tr.Msg(m.notice))
	}
	if lines, _ := m.body(); len(lines) > m.bodyHeight() {
		more := m.cfg.Tr.T("quiz.scroll", map[string]any{"Line": m.scroll + 1, "Total": len(lines)})
		status = padBetween(status, m.styles.muted.Render(more), m.width)
	}
	out := []string{ansi.Truncate(status, m.width, "…")}
	for _, l := range m.helpLines() {
		out = append(out, ansi.Truncate(l, m.width, "…"))
	}
	return out
}

// helpLines is the help under the question: the full help, or the short help laid out on
// as many lines as it needs (never cut: a key past the edge would be hidden).
func (m Model) helpLines() []string {
	keys := m.helpKeys()
	if m.fullHelp {
		return strings.Split(m.help.FullHelpView(keys.full), "\n")
	}
	return common.ShortHelpLines(m.help, keys.short, m.width)
}

func (m Model) bodyHeight() int {
	return max(1, m.height-headerHeight-1-len(m.helpLines()))
}

func (m Model) header() string {
	tr := m.cfg.Tr
	left := m.styles.title.Render(tr.T("quiz.title", map[string]any{
		"Chapter": m.cfg.Chapter, "Mode": tr.T(modeKey(m.cfg.Mode)),
	}))
	right := ""
	if m.phase != phaseSummary && m.phase != phaseResume && len(m.questions) > 0 {
		right = tr.T("quiz.counter", map[string]any{"N": min(m.idx+1, len(m.questions)), "Total": len(m.questions)})
	}
	return padBetween(left, right, m.width)
}

func modeKey(mode Mode) string {
	if mode == Exam {
		return "quiz.mode.exam"
	}
	return "quiz.mode.practice"
}

// padBetween puts left and right on one line of width cells.
func padBetween(left, right string, width int) string {
	gap := width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return left + " " + right
	}
	return left + strings.Repeat(" ", gap) + right
}

// wrap wraps text to the body width with an indent on every line.
func (m Model) wrap(text, indent string) []string {
	w := max(20, m.width-lipgloss.Width(indent)-1)
	var out []string
	for _, l := range strings.Split(lipgloss.Wrap(text, w, ""), "\n") {
		out = append(out, indent+l)
	}
	return out
}

// body returns the body lines and, for each line, the cursor line it belongs to (a
// choice, an ordering item, a rubric point) or -1.
func (m Model) body() ([]string, []int) {
	var b bodyBuilder
	switch m.phase {
	case phaseAsk:
		m.askBody(&b)
	case phaseRubric:
		m.rubricBody(&b)
	case phaseFeedback:
		m.feedbackBody(&b)
	case phaseResume:
		m.resumeBody(&b)
	default:
		m.summaryBody(&b)
	}
	return b.lines, b.owner
}

// bodyBuilder collects body lines and which cursor line each belongs to.
type bodyBuilder struct {
	lines []string
	owner []int
}

func (b *bodyBuilder) add(lines ...string) {
	for _, l := range lines {
		b.lines = append(b.lines, l)
		b.owner = append(b.owner, -1)
	}
}

func (b *bodyBuilder) item(i int, lines ...string) {
	for _, l := range lines {
		b.lines = append(b.lines, l)
		b.owner = append(b.owner, i)
	}
}

func (m Model) promptLines(b *bodyBuilder, q *lq.Question) {
	tr := m.cfg.Tr
	b.add(m.styles.muted.Render(tr.T("quiz.section", map[string]any{"Section": m.sectionLabel(q.Section)})), "")
	b.add(m.wrap(m.styles.label.Render(q.Prompt.In(tr.Lang())), "")...)
}

func (m Model) sectionLabel(id string) string {
	if t := m.cfg.SectionTitles[id]; t != "" {
		return t
	}
	return id
}

func (m Model) askBody(b *bodyBuilder) {
	q, tr := m.question(), m.cfg.Tr
	m.promptLines(b, q)
	b.add(m.styles.muted.Render(tr.T(hintKey(q.Type))), "")
	switch q.Type {
	case lq.Single, lq.Multiple:
		for i, c := range m.in.perm {
			b.item(i, m.choiceLines(i, q.Type, m.in.picked[c], q.Choices[c].Text.In(tr.Lang()))...)
		}
	case lq.Ordering:
		for i, item := range m.in.order {
			b.item(i, m.cursorLines(i, string(rune('1'+i))+". ", q.Items[item].In(tr.Lang()))...)
		}
	case lq.Numeric, lq.Short:
		in := m.in.text.View()
		if u := q.Unit.In(tr.Lang()); u != "" {
			in += " " + u
		}
		b.add(in)
	case lq.Open:
		b.add(strings.Split(m.in.area.View(), "\n")...)
	}
	if m.refusal.ID != "" {
		b.add("")
		for _, l := range m.wrap(m.cfg.Tr.Msg(m.refusal), "") {
			b.add(m.styles.notice.Render(l))
		}
	}
}

func hintKey(t lq.Type) string {
	switch t {
	case lq.Single:
		return "quiz.hint.single"
	case lq.Multiple:
		return "quiz.hint.multiple"
	case lq.Ordering:
		return "quiz.hint.ordering"
	case lq.Numeric:
		return "quiz.hint.numeric"
	case lq.Short:
		return "quiz.hint.short"
	}
	return "quiz.hint.open"
}

// choiceLines renders choice i: a cursor mark, a box, its number and its text, wrapped
// under itself.
func (m Model) choiceLines(i int, t lq.Type, on bool, text string) []string {
	box := "( )"
	if on {
		box = "(•)"
	}
	if t == lq.Multiple {
		box = "[ ]"
		if on {
			box = "[x]"
		}
	}
	return m.cursorLines(i, box+" "+string(rune('1'+i))+". ", text)
}

// cursorLines renders a cursor line: "> " on the line under the cursor, the prefix, the
// text wrapped with a hanging indent.
func (m Model) cursorLines(i int, prefix, text string) []string {
	indent := strings.Repeat(" ", 2+lipgloss.Width(prefix))
	w := max(20, m.width-lipgloss.Width(indent)-1)
	parts := strings.Split(lipgloss.Wrap(text, w, ""), "\n")
	mark, style := "  ", lipgloss.NewStyle()
	if i == m.in.cursor {
		mark, style = "> ", m.styles.cursor
	}
	out := []string{mark + style.Render(prefix+parts[0])}
	for _, p := range parts[1:] {
		out = append(out, indent+style.Render(p))
	}
	return out
}

// truncate cuts s to w cells, ending with an ellipsis when cut.
func truncate(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
