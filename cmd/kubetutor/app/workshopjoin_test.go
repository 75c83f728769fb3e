package app

import (
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/paths"
	"kubetutor/tui/home"
	"kubetutor/workshop/client"
	"kubetutor/workshop/server"
)

// typeInto types s into the TUI, one key per rune.
func typeInto(m tea.Model, s string) tea.Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

// submit presses k, which sends a join or leave request, and feeds the request and the
// answer (the real join, over the network) back to the model.
func submit(t *testing.T, m tea.Model, k tea.KeyPressMsg) tea.Model {
	t.Helper()
	m, cmd := m.Update(k)
	if cmd == nil {
		t.Fatalf("%s sent nothing", k)
	}
	req := cmd()
	switch req.(type) {
	case home.JoinRequestMsg, home.LeaveRequestMsg:
	default:
		t.Fatalf("%s sent %#v, want a join or leave request", k, req)
	}
	m, cmd = m.Update(req)
	res := cmd()
	if _, ok := res.(home.JoinResultMsg); !ok {
		t.Fatalf("the request answered %#v", res)
	}
	m, _ = m.Update(res)
	return m
}

func shown(m tea.Model) string { return ansi.Strip(m.View().Content) }

// TestJoinFromHomeScreen joins a real class from the TUI's join form through the same
// client code as « workshop join »: a wrong code and an unreachable server are refused
// in the student's words with what was typed kept, a name another student holds brings
// the offer of a free one, Enter takes it, and the status line then says « connecté
// à … »; leaving from the form gives the seat up.
func TestJoinFromHomeScreen(t *testing.T) {
	teacher, student, other := t.TempDir(), t.TempDir(), t.TempDir()
	line, _ := serveHeadless(t, teacher)
	if code, _, errOut := runAs(t, other, "workshop", "join", line, "--name", "Ada L."); code != 0 {
		t.Fatal(errOut)
	}
	deps := &Deps{Tr: i18n.New(i18n.FR), Dirs: paths.Under(student), Log: slog.New(slog.DiscardHandler), Getenv: os.Getenv}
	class := &classLink{}
	t.Cleanup(class.stopLate)
	var m tea.Model = newClassView(screen{}, class, deps, testCommon(deps.Tr))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.Update(home.JoinMsg{}) // the home screen's key
	wrong := strings.Replace(line, "K7MX4P", "AAAAAA", 1)
	m = typeInto(m, wrong)
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	m = typeInto(m, "Ada L.")
	m = submit(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if v := shown(m); !strings.Contains(v, "code d’événement refusé") || !strings.Contains(v, wrong) || !strings.Contains(v, "> Ada L.") {
		t.Fatalf("wrong code:\n%s", v)
	}

	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	m, _ = m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	m = typeInto(m, "K7MX4P@127.0.0.1:1")
	m = submit(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if v := shown(m); !strings.Contains(v, "ne répond pas") || !strings.Contains(v, "K7MX4P@127.0.0.1:1") || !strings.Contains(v, "> Ada L.") {
		t.Fatalf("unreachable:\n%s", v)
	}
	if seat, _ := client.LoadSeat(client.Dir(deps.Dirs.State)); seat != nil {
		t.Fatalf("a refused join stored a seat: %+v", seat)
	}

	m, _ = m.Update(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
	m = typeInto(m, line)
	m = submit(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if v := shown(m); !strings.Contains(v, "«\u00a0Ada L.\u00a0» est déjà pris") || !strings.Contains(v, "L. (2)\u00a0»") {
		t.Fatalf("name taken, no offer:\n%s", v)
	}
	m = submit(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	v := shown(m)
	if !strings.Contains(v, "connecté à «\u00a0Atelier K8s\u00a0»") || !strings.Contains(v, "sous le nom «\u00a0Ada L. (2)\u00a0»") {
		t.Fatalf("joined, but the screen says:\n%s", v)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	if v := shown(m); !strings.Contains(v, "connecté à «\u00a0Atelier K8s\u00a0»") || strings.Contains(v, "╭─ Atelier") {
		t.Fatalf("after closing the form:\n%s", v)
	}
	db, err := server.Open(ClassDB(paths.Under(teacher).State))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	names := func() []string {
		snap, err := db.Snapshot(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range snap.Students {
			out = append(out, s.Name)
		}
		return out
	}
	if got := strings.Join(names(), ","); got != "Ada L.,Ada L. (2)" {
		t.Fatalf("the board has %q", got)
	}

	m, _ = m.Update(home.JoinMsg{})
	m = submit(t, m, tea.KeyPressMsg{Code: 'l', Text: "l"})
	if v := shown(m); strings.Contains(v, "connecté à") || !strings.Contains(v, "Ligne d’atelier") {
		t.Fatalf("after leaving:\n%s", v)
	}
	if seat, _ := client.LoadSeat(client.Dir(deps.Dirs.State)); seat != nil || class.get() != nil {
		t.Fatalf("left, but the seat %+v or the link stays", seat)
	}
	if got := strings.Join(names(), ","); got != "Ada L." {
		t.Fatalf("after leaving, the board has %q", got)
	}
}

// TestClassViewIdleWithoutAClass: out of a class the wrapper sets no timer (an idle
// tutor wakes for nothing) and leaves F9 to the screen.
func TestClassViewIdleWithoutAClass(t *testing.T) {
	deps := &Deps{Tr: i18n.New(i18n.FR), Dirs: paths.Under(t.TempDir()), Log: slog.New(slog.DiscardHandler), Getenv: os.Getenv}
	cv := newClassView(screen{}, &classLink{}, deps, testCommon(deps.Tr))
	if cmd := cv.Init(); cmd != nil {
		t.Fatal("a timer out of a class")
	}
	m, cmd := cv.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	if cmd != nil || m.(classView).raised {
		t.Fatal("F9 out of a class raised a hand")
	}
	if v := shown(m); strings.Contains(v, "connecté") {
		t.Fatalf("a status line out of a class:\n%s", v)
	}
}
