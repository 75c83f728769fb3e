package lab

import (
	"fmt"
	"kubetutor/i18n"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/labs"
	"kubetutor/tui/common"
)

// icons mark a step's status in the list.
var icons = map[labs.EventKind]string{
	"": "○", labs.EventPending: "…", labs.EventFailed: "✗", labs.EventPassed: "✓", labs.EventError: "!",
}

// helpIcon marks a step passed after its solution was shown.
const helpIcon = "◐"

func (m Model) icon(st *stepState) string {
	if st.kind == labs.EventPassed && st.withHelp {
		return helpIcon
	}
	return icons[st.kind]
}

// statusText names a step's status.
func (m Model) statusText(st *stepState) string {
	t := m.c.Tr.T
	switch {
	case st.kind == labs.EventPassed && st.withHelp:
		return t("labscreen.status.withhelp")
	case st.kind == labs.EventPassed:
		return t("labscreen.status.passed")
	case st.kind == labs.EventFailed:
		return t("labscreen.status.failed")
	case st.kind == labs.EventError:
		return t("labscreen.status.error")
	case st.kind == labs.EventPending:
		return t("labscreen.status.pending")
	}
	return t("labscreen.status.unknown")
}

// refresh renders the instructions of the step shown into the viewport.
func (m *Model) refresh() {
	if len(m.steps) == 0 {
		return
	}
	y := m.body.YOffset()
	m.body.SetContent(m.bodyText())
	m.body.SetYOffset(y)
}

// bodyText is the step shown: header, instructions, status, hints and solution.
func (m Model) bodyText() string {
	st, step := m.steps[m.cur], m.cfg.Lab.Steps[m.cur]
	s := m.c.Styles
	t := m.c.Tr.T
	lang := m.c.Tr.Lang()
	w := max(20, m.layout.leftW-2)
	wrap := lipgloss.NewStyle().Width(w)
	var parts []string
	if m.done {
		parts = append(parts, s.Notice.Render(wrap.Render(t("labscreen.done"))))
	}
	head := t("labscreen.step", map[string]any{"N": m.cur + 1, "Total": len(m.steps), "ID": step.ID})
	status := m.icon(st) + " " + m.statusText(st)
	if ansi.StringWidth(head)+2+ansi.StringWidth(status) > w {
		parts = append(parts, s.Title.Render(ansi.Truncate(head, w, "…"))+"\n"+status) // never cut the status
	} else {
		parts = append(parts, s.Title.Render(head)+"  "+status)
	}
	parts = append(parts, m.cache.markdown(step.Instructions.In(lang), m.c.Style, w))
	if isQuestion(step) {
		if st.answer != "" {
			parts = append(parts, wrap.Render(t("labscreen.answer.given", map[string]any{"Answer": st.answer})))
		} else if st.kind != labs.EventPassed {
			parts = append(parts, s.Muted.Render(wrap.Render(t("labscreen.answer.how"))))
		}
	}
	parts = append(parts, m.status(w))
	for i := 0; i < st.hints; i++ {
		md := "**" + t("labscreen.hint", map[string]any{"N": i + 1, "Total": len(step.Hints)}) + "** " + step.Hints[i].In(lang)
		parts = append(parts, m.cache.markdown(md, m.c.Style, w))
	}
	if st.hints < len(step.Hints) && st.kind != labs.EventPassed {
		parts = append(parts, s.Muted.Render(wrap.Render(t("labscreen.hints.left", map[string]any{"Count": len(step.Hints) - st.hints}))))
	}
	if st.solution {
		md := "**" + t("labscreen.solution") + "**\n\n```sh\n" + strings.Join(step.Solution, "\n") + "\n```"
		parts = append(parts, m.cache.markdown(md, m.c.Style, w))
	}
	return strings.Join(parts, "\n\n")
}

// status says why the step is not done yet, or that it is.
func (m Model) status(w int) string {
	st, step := m.steps[m.cur], m.cfg.Lab.Steps[m.cur]
	s := m.c.Styles
	tr := m.c.Tr
	wrap := lipgloss.NewStyle().Width(w)
	var lines []string
	if m.flash.ID != "" { // the feedback of the last key comes first
		lines = append(lines, s.Notice.Render(wrap.Render(tr.Msg(m.flash))))
	}
	switch {
	case m.cfg.Runner == nil:
		if m.cfg.Problem.ID != "" {
			lines = append(lines, s.Notice.Render(wrap.Render(tr.Msg(m.cfg.Problem))))
		}
		return strings.Join(lines, "\n")
	case m.startErr && m.startNote.ID != "":
		return s.Error.Render(wrap.Render(tr.Msg(m.startNote)))
	case m.startErr:
		return s.Error.Render(wrap.Render(tr.T("labscreen.setup.failed")))
	case m.startNote.ID != "":
		lines = append(lines, s.Muted.Render(wrap.Render(tr.Msg(m.startNote))))
		return strings.Join(lines, "\n")
	case st.kind == labs.EventPassed:
		lines = append(lines, s.Selected.Render(wrap.Render(tr.T("labscreen.passed"))))
	case st.kind == labs.EventError:
		detail := ""
		if st.result.Err != nil {
			detail = tr.Msg(labs.ErrorDetail(st.result.Err))
		}
		lines = append(lines, s.Error.Render(wrap.Render(tr.T("labscreen.error", map[string]any{"Detail": detail}))))
	case st.kind == "" || st.evaluating:
		lines = append(lines, s.Muted.Render(wrap.Render(tr.T("labscreen.checking"))))
	default:
		lines = append(lines, wrap.Render(tr.T("labscreen.notyet", map[string]any{"Reason": tr.Msg(st.result.Result.Reason)})))
		for _, e := range st.result.Result.Evidence {
			lines = append(lines, s.Muted.Render(bullet(tr.Msg(e), w)))
		}
	}
	if step.Wait != nil && st.kind != labs.EventPassed {
		args := map[string]any{"Expected": duration(step.Wait.After), "Reason": step.Wait.Reason.In(tr.Lang())}
		id := "labscreen.wait.before" // the clock starts with the student's action
		if !st.waitFrom.IsZero() {
			id, args["Elapsed"] = "labscreen.wait", duration(m.cfg.Now().Sub(st.waitFrom).Truncate(time.Second))
		}
		lines = append(lines, s.Notice.Render(wrap.Render(tr.T(id, args))))
	}
	return strings.Join(lines, "\n")
}

// duration renders a duration as every screen does (i18n.Duration).
func duration(d time.Duration) string { return i18n.Duration(d) }

// stepList draws the steps one a line (wide) or on one line (narrow).
func (m Model) stepList() string {
	s := m.c.Styles
	var items []string
	for i, st := range m.steps {
		item := fmt.Sprintf("%s %d %s", m.icon(st), i+1, m.cfg.Lab.Steps[i].ID)
		if m.layout.wide {
			mark := "  "
			if i == m.cur {
				mark = "▸ "
			}
			item = ansi.Truncate(mark+item, m.layout.leftW-1, "…")
		}
		if i == m.cur {
			item = s.Selected.Render(item)
		}
		items = append(items, item)
	}
	if m.layout.wide {
		return strings.Join(common.Window(items, m.cur, m.cur, m.layout.listH), "\n")
	}
	// One line: the steps before the current one give way so that it always shows.
	from, room := 0, m.w
	if m.cur < len(items)-1 {
		room-- // the « … » that says more steps follow
	}
	for from < m.cur && ansi.StringWidth(" … "+strings.Join(items[from:m.cur+1], "  ")) > room {
		from++
	}
	line := " " + strings.Join(items[from:], "  ")
	if from > 0 {
		line = " … " + strings.Join(items[from:], "  ")
	}
	return ansi.Truncate(line, m.w, "…")
}

// title is the screen's first line.
func (m Model) title() string {
	passed := 0
	for _, st := range m.steps {
		if st.kind == labs.EventPassed {
			passed++
		}
	}
	text := m.c.Tr.T("labscreen.title", map[string]any{"Title": m.cfg.Lab.Title.In(m.c.Tr.Lang()), "Done": passed, "Total": len(m.steps)})
	return m.c.Styles.Title.Width(m.w).MaxWidth(m.w).Render(ansi.Truncate(text, m.w-2, "…"))
}

// footer is the help line, or the solution's confirmation.
func (m Model) footer() string {
	switch {
	case m.answering:
		q := m.c.Styles.Notice.Render(m.c.Tr.T("labscreen.answer.prompt"))
		keys := m.help.View(answerHelp{m.keys})
		// The input takes what the prompt and its keys leave, so the keys are never cut.
		m.input.SetWidth(max(10, min(40, m.w-ansi.StringWidth(q)-ansi.StringWidth(keys)-6)))
		return ansi.Truncate(" "+q+" "+m.input.View()+"  "+keys, m.w, "…")
	case m.confirm:
		q := m.c.Styles.Notice.Render(m.c.Tr.T("labscreen.solution.confirm"))
		return ansi.Truncate(" "+q+"  "+m.help.View(confirmHelp{m.keys}), m.w, "…")
	case m.focus == focusShell && m.copied != copiedSelection:
		return common.Indent(m.help.View(shellHelp{m.keys}), 1)
	case m.copied != copiedNot:
		return ansi.Truncate(" "+m.copiedNotice(), m.w, "…")
	}
	return common.Indent(m.help.View(m.keysShown()), 1)
}

// solutionLocked reports whether the instructor locked this lab's solutions.
func (m Model) solutionLocked() bool { return m.cfg.SolutionLocked != nil && m.cfg.SolutionLocked() }

// keysShown is the key map as the help shows it: a locked solution's key says so, in
// full from 100 columns, in one word below (the line must still hold « ? aide »).
func (m Model) keysShown() KeyMap {
	k := m.keys
	if m.solutionLocked() {
		id := "workshop.lab.locked.key"
		if m.w < 100 {
			id = "workshop.lab.locked.short"
		}
		k.Solution.SetHelp("s", m.c.Tr.T(id))
	}
	return k
}

// shellTitle labels the shell's frame, highlighted when the shell has the focus.
func (m Model) shellTitle() string {
	t := m.c.Tr.T("labscreen.shell.title")
	if m.focus == focusShell {
		return m.c.Styles.Selected.Render(t)
	}
	return m.c.Styles.Muted.Render(t)
}

// titleRule is a horizontal rule of width w with title near its start.
func titleRule(title string, w int, muted func(...string) string) string {
	tw := ansi.StringWidth(title)
	rest := max(0, w-tw-4)
	return muted("──") + " " + title + " " + muted(strings.Repeat("─", rest))
}

// Cursor places the terminal cursor in the shell when it has the focus.
func (m Model) Cursor() *tea.Cursor {
	c := m.term.Cursor()
	if c == nil || m.focus != focusShell {
		return nil
	}
	c.X += m.layout.shellX
	c.Y += m.layout.shellY
	return c
}

// bullet is « • text » wrapped to w columns, its continuation lines under the text
// rather than at the margin.
func bullet(text string, w int) string {
	const indent = "    "
	body := lipgloss.NewStyle().Width(max(w-len(indent), 10)).Render(text)
	lines := strings.Split(body, "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = "  • " + lines[i]
		} else {
			lines[i] = indent + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
