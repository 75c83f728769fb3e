package lab

import (
	"regexp"
	"strings"

	tea "charm.land/bubbletea/v2"

	"kubetutor/labs"
)

// inlineCode finds the commands a hint quotes (Markdown code spans).
var inlineCode = regexp.MustCompile("`([^`]+)`")

// commandsToCopy returns what « copier la commande » copies for the step shown: its
// solution's commands when it was revealed, else the commands quoted in the last hint
// revealed, else nothing.
func (m Model) commandsToCopy() string {
	st, step := m.steps[m.cur], m.cfg.Lab.Steps[m.cur]
	if st.solution && len(step.Solution) > 0 {
		return strings.Join(step.Solution, "\n")
	}
	if st.hints > 0 {
		var cmds []string
		for _, c := range inlineCode.FindAllStringSubmatch(step.Hints[st.hints-1].In(m.c.Tr.Lang()), -1) {
			cmds = append(cmds, c[1])
		}
		return strings.Join(cmds, "\n")
	}
	return ""
}

// copyCommand puts the step's commands in the terminal's clipboard (OSC 52) and says so
// on the footer until the next key.
func (m Model) copyCommand(step *labs.Step) (Model, tea.Cmd) {
	text := m.commandsToCopy()
	if text == "" {
		m.copied = copiedNone
		return m, nil
	}
	m.copied = copiedDone
	return m, tea.SetClipboard(text)
}

// copied is what the footer says after the copy key.
type copiedState int

const (
	copiedNot copiedState = iota
	copiedDone
	copiedNone      // nothing to copy yet
	copiedSelection // the mouse selected text in the shell: copied
)

// copiedNotice is the footer's line after the copy key, "" otherwise.
func (m Model) copiedNotice() string {
	switch m.copied {
	case copiedDone:
		return m.c.Styles.Notice.Render(m.c.Tr.T("labcopy.done"))
	case copiedNone:
		return m.c.Styles.Muted.Render(m.c.Tr.T("labcopy.none"))
	case copiedSelection:
		return m.c.Styles.Notice.Render(m.c.Tr.T("termmouse.copied"))
	}
	return ""
}
