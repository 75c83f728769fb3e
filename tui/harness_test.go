package tui

import (
	"flag"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/lessons"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// harness drives the root model as the Bubble Tea runtime would, running the commands it
// returns synchronously. A command still running after 5 s is dropped (no command of
// these screens waits: the style timer only runs in auto style).
type harness struct {
	t     *testing.T
	m     tea.Model
	quit  bool
	store *progress.Store
}

func newHarness(t *testing.T, lang i18n.Lang, w, h int, open common.OpenChapterMsg, store *progress.Store) *harness {
	t.Helper()
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{
		Style: render.NoTTY, Tr: i18n.New(lang), Log: slog.New(slog.DiscardHandler),
		Course: course, Store: store,
	}
	hs := &harness{t: t, m: New(c, open, i18n.Message{}), store: store}
	hs.run(hs.m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// send delivers msg and runs the commands that follow.
func (hs *harness) send(msg tea.Msg) {
	var cmd tea.Cmd
	hs.m, cmd = hs.m.Update(msg)
	hs.run(cmd)
}

func (hs *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		hs.t.Log("a command did not return within 5 s; dropped")
		return
	}
	if msg == nil {
		return
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		hs.quit = true
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := 0; i < v.Len(); i++ {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			hs.run(c)
		}
		return
	}
	hs.send(msg)
}

// keys types each key: runes one by one, or named keys ("enter", "esc", "down").
func (hs *harness) keys(keys ...string) {
	for _, k := range keys {
		if code, ok := namedKeys[k]; ok {
			hs.send(tea.KeyPressMsg{Code: code})
			continue
		}
		for _, r := range k {
			hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

var namedKeys = map[string]rune{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "down": tea.KeyDown, "up": tea.KeyUp,
	"pgdown": tea.KeyPgDown, "right": tea.KeyRight, "left": tea.KeyLeft, "tab": tea.KeyTab,
}

// screen returns the view without styles.
func (hs *harness) screen() string {
	return ansi.Strip(hs.m.View().Content)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
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
		t.Errorf("%s differs from the view (go test ./tui -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// trimRight drops trailing spaces, which the golden files do not keep.
func trimRight(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
