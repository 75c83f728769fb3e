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
	tuilab "kubetutor/tui/lab"
	"kubetutor/tui/term"
	"kubetutor/workshop/server"
)

// TestLocksBlockTheSolution runs the real class server and the student's real link: the
// instructor locks the inspect lab's solutions, the student's lab screen refuses the
// solution and says who locked it while hints stay; the lock survives the server going
// away and a restart of the student's kubetutor while it is away (the seat's stored
// state); unlocked once the server is back, the key gives the solution again within
// seconds.
func TestLocksBlockTheSolution(t *testing.T) {
	defer func(hb time.Duration) { seatHeartbeat = hb }(seatHeartbeat)
	seatHeartbeat = 200 * time.Millisecond
	teacher, student := t.TempDir(), t.TempDir()
	line, _, stop := serveAt(t, teacher, "127.0.0.1:0")
	_, addr, _ := strings.Cut(line, "@")
	if code, _, errOut := runAs(t, student, "workshop", "join", line, "--name", "Léa"); code != 0 {
		t.Fatal(errOut)
	}
	db, err := server.Open(ClassDB(paths.Under(teacher).State))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deps := &Deps{Tr: i18n.New(i18n.FR), Dirs: paths.Under(student), Log: slog.New(slog.DiscardHandler), Getenv: os.Getenv}

	// labScreen opens the inspect lab as the TUI does, for the class of link.
	labScreen := func(link *seatLink) (tuilab.Config, tuilab.Model) {
		t.Helper()
		src := newLabSource(deps, "")
		src.class = &classLink{link: link}
		cfg, err := src.Open("inspect")
		if err != nil {
			t.Fatal(err)
		}
		cfg.Shell = term.Config{} // no shell process in this test
		m := tuilab.New(testCommon(deps.Tr), cfg)
		m.SetSize(120, 40)
		t.Cleanup(m.Close)
		return cfg, m
	}
	waitLocked := func(cfg tuilab.Config, want bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); cfg.SolutionLocked() != want; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the solution lock never became %v", want)
			}
		}
	}
	press := func(m tuilab.Model, keys ...tea.KeyPressMsg) tuilab.Model {
		for _, k := range keys {
			m, _ = m.Update(k)
		}
		return m
	}
	ctrlO := tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	s, i, o := tea.KeyPressMsg{Code: 's', Text: "s"}, tea.KeyPressMsg{Code: 'i', Text: "i"}, tea.KeyPressMsg{Code: 'o', Text: "o"}

	link := startSeat(deps, []string{"lab", "open", "inspect"})
	cfg, m := labScreen(link)
	if cfg.SolutionLocked() {
		t.Fatal("locked before the instructor locked anything")
	}
	if locked, err := db.ToggleLock("inspect"); err != nil || !locked {
		t.Fatalf("lock: %v %v", locked, err)
	}
	waitLocked(cfg, true)
	m = press(m, ctrlO, s)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "L’animateur a verrouillé les solutions") || strings.Contains(v, "Solution\u00a0:") ||
		!strings.Contains(v, "s solution verrouillée par l’animateur") {
		t.Fatalf("the locked solution on the lab screen:\n%s", v)
	}
	m = press(m, o, i)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Indice 1/") || strings.Contains(v, "Solution\u00a0:") {
		t.Fatalf("a hint was refused while the solution is locked:\n%s", v)
	}

	// The server goes away; the student's kubetutor restarts while it is away.
	stop()
	time.Sleep(3 * seatHeartbeat) // failed heartbeats keep the state
	if !cfg.SolutionLocked() {
		t.Fatal("the lock was lost when the server went away")
	}
	link.stop()
	link = startSeat(deps, []string{"lab", "open", "inspect"})
	defer func() { link.stop() }()
	cfg, m = labScreen(link)
	if !cfg.SolutionLocked() {
		t.Fatal("a restarted kubetutor forgot the lock (the seat's stored state)")
	}

	// Back: the instructor unlocks.
	serveAt(t, teacher, addr)
	if locked, err := db.ToggleLock("inspect"); err != nil || locked {
		t.Fatalf("unlock: %v %v", locked, err)
	}
	waitLocked(cfg, false)
	m = press(m, ctrlO, s, o)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Solution\u00a0:") || strings.Contains(v, "verrouillée") {
		t.Fatalf("unlocked, the solution is not shown:\n%s", v)
	}
}
