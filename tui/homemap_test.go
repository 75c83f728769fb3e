package tui

import (
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/tui/common"
)

// TestHomeShortHelpShowsMap: the home screen's one-line help names the map's key (not
// only the full help), at 80 and 120 columns in both languages, and the keys after it
// are still there (the line wraps rather than cuts).
func TestHomeShortHelpShowsMap(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		want := map[i18n.Lang][]string{i18n.FR: {"m carte", "? aide", "q quitter"}, i18n.EN: {"m map", "? help", "q quit"}}[lang]
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			hs := newHarness(t, lang, size[0], size[1], common.OpenChapterMsg{}, nil)
			scr := trimRight(hs.screen())
			lines := strings.Split(scr, "\n")
			footer := strings.Join(lines[len(lines)-2:], "\n")
			for _, w := range want {
				if !strings.Contains(footer, w) {
					t.Errorf("%s %v: the help line lacks %q:\n%s", lang, size, w, footer)
				}
			}
		}
	}
}
