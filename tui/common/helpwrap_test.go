package common

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// TestShortHelpLinesNeverCutsABinding lays out a help line too wide for its width: every
// binding appears whole, on a second line where needed, and no line is wider than width.
func TestShortHelpLinesNeverCutsABinding(t *testing.T) {
	var keys []key.Binding
	for _, d := range []string{"haut", "bas", "choisir", "valider", "quitter le quiz", "aide"} {
		keys = append(keys, key.NewBinding(key.WithKeys("x"), key.WithHelp("touche", d)))
	}
	h := help.New()
	for _, width := range []int{80, 40, 30} {
		lines := ShortHelpLines(h, keys, width)
		all := ansi.Strip(strings.Join(lines, "\n"))
		for _, d := range []string{"haut", "bas", "choisir", "valider", "quitter le quiz", "aide"} {
			if !strings.Contains(all, "touche "+d) {
				t.Errorf("width %d: %q missing or cut in\n%s", width, d, all)
			}
		}
		if strings.Contains(all, "…") {
			t.Errorf("width %d: cut with an ellipsis:\n%s", width, all)
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Errorf("width %d: line of %d cells: %q", width, w, l)
			}
		}
	}
	if got := ShortHelpLines(h, keys, 200); len(got) != 1 {
		t.Errorf("a wide window takes one line, got %d", len(got))
	}
	// The same bindings through help.ShortHelpView at 40 columns lose keys: the defect.
	h.SetWidth(40)
	if cut := h.ShortHelpView(keys); !strings.Contains(cut, "…") {
		t.Logf("help.ShortHelpView did not cut at 40 columns: %q", cut)
	}
}
