package board

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/workshop"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var now = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// fakeSource is a fixed class.
type fakeSource struct {
	state   workshop.State
	snap    *workshop.Snapshot
	acked   []int64
	revoked []int64
}

func (f *fakeSource) Snapshot(time.Time) (*workshop.Snapshot, error) { return f.snap, nil }

func (f *fakeSource) FailureReasons(lab, step string, limit int) ([]workshop.Reason, error) {
	return []workshop.Reason{{Reason: "aucun pod kube-system listé", Students: 4}, {Reason: "mauvais espace de noms", Students: 2}}, nil
}

func (f *fakeSource) Timeline(seat int64, limit int) ([]workshop.TimelineEntry, error) {
	return []workshop.TimelineEntry{
		{At: now.Add(-2 * time.Minute), Kind: workshop.KindStep, Lab: "inspect", Step: "system-pods", Status: "failed", Reason: "aucun pod kube-system listé"},
		{At: now.Add(-5 * time.Minute), Kind: workshop.KindHint, Lab: "inspect", Step: "system-pods"},
	}, nil
}

func (f *fakeSource) AckHand(id int64) error { f.acked = append(f.acked, id); return nil }

func (f *fakeSource) Revoke(id int64) error { f.revoked = append(f.revoked, id); return nil }

func (f *fakeSource) State() (workshop.State, error) { return f.state, nil }

func (f *fakeSource) SetBanner(text string) error { f.state.Banner = text; return nil }

func (f *fakeSource) ToggleLock(lab string) (bool, error) {
	f.state.LockedSolutions = append(f.state.LockedSolutions, lab)
	return true, nil
}

func (f *fakeSource) SetCountdown(end time.Time) error { f.state.Countdown = end; return nil }

func (f *fakeSource) LookUp(until time.Time) error { f.state.LookUp = until; return nil }

// testClass is a class of fixed states: every status, hints, a raised hand, a silent
// student, an imported one, the stuck ones.
func testClass() *workshop.Snapshot {
	steps := []string{"readyz", "componentstatuses", "system-pods", "nodes", "static-pods", "api-resources", "namespaces", "events"}
	var cols []workshop.Column
	for i, s := range steps {
		cols = append(cols, workshop.Column{ID: "inspect/" + s, Lab: "inspect", Step: s, Label: fmt.Sprintf("in%d", i+1)})
	}
	for i := range 6 {
		cols = append(cols, workshop.Column{ID: fmt.Sprintf("etcd/s%d", i+1), Lab: "etcd", Step: fmt.Sprintf("s%d", i+1), Label: fmt.Sprintf("et%d", i+1)})
	}
	cols = append(cols, workshop.Column{ID: "quiz:00", Quiz: "00", Label: "Q00"})
	names := []string{"Ada L.", "Bob M.", "Chloé D.", "Dan K.", "Élise R.", "Farid B.", "Gaëlle T.", "Hugo P.", "Inès C.", "Jules V.",
		"Karim A.", "Léa S.", "Marc O.", "Nadia F.", "Olivier G.", "Pauline H.", "Quentin J.", "Rose W.", "Samir E.", "Tess N.",
		"Ugo I.", "Vera Z.", "Wassim Y.", "Xavier U.", "Yasmine Q.", "Zoé X."}
	statuses := []string{"passed", "passed", "solved-with-help", "failed", "pending", "error", ""}
	snap := &workshop.Snapshot{Event: "Atelier K8s", Now: now, Columns: cols}
	for i, n := range names {
		st := workshop.Student{ID: int64(i + 1), Name: n, Joined: now.Add(-time.Hour), LastSeen: now.Add(-5 * time.Second), Cells: map[string]workshop.Cell{}}
		done := (i * 5) % len(steps)
		for j := 0; j < done; j++ {
			st.Cells[cols[j].ID] = workshop.Cell{Status: statuses[(i+j)%3], Changed: now.Add(-time.Duration(30+j) * time.Minute)}
		}
		cur := cols[done]
		status := statuses[3+i%4]
		st.Cells[cur.ID] = workshop.Cell{Status: status, Reason: "aucun pod kube-system listé", Hints: i % 3, Changed: now.Add(-time.Duration(i*3+1) * time.Minute)}
		st.Lab, st.Step = cur.Lab, cur.Step
		if status != "" {
			st.StuckSince = now.Add(-time.Duration(i*3+1) * time.Minute)
		}
		if i%4 == 0 {
			st.Cells["quiz:00"] = workshop.Cell{Status: "quiz", Score: float64(i % 11), Max: 10}
		}
		snap.Students = append(snap.Students, st)
	}
	snap.Students[3].Hand, snap.Students[3].HandAt = true, now.Add(-time.Minute)
	snap.Students[7].Hand, snap.Students[7].HandAt = true, now.Add(-3*time.Minute)
	snap.Students[9].Hand, snap.Students[9].HandAcked = true, true
	snap.Students[5].LastSeen = now.Add(-2 * time.Minute) // silent
	snap.Students[11].Imported, snap.Students[11].LastSeen = true, time.Time{}
	snap.Students[1].StuckSince = now.Add(-75 * time.Minute)
	return snap
}

func newTestModel(lang i18n.Lang, w, h int) (Model, *fakeSource) {
	src := &fakeSource{snap: testClass()}
	m := New(Config{Tr: i18n.New(lang), Src: src, Join: "K7MX4P@192.168.1.10:7070", Now: func() time.Time { return now }, Plain: true,
		Extra: []string{"Page du projecteur : http://192.168.1.10:7070/board?key=abc"}})
	m.SetSize(w, h)
	m, _ = m.Update(snapshotMsg{snap: src.snap})
	return m, src
}

func keyMsg(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	}
	r := []rune(name)
	return tea.KeyPressMsg{Code: r[0], Text: name}
}

// press sends keys, running the commands that come back (one level, as the runtime does
// for what it needs here).
func press(m Model, keys ...string) Model {
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		m = runCmd(m, cmd)
	}
	return m
}

func runCmd(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			m = runCmd(m, c)
		}
		return m
	}
	switch msg.(type) {
	case detailMsg, actionMsg, snapshotMsg:
		m, cmd = m.Update(msg)
		return runCmd(m, cmd)
	}
	return m
}

func golden(t *testing.T, name string, m Model) {
	t.Helper()
	got := m.Render()
	if strings.Contains(got, "\x1b[38") || strings.Contains(got, "\x1b[48") {
		t.Errorf("%s: plain board (NO_COLOR) holds colors", name)
	}
	got = ansi.Strip(got)
	if lines := strings.Count(got, "\n") + 1; lines != m.height {
		t.Errorf("%s: %d lines, want %d", name, lines, m.height)
	}
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > m.width {
			t.Errorf("%s: line %d is %d cells wide, window is %d", name, i+1, w, m.width)
		}
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui/board -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

func TestGolden(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
			name := fmt.Sprintf("%s-%dx%d", lang, size[0], size[1])
			m, _ := newTestModel(lang, size[0], size[1])
			golden(t, "grid-"+name, m)
			if size[0] == 80 {
				golden(t, "student-"+name, press(m, "enter"))
				golden(t, "column-"+name, press(m, "right", "right", "c"))
				golden(t, "help-"+name, press(m, "?"))
				golden(t, "scrolled-"+name, press(m, strings.Split(strings.Repeat("down ", 24)+strings.Repeat("right ", 14), " ")[:38]...))
			}
		}
	}
}

func TestSortHandsThenStuckThenName(t *testing.T) {
	m, _ := newTestModel(i18n.FR, 120, 40)
	st := m.snap.Students
	got := []string{}
	for _, i := range m.order[:4] {
		got = append(got, st[i].Name)
	}
	// Hugo raised his hand before Dan; Zoé is stuck for 76 min, the longest, Bob 75.
	if want := []string{"Hugo P.", "Dan K.", "Zoé X.", "Bob M."}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("order %v, want %v first", got, want)
	}
	m = press(m, "s")
	if first := st[m.order[0]].Name; first != "Ada L." {
		t.Fatalf("by name, first is %q", first)
	}
}

func TestAckHandAndRemove(t *testing.T) {
	m, src := newTestModel(i18n.FR, 80, 24)
	m = press(m, "a") // the first row is Hugo's raised hand
	if len(src.acked) != 1 || src.acked[0] != 8 {
		t.Fatalf("acked %v, want Hugo (8)", src.acked)
	}
	m = press(m, "X", "n")
	if len(src.revoked) != 0 {
		t.Fatal("removed without a yes")
	}
	m = press(m, "X")
	if !strings.Contains(m.Render(), "Retirer Hugo P. de la classe") {
		t.Fatalf("no confirmation:\n%s", m.Render())
	}
	press(m, "o")
	if len(src.revoked) != 1 || src.revoked[0] != 8 {
		t.Fatalf("revoked %v", src.revoked)
	}
}

func TestScrollKeepsTheSelectionVisible(t *testing.T) {
	m, _ := newTestModel(i18n.FR, 80, 24)
	for range 25 {
		m = press(m, "down")
	}
	sel := m.selected().Name
	lines := strings.Split(m.Render(), "\n")
	if grid := strings.Join(lines[:len(lines)-2], "\n"); !strings.Contains(grid, sel) {
		t.Fatalf("selected %q not in the grid:\n%s", sel, grid)
	}
	for range 20 {
		m = press(m, "right")
	}
	if !strings.Contains(m.Render(), "Q00") {
		t.Fatal("last column not scrolled into view")
	}
}

func TestColors(t *testing.T) {
	src := &fakeSource{snap: testClass()}
	m := New(Config{Tr: i18n.New(i18n.FR), Src: src, Now: func() time.Time { return now }})
	m, _ = m.Update(snapshotMsg{snap: src.snap})
	if !strings.Contains(m.Render(), "\x1b[38") {
		t.Fatal("colored board has no colors")
	}
}

func TestDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "30\u00a0s", 12 * time.Minute: "12\u00a0min", 65 * time.Minute: "1\u00a0h\u00a005",
	} {
		if got := duration(true, d); got != want {
			t.Errorf("duration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestInstructorActions(t *testing.T) {
	m, src := newTestModel(i18n.FR, 80, 24)
	m = press(m, "b")
	for _, r := range "Pause café" {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	if !strings.Contains(m.Render(), "Pause café") {
		t.Fatal("the banner being typed is not shown")
	}
	m = press(m, "enter")
	if src.state.Banner != "Pause café" {
		t.Fatalf("banner %q", src.state.Banner)
	}
	m = press(m, "L")
	if len(src.state.LockedSolutions) != 1 || src.state.LockedSolutions[0] != "inspect" {
		t.Fatalf("locks %v", src.state.LockedSolutions)
	}
	m = press(m, "t")
	if !src.state.Countdown.Equal(now.Add(CountdownLength)) {
		t.Fatalf("countdown %v", src.state.Countdown)
	}
	m = press(m, "r")
	if !src.state.LookUp.After(now) {
		t.Fatal("no look-up request")
	}
	m, _ = m.Update(snapshotMsg{snap: src.snap, state: src.state})
	if !strings.Contains(m.Render(), "15 min") {
		t.Fatalf("countdown not in the title:\n%s", m.Render())
	}
	m = press(m, "b")
	for range 20 {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	press(m, "enter")
	if src.state.Banner != "" {
		t.Fatalf("banner not cleared: %q", src.state.Banner)
	}
}
