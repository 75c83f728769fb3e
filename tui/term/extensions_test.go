package term

import (
	"strings"
	"testing"
)

// TestAlignmentTestFillsTheScreen: DECALN (vttest's screens use it) fills the screen
// with E and homes the cursor, as tmux and xterm do; x/vt alone ignores it.
func TestAlignmentTestFillsTheScreen(t *testing.T) {
	s := newSession(6, 3)
	defer s.close()
	s.output([]byte("\x1b[1mab\x1b#8"))
	want := "EEEEEE\nEEEEEE\nEEEEEE"
	if got := s.plain(); got != want {
		t.Fatalf("screen after DECALN:\n%s\nwant:\n%s", got, want)
	}
	if c := s.cursorState().cursor; c.X != 0 || c.Y != 0 {
		t.Errorf("cursor at %v after DECALN, want home", c)
	}
	// The E's have the default style; the pen stays bold for what follows.
	s.output([]byte("X"))
	s.mu.Lock()
	cell, next := s.emu.CellAt(0, 0), s.emu.CellAt(1, 0)
	s.mu.Unlock()
	if cell.Content != "X" || cell.Style.Attrs == 0 || next.Style.Attrs != 0 {
		t.Errorf("after DECALN: cell 0 = %+v (want a bold X), cell 1 = %+v (want a plain E)", cell, next)
	}
}

// TestColumnModeClearsTheScreen: DECCOLM clears the screen, resets the margins and
// homes the cursor (what tmux does; the pane cannot change its width).
func TestColumnModeClearsTheScreen(t *testing.T) {
	s := newSession(10, 4)
	defer s.close()
	s.output([]byte("one\r\ntwo\x1b[2;3r\x1b[?3h"))
	if got := strings.TrimSpace(s.plain()); got != "" {
		t.Fatalf("screen after DECCOLM is %q, want blank", got)
	}
	if c := s.cursorState().cursor; c.X != 0 || c.Y != 0 {
		t.Errorf("cursor at %v after DECCOLM, want home", c)
	}
	if m := s.trk.marg[0]; m.top != 0 || m.bottom != 4 {
		t.Error("the tracker still sees the scroll margins DECCOLM reset")
	}
}

// TestSurvivesTheEmulatorsPanics: margins beyond the screen make x/vt index out of its
// buffer on the next line insertion (written to it directly: the feeder clamps them);
// the pane keeps running (the fast path off).
func TestSurvivesTheEmulatorsPanics(t *testing.T) {
	s := newSession(4, 3)
	defer s.close()
	s.mu.Lock()
	s.emuWrite([]byte("\x1b[1;99r\x1b[2L"))
	s.mu.Unlock()
	s.output([]byte("\x1b[r\x1b[Hok"))
	if !s.unsure {
		t.Fatal("the emulator did not fail on this input: the test no longer shows the guard")
	}
	if got := s.plain(); !strings.Contains(got, "ok") {
		t.Errorf("output after the failure is not shown: %q", got)
	}
}

// TestMarginsBeyondTheScreenAreClamped: as tmux, DECSTBM and DECSLRM beyond the screen
// stop at its edge (x/vt would take them and fail on the next scroll).
func TestMarginsBeyondTheScreenAreClamped(t *testing.T) {
	s := newSession(4, 3)
	defer s.close()
	s.output([]byte("a\r\nb\r\nc\x1b[2;99r\x1b[2;1H\x1b[L\x1b[?69h\x1b[1;99s\x1b[3;1H\x1b[@X\x1b[30;40r"))
	if s.unsure {
		t.Fatal("the emulator failed on margins beyond the screen")
	}
	if got, want := s.plain(), "a\n\nXb"; strings.TrimRight(got, " \n") != want {
		t.Errorf("screen %q, want %q", got, want)
	}
	if m := s.trk.marg[0]; m != (margins{1, 3, 0, 4}) {
		t.Errorf("the tracker sees margins %+v, want rows 1-3 (the last DECSTBM ignored)", m)
	}
}

// TestPasteIsBracketed: once the shell asks for bracketed paste (bash does at its
// prompt), a multi-line paste reaches it as one block it does not run line by line.
func TestPasteIsBracketed(t *testing.T) {
	s := newSession(40, 5)
	defer s.close()
	s.output([]byte("\x1b[?2004h$ "))
	s.paste("kubectl get pods\nkubectl get nodes")
	var got []byte
	for !strings.Contains(string(got), "\x1b[201~") {
		p, ok := s.replies.pop()
		if !ok {
			t.Fatalf("the reply queue closed; got %q", got)
		}
		got = append(got, p...)
	}
	if want := "\x1b[200~kubectl get pods\nkubectl get nodes\x1b[201~"; string(got) != want {
		t.Errorf("the shell was sent %q, want %q", got, want)
	}
}
