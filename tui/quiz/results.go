package quiz

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"kubetutor/i18n"
	lq "kubetutor/lessons/quiz"
)

func (m Model) rubricBody(b *bodyBuilder) {
	rec, tr := m.current, m.cfg.Tr
	lang := tr.Lang()
	m.promptLines(b, rec.q)
	b.add("", m.styles.label.Render(tr.T("quiz.open.yours")))
	answer := strings.TrimSpace(rec.resp.Text)
	if answer == "" {
		answer = tr.T("quiz.open.blank")
	}
	b.add(m.wrap(answer, "  ")...)
	b.add("", m.styles.label.Render(tr.T("quiz.open.model")))
	b.add(m.wrap(rec.q.Model.In(lang), "  ")...)
	b.add("", m.styles.label.Render(tr.T("quiz.open.tick")))
	for i, r := range rec.q.Rubric {
		box := "[ ]"
		if m.in.ticked[i] {
			box = "[x]"
		}
		b.item(i, m.cursorLines(i, box+" "+string(rune('1'+i))+". ", r.In(lang))...)
	}
}

func (m Model) feedbackBody(b *bodyBuilder) {
	rec, tr := m.current, m.cfg.Tr
	m.promptLines(b, rec.q)
	b.add("", m.verdict(rec))
	m.answerLines(b, rec)
	b.add("", m.styles.label.Render(tr.T("quiz.explanation")))
	b.add(m.wrap(rec.q.Explanation.In(tr.Lang()), "  ")...)
}

// verdict is the one-line result of a graded answer.
func (m Model) verdict(rec *record) string {
	tr := m.cfg.Tr
	switch {
	case rec.q.Type == lq.Open:
		return m.styles.label.Render(tr.T("quiz.verdict.open", map[string]any{
			"Ticked": len(rec.resp.Ticked), "Total": len(rec.q.Rubric)}))
	case rec.res.Correct:
		return m.styles.good.Render("✓ " + tr.T("quiz.verdict.right"))
	case rec.res.Points > 0:
		return m.styles.bad.Render("✗ " + tr.T("quiz.verdict.partial", map[string]any{"Points": i18n.Number(rec.res.Points)}))
	}
	return m.styles.bad.Render("✗ " + tr.T("quiz.verdict.wrong"))
}

// answerLines shows what the student answered and, when it was not right, the right
// answer.
func (m Model) answerLines(b *bodyBuilder, rec *record) {
	tr, lang, q := m.cfg.Tr, m.cfg.Tr.Lang(), rec.q
	if q.Type == lq.Open {
		b.add(m.wrap(tr.T("quiz.answer.model", map[string]any{"Answer": q.Model.In(lang)}), "  ")...)
		return
	}
	b.add(m.wrap(tr.T("quiz.answer.yours", map[string]any{"Answer": m.given(rec)}), "  ")...)
	if !rec.res.Correct {
		b.add(m.wrap(tr.T("quiz.answer.right", map[string]any{"Answer": rightAnswer(q, lang)}), "  ")...)
	}
}

// given renders the student's response in words.
func (m Model) given(rec *record) string {
	lang, q, r := m.cfg.Tr.Lang(), rec.q, rec.resp
	var parts []string
	switch q.Type {
	case lq.Single, lq.Multiple:
		for _, c := range r.Choices {
			parts = append(parts, q.Choices[c].Text.In(lang))
		}
	case lq.Ordering:
		for _, i := range r.Order {
			parts = append(parts, q.Items[i].In(lang))
		}
		return strings.Join(parts, " → ")
	default:
		return strings.TrimSpace(r.Text)
	}
	return strings.Join(parts, listSep(lang))
}

// listSep separates the choices of an answer: a semicolon, spaced the French way in French.
func listSep(lang i18n.Lang) string {
	if lang == i18n.FR {
		return "\u00a0; "
	}
	return "; "
}

// rightAnswer renders the expected answer in words.
func rightAnswer(q *lq.Question, lang i18n.Lang) string {
	var parts []string
	switch q.Type {
	case lq.Single, lq.Multiple:
		for _, c := range q.Choices {
			if c.Correct {
				parts = append(parts, c.Text.In(lang))
			}
		}
	case lq.Ordering:
		for _, it := range q.Items {
			parts = append(parts, it.In(lang))
		}
		return strings.Join(parts, " → ")
	case lq.Numeric:
		s := fmtNum(lang, q.Answer)
		if q.Tolerance > 0 {
			s += " ± " + fmtNum(lang, q.Tolerance)
		}
		if u := q.Unit.In(lang); u != "" {
			s += " " + u
		}
		return s
	case lq.Short:
		return q.Accepted[0]
	}
	return strings.Join(parts, listSep(lang))
}

// fmtNum formats a numeric answer (not a score: see i18n.Number) with the language's
// decimal separator, at most two decimals.
func fmtNum(lang i18n.Lang, f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if lang == i18n.FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (m Model) summaryBody(b *bodyBuilder) {
	tr, lang := m.cfg.Tr, m.cfg.Tr.Lang()
	by, total := m.scores()
	if total.Max == 0 {
		b.add(tr.T("quiz.summary.empty"))
		return
	}
	b.add(m.styles.title.Render(tr.T("quiz.summary.score", map[string]any{
		"Points": i18n.Number(total.Points), "Max": total.Max, "Percent": i18n.Percent(total.Percent())})), "")
	b.add(m.styles.label.Render(tr.T("quiz.summary.sections")))
	for _, s := range by {
		label := truncate(m.sectionLabel(s.Section), max(10, m.width-30))
		score := tr.T("quiz.summary.section", map[string]any{
			"Points": i18n.Number(s.Points), "Max": s.Max, "Percent": i18n.Percent(s.Percent())})
		score += strings.Repeat(" ", max(0, 16-lipgloss.Width(score)))
		b.add("  " + bar(s.Percent(), 10) + " " + score + label)
	}
	missed := m.missed()
	if len(missed) == 0 {
		b.add("", m.styles.good.Render(tr.T("quiz.summary.perfect")))
		return
	}
	b.add("", m.styles.label.Render(tr.T("quiz.summary.missed", map[string]any{"Count": len(missed)})))
	for _, rec := range missed {
		b.add("")
		b.add(m.wrap("• "+rec.q.Prompt.In(lang), "")...)
		b.add("  " + m.verdict(rec))
		m.answerLines(b, rec)
		b.add(m.wrap(rec.q.Explanation.In(lang), "  ")...)
	}
}

// bar draws a percentage as a bar of width cells.
func bar(percent, width int) string {
	full := percent * width / 100
	return strings.Repeat("█", full) + lipgloss.NewStyle().Render(strings.Repeat("░", width-full))
}

// helpKeys returns the keys of the current phase for the help line.
func (m Model) helpKeys() helpKeys {
	k, q := m.keys, m.question()
	var short []key.Binding
	switch m.phase {
	case phaseAsk:
		switch q.Type {
		case lq.Single:
			short = []key.Binding{k.Up, k.Down, k.Pick, k.Submit}
		case lq.Multiple:
			short = []key.Binding{k.Up, k.Down, k.Toggle, k.Submit}
		case lq.Ordering:
			short = []key.Binding{k.Up, k.Down, k.MoveUp, k.MoveDown, k.Submit}
		case lq.Numeric, lq.Short:
			short = []key.Binding{k.Submit}
		case lq.Open:
			short = []key.Binding{k.SubmitText}
		}
	case phaseRubric:
		short = []key.Binding{k.Up, k.Down, k.Toggle, k.Submit}
	case phaseFeedback:
		short = []key.Binding{k.Next, k.Review, k.PageDown}
	case phaseSummary:
		if len(m.missed()) > 0 {
			short = []key.Binding{k.Retry}
		}
		short = append(short, k.Down, k.PageDown)
	case phaseResume:
		short = []key.Binding{k.Resume, k.Restart}
	}
	// The full help is the phase's keys, then the keys of every phase: each key once.
	var common []key.Binding
	for _, c := range []key.Binding{k.PageUp, k.PageDown, k.Back, k.Help} {
		if !slices.ContainsFunc(short, func(b key.Binding) bool { return b.Help() == c.Help() }) {
			common = append(common, c)
		}
	}
	full := [][]key.Binding{short, common}
	return helpKeys{short: append(slices.Clone(short), k.Back, k.Help), full: full}
}
