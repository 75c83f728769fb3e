package lab

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
	"kubetutor/tui/term"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fakeRunner records what the screen asks and lets the test emit events.
type fakeRunner struct {
	mu        sync.Mutex
	hints     int
	solutions int
	started   bool
	answer    string
	emit      chan labs.Event
}

func newFakeRunner() *fakeRunner { return &fakeRunner{emit: make(chan labs.Event, 8)} }

func (f *fakeRunner) Start(ctx context.Context, report func(i18n.Message)) error {
	f.mu.Lock()
	f.started = true
	f.mu.Unlock()
	return nil
}

func (f *fakeRunner) Evaluate(ctx context.Context, s *labs.Step) labs.Event {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s.ID == "count-workers" && f.answer == "2" {
		return labs.Event{Step: s.ID, Kind: labs.EventPassed}
	}
	return labs.Event{Step: s.ID, Kind: labs.EventPending, Result: checks.Wait(i18n.M("checks.nodes.none"))}
}

func (f *fakeRunner) Watch(ctx context.Context, _ labs.WatchOptions, emit func(labs.Event)) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev := <-f.emit:
			emit(ev)
		}
	}
}

func (f *fakeRunner) NextHint(*labs.Step) ([]labs.Text, error) {
	f.mu.Lock()
	f.hints++
	f.mu.Unlock()
	return nil, nil
}

func (f *fakeRunner) SetAnswer(s *labs.Step, answer string) error {
	f.mu.Lock()
	f.answer = answer
	f.mu.Unlock()
	return nil
}

func (f *fakeRunner) RevealSolution(s *labs.Step) ([]string, error) {
	f.mu.Lock()
	f.solutions++
	f.mu.Unlock()
	return s.Solution, nil
}

// testLab is a lab made for the screen's tests (the content's labs may change).
func testLab() *labs.Lab {
	return &labs.Lab{
		ID:    "demo",
		Title: labs.Text{"fr": "Les nœuds du cluster", "en": "The cluster's nodes"},
		Steps: []*labs.Step{
			{ID: "list-nodes",
				Instructions: labs.Text{"fr": "Listez les nœuds avec `kubectl get nodes -o wide`.", "en": "List the nodes with `kubectl get nodes -o wide`."},
				Hints:        []labs.Text{{"fr": "`kubectl get` prend le type de ressource.", "en": "`kubectl get` takes the resource type."}},
				Solution:     []string{"kubectl get nodes -o wide"}},
			{ID: "all-ready",
				Instructions: labs.Text{"fr": "Attendez que chaque nœud soit **Ready**.", "en": "Wait until every node is **Ready**."},
				Hints: []labs.Text{
					{"fr": "`kubectl describe node` montre les conditions.", "en": "`kubectl describe node` shows the conditions."},
					{"fr": "Regardez la colonne STATUS.", "en": "Look at the STATUS column."}},
				Solution: []string{"kubectl wait --for=condition=Ready nodes --all"},
				Wait:     &labs.Wait{After: 30 * time.Second, Reason: labs.Text{"fr": "le kubelet doit démarrer", "en": "the kubelet must start"}}},
			{ID: "count-workers", Check: labs.CheckRef{ID: "answer"},
				Instructions: labs.Text{"fr": "Combien de workers ?", "en": "How many workers?"},
				Solution:     []string{"kubectl get nodes --no-headers | wc -l"}},
		},
	}
}

var t0 = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// testNow is the screens' clock in tests (they do not run in parallel); newScreen sets
// it to t0.
var testNow time.Time

// newScreen returns a lab screen of w×h in lang, without a shell process, its clock at
// t0.
func newScreen(t *testing.T, lang i18n.Lang, w, h int, r Runner) Model {
	t.Helper()
	c := &common.Common{Width: w, Height: h, Style: render.NoTTY, Tr: i18n.New(lang), Log: slog.New(slog.DiscardHandler)}
	c.Keys = common.NewKeyMap(c.Tr)
	c.Styles = common.NewStyles(c.Style)
	testNow = t0
	cfg := Config{Lab: testLab(), Now: func() time.Time { return testNow }}
	if r != nil {
		cfg.Runner = r
	} else {
		cfg.Problem = i18n.M("labscreen.nocluster")
	}
	m := New(c, cfg)
	t.Cleanup(m.Close)
	return m
}

// stopShell closes m when the test ends and waits for its shell to exit: bash saves its
// history into the lab shell's directory when SIGHUP reaches it, after Close returned, and
// must be done before the test's TempDir is removed.
func stopShell(t *testing.T, m *Model) {
	t.Helper()
	t.Cleanup(func() {
		m.Close()
		select {
		case <-m.ShellExited():
		case <-time.After(10 * time.Second):
			t.Error("the shell was still running 10 s after Close")
		}
	})
}

// keys types keys: runes one by one, or named keys.
func keys(m Model, ks ...string) Model {
	for _, k := range ks {
		if code, ok := named[k]; ok {
			m, _ = m.Update(code)
			continue
		}
		for _, r := range k {
			m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	return m
}

var named = map[string]tea.KeyPressMsg{
	"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "down": {Code: tea.KeyDown},
	"up": {Code: tea.KeyUp}, "ctrl+o": {Code: 'o', Mod: tea.ModCtrl}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the view (go test ./tui/lab -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// plain returns the view without styles and trailing spaces.
func plain(m Model) string {
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// newTermFor rebuilds the screen's pane after the test changed its configuration.
func newTermFor(m Model) term.Model { return term.New(m.cfg.Shell) }
