package lab

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// longLab has many steps with long ids (a list taller than its room, one line wider
// than the screen).
func longLab() *labs.Lab {
	l := &labs.Lab{ID: "long", Title: labs.Text{"fr": "Un long TP", "en": "A long lab"}}
	for i := range 12 {
		l.Steps = append(l.Steps, &labs.Step{ID: fmt.Sprintf("componentstatuses-%02d", i),
			Instructions: labs.Text{"fr": "Faites-le.", "en": "Do it."}})
	}
	return l
}

// The step list scrolls (one a line) or slides (all on one line) so that the step shown
// is always in it, and the step's status is never cut.
func TestStepListKeepsTheCurrentStepVisible(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				c := &common.Common{Width: size[0], Height: size[1], Style: render.NoTTY, Tr: i18n.New(lang), Log: slog.New(slog.DiscardHandler)}
				c.Keys = common.NewKeyMap(c.Tr)
				c.Styles = common.NewStyles(c.Style)
				m := New(c, Config{Lab: longLab(), Problem: i18n.M("labscreen.nocluster")})
				t.Cleanup(m.Close)
				m = keys(m, "ctrl+o")
				status := c.Tr.T("labscreen.status.unknown")
				for i := range 12 {
					v := plain(m)
					id := fmt.Sprintf("%d componentstatuses-%02d", i+1, i)
					if !strings.Contains(v, id) {
						t.Fatalf("step %d shown but not in the list:\n%s", i+1, v)
					}
					if !strings.Contains(v, "○ "+status) {
						t.Fatalf("step %d: the status « %s » is cut:\n%s", i+1, status, v)
					}
					m = keys(m, "down")
				}
			})
		}
	}
}

// The lab screen's full help at both sizes and in both languages: every row indented,
// nothing cut.
func TestLabHelpGolden(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			m := newScreen(t, lang, size[0], size[1], nil)
			m = keys(m, "ctrl+o", "?")
			v := plain(m)
			lines := strings.Split(v, "\n")
			for _, l := range lines {
				if strings.HasSuffix(strings.TrimSpace(l), "…") {
					t.Errorf("%s %v: a help row is cut: %q", lang, size, l)
				}
			}
			golden(t, fmt.Sprintf("labhelp-%s-%dx%d.golden", lang, size[0], size[1]), v)
		}
	}
}
