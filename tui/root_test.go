package tui

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/lessons"
	"kubetutor/tui/common"
)

func TestViewGolden(t *testing.T) {
	sizes := [][2]int{{80, 24}, {120, 40}}
	for _, lang := range i18n.Langs {
		for _, sz := range sizes {
			w, h := sz[0], sz[1]
			t.Run(fmt.Sprintf("%s-%dx%d", lang, w, h), func(t *testing.T) {
				hs := newHarness(t, lang, w, h, common.OpenChapterMsg{}, nil)
				golden(t, fmt.Sprintf("home-%s-%dx%d.golden", lang, w, h), trimRight(hs.screen()))

				hs.keys("enter")
				golden(t, fmt.Sprintf("reader-%s-%dx%d.golden", lang, w, h), trimRight(hs.screen()))

				hs.keys(":", "2.2", "enter", "/", "Raft", "enter")
				golden(t, fmt.Sprintf("search-%s-%dx%d.golden", lang, w, h), trimRight(hs.screen()))

				hs.keys("?")
				golden(t, fmt.Sprintf("help-%s-%dx%d.golden", lang, w, h), trimRight(hs.screen()))
			})
		}
	}
}

func TestTooSmall(t *testing.T) {
	hs := newHarness(t, i18n.FR, 60, 20, common.OpenChapterMsg{Chapter: "00"}, nil)
	golden(t, "toosmall-fr-60x20.golden", trimRight(hs.screen()))
	hs.keys("/") // ignored: nothing to type into
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(hs.screen(), "Objectifs pédagogiques") {
		t.Errorf("after growing to 80x24 the chapter is not shown:\n%s", hs.screen())
	}
}

func TestPositionSurvivesRunsAndResizes(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	hs := newHarness(t, i18n.FR, 120, 40, common.OpenChapterMsg{Chapter: "00"}, store)
	hs.keys(":", "4.2", "enter", "down", "down")
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	hs.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	hs.keys("q")
	if !hs.quit {
		t.Fatal("q did not quit")
	}
	doc, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	ch := doc.Chapters["00"]
	if ch == nil || ch.Position == nil || ch.Position.Section != "00-04-02-kube-proxy" {
		t.Fatalf("saved position = %+v, want section 00-04-02-kube-proxy", ch)
	}
	if testing.Verbose() {
		t.Logf("saved %+v", *ch.Position)
	}
	if len(ch.SectionsRead) == 0 {
		t.Error("no section marked read")
	}

	again := newHarness(t, i18n.FR, 120, 40, common.OpenChapterMsg{Chapter: "00"}, store)
	lines := strings.Split(again.screen(), "\n")
	if !strings.Contains(lines[len(lines)-1], "4.2 kube-proxy") || !strings.Contains(lines[1], "iptables") {
		t.Errorf("reopened reader does not start 2 lines below 4.2 kube-proxy:\n%s", again.screen())
	}
}

// BenchmarkFirstFrame measures what happens before the first frame: building the root
// model, Init, the first window size and View. Rendering the chapter is not part of it.
func BenchmarkFirstFrame(b *testing.B) {
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c := &common.Common{Tr: i18n.New(i18n.FR), Log: slog.New(slog.DiscardHandler), Course: course}
		var m tea.Model = New(c, common.OpenChapterMsg{Chapter: "00"}, i18n.Message{})
		_ = m.Init()
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if v := m.View(); !strings.Contains(v.Content, "Sommaire") {
			b.Fatal("first frame lacks the table of contents")
		}
	}
}

// status returns the status bar (the last line of the screen).
func (hs *harness) status() string {
	lines := strings.Split(hs.screen(), "\n")
	return lines[len(lines)-1]
}

func TestReaderNavigation(t *testing.T) {
	hs := newHarness(t, i18n.EN, 120, 40, common.OpenChapterMsg{Chapter: "00", Section: "2"}, nil)
	steps := []struct {
		keys []string
		want string
	}{
		{nil, "2 Plan de contrôle détaillé"},
		{[]string{"right"}, "2.1 kube-apiserver"},
		{[]string{"l", "l"}, "2.3 kube-scheduler"},
		{[]string{"left"}, "2.2 etcd"},
		{[]string{"t", "down", "down", "enter"}, "2.4 kube-controller-manager"},
		{[]string{"tab", "up", "up", "up", "up", "up", "enter"}, "1 Concepts fondamentaux"},
		{[]string{":", "00-09-labs", "enter"}, "9 Laboratoire guidé"},
		{[]string{"G"}, "11 Points clés à retenir"},
	}
	for i, s := range steps {
		hs.keys(s.keys...)
		if got := hs.status(); !strings.Contains(got, s.want) {
			t.Errorf("step %d (%q): status bar %q, want %q", i, s.keys, got, s.want)
		}
	}
	if got := hs.status(); !strings.Contains(got, "100%") {
		t.Errorf("G: status bar %q, want 100%%", got)
	}
	hs.keys("g")
	if got := hs.status(); !strings.Contains(got, " 0%") {
		t.Errorf("g: status bar %q, want 0%%", got)
	}
}

func TestReaderMouseAndMisses(t *testing.T) {
	hs := newHarness(t, i18n.FR, 80, 24, common.OpenChapterMsg{Chapter: "00"}, nil)
	before := hs.screen()
	hs.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if hs.screen() == before {
		t.Error("the mouse wheel did not scroll")
	}
	hs.keys("/", "introuvable", "enter")
	if !strings.Contains(hs.status(), "aucun résultat pour «\u00a0introuvable\u00a0»") {
		t.Errorf("status after a search without match: %q", hs.status())
	}
	hs.keys(":", "99", "enter")
	if !strings.Contains(hs.status(), "section inconnue «\u00a099\u00a0»") {
		t.Errorf("status after going to an unknown section: %q", hs.status())
	}
	hs.keys("esc")
	if !strings.Contains(hs.screen(), "Choisissez un chapitre") {
		t.Errorf("esc did not go back home:\n%s", hs.screen())
	}
}

func TestRecoveredNoticeShows(t *testing.T) {
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	c := &common.Common{Style: "notty", Tr: i18n.New(i18n.FR), Log: slog.New(slog.DiscardHandler), Course: course}
	hs := &harness{t: t, m: New(c, common.OpenChapterMsg{}, i18n.M("tui.progress.recovered", "Path", "p.json.corrupt-1"))}
	hs.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(hs.screen(), "p.json.corrupt-1") {
		t.Errorf("home does not say the progress file was set aside:\n%s", hs.screen())
	}
}
