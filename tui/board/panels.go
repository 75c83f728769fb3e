package board

import (
	"fmt"
	"strings"

	"kubetutor/workshop"
)

// studentPanel is the selected student's detail: where they are, their last reason and
// their timeline (server times).
func (m Model) studentPanel() []string {
	tr, s := m.cfg.Tr, m.selected()
	if s == nil {
		return []string{tr.T("board.empty")}
	}
	now := m.snap.Now
	out := []string{m.styles.header.Render(s.Name)}
	if s.Lab != "" {
		out = append(out, tr.T("board.student.current", map[string]any{"Lab": s.Lab, "Step": s.Step}))
		cell := s.Cells[s.Lab+"/"+s.Step]
		col := &workshop.Column{ID: s.Lab + "/" + s.Step, Lab: s.Lab, Step: s.Step}
		line := tr.T("board.student.status", map[string]any{"Status": m.statusName(col, cell)})
		if cell.Reason != "" {
			line += " — «\u00a0" + cell.Reason + "\u00a0»"
		}
		out = append(out, line)
	}
	if t := m.stuckText(s, now); t != "" {
		out = append(out, tr.T("board.student.stuck", map[string]any{"Value": t}))
	}
	out = append(out, tr.T("board.student.seen", map[string]any{"Value": duration(tr.Lang() == "fr", now.Sub(s.LastSeen)), "Read": s.SectionsRead}))
	out = append(out, "", m.styles.header.Render(tr.T("board.student.timeline")))
	if len(m.timeline) == 0 {
		out = append(out, m.styles.muted.Render(tr.T("board.student.notimeline")))
	}
	for _, e := range m.timeline {
		line := e.At.In(now.Location()).Format("15:04:05") + "  " + string(e.Kind)
		for _, f := range []string{e.Lab + slash(e.Step), e.Status} {
			if f != "" {
				line += " " + f
			}
		}
		if e.Reason != "" {
			line += " — «\u00a0" + e.Reason + "\u00a0»"
		}
		out = append(out, line)
	}
	return out
}

func slash(s string) string {
	if s == "" {
		return ""
	}
	return "/" + s
}

// columnPanel is the selected column across the class: how many passed, and the most
// frequent failure reasons, so the instructor explains a common mistake once.
func (m Model) columnPanel() []string {
	tr, c := m.cfg.Tr, m.column()
	if c == nil {
		return nil
	}
	passed, failed, started := 0, 0, 0
	for _, s := range m.snap.Students {
		cell, ok := s.Cells[c.ID]
		if !ok || cell.Status == "" && cell.Max == 0 {
			continue
		}
		started++
		switch {
		case cell.Status == workshop.StatusPassed || cell.Status == workshop.StatusSolvedWithHelp:
			passed++
		case cell.Status == workshop.StatusFailed || cell.Status == workshop.StatusError:
			failed++
		}
	}
	out := []string{
		m.styles.header.Render(c.Label + " — " + c.ID),
		tr.T("board.column.counts", map[string]any{"Passed": passed, "Failed": failed, "Started": started, "Total": len(m.snap.Students)}),
		"",
	}
	if c.Step == "" {
		return out
	}
	out = append(out, m.styles.header.Render(tr.T("board.column.reasons")))
	if len(m.reasons) == 0 {
		out = append(out, m.styles.muted.Render(tr.T("board.column.noreasons")))
	}
	for _, r := range m.reasons {
		out = append(out, fmt.Sprintf("%3d  «\u00a0%s\u00a0»", r.Students, r.Reason))
	}
	return out
}

// helpPanel is the legend, the join QR code and the projector page's address.
func (m Model) helpPanel() []string {
	tr := m.cfg.Tr
	out := []string{m.styles.header.Render(tr.T("board.legend.title"))}
	for _, st := range []string{"", "pending", "failed", "error", "passed", "solved-with-help"} {
		out = append(out, fmt.Sprintf("  %-3s %s", glyphs[st], tr.T(statusKeys[st])))
	}
	out = append(out, "  "+tr.T("board.legend.more"), "", m.styles.header.Render(tr.T("board.actions")))
	for _, k := range m.keys.ActionHelp() {
		out = append(out, fmt.Sprintf("  %-3s %s", k.Help().Key, k.Help().Desc))
	}
	if m.state.Banner != "" {
		out = append(out, tr.T("board.banner.current", map[string]any{"Text": m.state.Banner}))
	}
	if len(m.state.LockedSolutions) > 0 {
		out = append(out, tr.T("board.lock.current", map[string]any{"Labs": strings.Join(m.state.LockedSolutions, ", ")}))
	}
	out = append(out, "")
	for _, e := range m.cfg.Extra {
		out = append(out, strings.Split(strings.TrimRight(e, "\n"), "\n")...)
	}
	return out
}
