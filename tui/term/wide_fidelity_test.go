package term

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wideAtTheMargin prints wide characters (CJK, an emoji with a skin tone) where they
// meet the right margin: one that does not fit in the last column, one that fills it
// exactly and the character after it, one printed while the cursor waits to wrap; on
// the whole screen, then in a scroll region that does not start at the top, at its
// bottom margin (each wrap scrolls the region).
const wideAtTheMargin = "12345678901本X\r\n1234567890本Y\r\n12345678901👍🏽Z\r\n123456789012本\r\n" +
	"\x1b[10;14r\x1b[14;1H12345678901本A\r\n1234567890本B\r\n123456789012本C\r\n12345678901👍🏽D\x1b[r\x1b[9;1Hend"

// TestWideCharactersAtTheMargin compares the screen with tmux's, cell by cell.
func TestWideCharactersAtTheMargin(t *testing.T) {
	f := filepath.Join(t.TempDir(), "out")
	if err := os.WriteFile(f, []byte(wideAtTheMargin), 0o644); err != nil {
		t.Fatal(err)
	}
	tw := startTwin(t, 12, 14, "until [ \"$(stty size)\" = '14 12' ]; do sleep 0.05; done; stty -opost; cat "+f+"; sleep 600")
	plain, pane := tw.settle("end")
	tw.same("wide characters at the margin", plain, pane)
}

// TestWideCharactersAtTheMarginCut: the same output cut at every byte gives the same
// screen (pty reads end anywhere).
func TestWideCharactersAtTheMarginCut(t *testing.T) {
	whole := newSession(12, 14)
	defer whole.close()
	whole.output([]byte(wideAtTheMargin))
	want := whole.plain()
	for cut := range len(wideAtTheMargin) + 1 {
		if strings.HasPrefix(wideAtTheMargin[cut:], "🏽") {
			continue // a cluster cut in two by a read is two clusters (see the report)
		}
		s := newSession(12, 14)
		s.output([]byte(wideAtTheMargin[:cut]))
		s.output([]byte(wideAtTheMargin[cut:]))
		if got := s.plain(); got != want {
			t.Fatalf("cut at %d:\n%s\nwant\n%s", cut, got, strings.TrimRight(want, "\n"))
		}
		s.close()
	}
}
