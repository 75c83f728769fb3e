package reader

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"kubetutor/internal/tmuxtest"
)

// TestE2ESearchFoldsLigatures searches the chapter for « noeud », as a student without
// an œ key types it: the matches are the text's « nœud », as many as for « nœud » itself.
func TestE2ESearchFoldsLigatures(t *testing.T) {
	bin := tmuxtest.Binary(t)
	home := t.TempDir()
	s := tmuxtest.Start(t, 100, 30, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q read 00", home, bin))
	s.WaitFor("the chapter", func(scr string) bool {
		return strings.Contains(scr, "Sommaire") && strings.Contains(scr, "À l’issue de ce chapitre")
	})
	count := regexp.MustCompile(`«\x{a0}(\S+)\x{a0}» (\d+)/(\d+)`)
	total := func(query string) string {
		t.Helper()
		s.Send("/", query, "Enter")
		scr := s.WaitFor("the matches of "+query, func(scr string) bool {
			m := count.FindStringSubmatch(scr)
			return m != nil && m[1] == query
		})
		m := count.FindStringSubmatch(scr)
		if !strings.Contains(strings.ToLower(scr), "nœud") {
			t.Errorf("no « nœud » on screen after searching %q:\n%s", query, scr)
		}
		s.Send("Escape") // clears the search; wait for it, or the next « / » reads as alt+/
		s.WaitFor("the search cleared", func(scr string) bool { return count.FindStringSubmatch(scr) == nil })
		return m[3]
	}
	folded, exact := total("noeud"), total("nœud")
	if folded != exact || folded == "0" {
		t.Errorf("« noeud » finds %s matches, « nœud » %s", folded, exact)
	}
}
