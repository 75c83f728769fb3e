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
