package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs/catalog"
	"kubetutor/tui/common"
	"kubetutor/tui/home"
)

// lightLabs lists one lab and hands it over, as the light binary's source does.
type lightLabs struct{}

func (lightLabs) Labs() []*catalog.Lab {
	return []*catalog.Lab{{ID: "demo", Title: catalog.Text{"fr": "Les nœuds"}, Steps: []string{"one"}}}
}
func (lightLabs) Open(id string) (LabOpener, error) {
	return nil, &HandOver{Target: OpenLabPrefix + id}
}

// TestHandOverEndsTheProgram: in the light root (no lab, map or cluster screen), opening
// one quits the program and says what the full binary must open; without EnableHandOver
// a missing source keeps the screen shut, as before.
func TestHandOverEndsTheProgram(t *testing.T) {
	for _, tt := range []struct {
		name string
		msg  tea.Msg
		want string
	}{
		{"lab", common.OpenLabMsg{Lab: "demo"}, "lab:demo"},
		{"map", common.OpenMapMsg{}, OpenMapTarget},
		{"cluster", common.OpenClusterMsg{}, OpenClusterTarget},
		{"workshop join form", home.JoinMsg{}, OpenJoinTarget},
	} {
		hs := newHarness(t, i18n.FR, 100, 30, common.OpenChapterMsg{}, nil)
		root := hs.m.(Model)
		root.SetLabSource(lightLabs{})
		root.EnableHandOver(nil)
		hs.m = root
		hs.send(tt.msg)
		got := hs.m.(Model)
		if !hs.quit || got.HandOverTarget() != tt.want {
			t.Errorf("%s: quit %v, target %q; want %q", tt.name, hs.quit, got.HandOverTarget(), tt.want)
		}
		if ch, _ := got.HandOverReader(); ch != "" {
			t.Errorf("%s: from home, the reader %q is handed over", tt.name, ch)
		}
	}
	hs := newHarness(t, i18n.FR, 100, 30, common.OpenChapterMsg{}, nil)
	hs.send(common.OpenMapMsg{})
	if hs.quit || hs.m.(Model).HandOverTarget() != "" {
		t.Errorf("without EnableHandOver, a missing map source quit (%v) or handed over", hs.quit)
	}
}

// TestHandOverFromTheReaderKeepsItsPlace: m in a map section of the reader hands the
// map over with the chapter and the section, for the full binary to reopen under it.
func TestHandOverFromTheReaderKeepsItsPlace(t *testing.T) {
	hs := newHarness(t, i18n.FR, 100, 30, common.OpenChapterMsg{Chapter: "00", Section: "00-02-02-etcd"}, nil)
	root := hs.m.(Model)
	root.EnableHandOver(nil)
	hs.m = root
	hs.keys("m")
	got := hs.m.(Model)
	ch, sec := got.HandOverReader()
	if !hs.quit || got.HandOverTarget() != OpenMapTarget || ch != "00" || sec != "00-02-02-etcd" {
		t.Errorf("quit %v, target %q, reader %q %q", hs.quit, got.HandOverTarget(), ch, sec)
	}
}

// TestHandOverUnavailableStaysAndSaysWhy: without the full binary, opening a lab keeps
// the program running and the home screen says what to reinstall.
func TestHandOverUnavailableStaysAndSaysWhy(t *testing.T) {
	hs := newHarness(t, i18n.FR, 100, 30, common.OpenChapterMsg{}, nil)
	root := hs.m.(Model)
	root.SetLabSource(lightLabs{})
	root.EnableHandOver(func() error {
		return i18n.FailErr(nil, "handover.missing", "Name", "kubetutor-lab", "Tried", "/x/kubetutor-lab")
	})
	hs.m = root
	hs.send(common.OpenLabMsg{Lab: "demo"})
	if hs.quit || hs.m.(Model).HandOverTarget() != "" {
		t.Fatalf("quit %v, target %q: the program ended for nothing", hs.quit, hs.m.(Model).HandOverTarget())
	}
	if scr := hs.screen(); !strings.Contains(strings.Join(strings.Fields(scr), " "), "Réinstallez kubetutor") {
		t.Errorf("the home screen does not say what to reinstall:\n%s", scr)
	}
}
