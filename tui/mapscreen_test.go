package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/tui/archmap"
	"kubetutor/tui/common"
	"kubetutor/tui/full"
	"kubetutor/tui/render"
)

// staticMap is a map source without a cluster.
type staticMap struct{}

func (staticMap) Config() MapOpener {
	return func(c *common.Common) MapScreen { return full.NewMap(c, archmap.Config{Notice: "pas de cluster"}) }
}

func TestMapFromHomeToReaderAndBack(t *testing.T) {
	hs := newHarness(t, i18n.FR, 120, 40, common.OpenChapterMsg{}, nil)
	root := hs.m.(Model)
	root.SetMapSource(staticMap{})
	hs.m = root
	hs.keys("m")
	if s := hs.screen(); !strings.Contains(s, "Architecture du chapitre · sans cluster") || !strings.Contains(s, "pas de cluster") {
		t.Fatalf("m on the home screen did not open the static map:\n%s", s)
	}
	golden(t, "map-static-fr-120x40.golden", trimRight(hs.screen())+"\n")
	hs.keys("tab", "tab", "enter") // kube-apiserver's details
	if s := hs.screen(); !strings.Contains(s, "↵ lire § 2.1 du chapitre") {
		t.Fatalf("no link to § 2.1 in the details:\n%s", s)
	}
	hs.keys("enter") // opens the reader there
	if s := hs.screen(); !strings.Contains(s, "2.1 kube-apiserver") || strings.Contains(s, "sans cluster") {
		t.Fatalf("the reader did not open on § 2.1:\n%s", s)
	}
	hs.keys("esc") // back returns to the map
	if s := hs.screen(); !strings.Contains(s, "sans cluster") {
		t.Fatalf("back from the reader did not return to the map:\n%s", s)
	}
	hs.keys("esc", "esc") // close the details, then leave the map
	if s := hs.screen(); !strings.Contains(s, "Architecture de Kubernetes") || strings.Contains(s, "sans cluster") {
		t.Fatalf("esc on the map did not return home:\n%s", s)
	}
	// The reader opened from home goes back home, not to the map.
	hs.keys("enter", "esc")
	if s := hs.screen(); strings.Contains(s, "sans cluster") {
		t.Errorf("back from a reader opened at home showed the map:\n%s", s)
	}
}

func TestMapFromTheReaderOnSections2To4(t *testing.T) {
	hs := newHarness(t, i18n.FR, 120, 40, common.OpenChapterMsg{}, nil)
	root := hs.m.(Model)
	root.SetMapSource(staticMap{})
	hs.m = root
	hs.keys("enter") // the reader on chapter 00, at its top
	hs.keys("m")
	if s := hs.screen(); strings.Contains(s, "sans cluster") {
		t.Fatalf("m above section 2 opened the map:\n%s", s)
	}
	for i := 0; i < 10; i++ {
		if id, _ := hs.m.(Model).reader.CurrentSection(); id == "00-02-plan-controle" {
			break
		}
		hs.keys("]")
	}
	s := hs.screen()
	if id, _ := hs.m.(Model).reader.CurrentSection(); id != "00-02-plan-controle" {
		t.Fatalf("never reached section 2 (at %q):\n%s", id, s)
	}
	if !strings.Contains(s, "m\u00a0: voir cette architecture sur la carte en direct") {
		t.Errorf("no map line under section 2's title:\n%s", s)
	}
	hs.keys("m")
	if s := hs.screen(); !strings.Contains(s, "sans cluster") {
		t.Fatalf("m on section 2 did not open the map:\n%s", s)
	}
	hs.keys("esc") // back to the reader, where it was
	if id, _ := hs.m.(Model).reader.CurrentSection(); id != "00-02-plan-controle" || strings.Contains(hs.screen(), "sans cluster") {
		t.Errorf("back from the map did not return to the reader on section 2 (%q):\n%s", id, hs.screen())
	}
}

func TestMapOnTheLabScreen(t *testing.T) {
	hs := newHarness(t, i18n.FR, 120, 40, common.OpenChapterMsg{}, nil)
	lab := &labs.Lab{ID: "demo", Title: labs.Text{"fr": "Les nœuds"},
		Steps: []*labs.Step{{ID: "one", Instructions: labs.Text{"fr": "Listez les nœuds."}}}}
	root := hs.m.(Model)
	root.SetLabSource(fakeLabs{lab})
	root.SetMapSource(staticMap{})
	hs.m = root
	hs.keys("down", "enter")
	hs.keys("m") // the shell has the focus: m is typed in it
	if s := hs.screen(); strings.Contains(s, "Architecture du chapitre") {
		t.Fatalf("m in the shell opened the map:\n%s", s)
	}
	hs.send(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}) // focus on the instructions
	hs.keys("m")
	s := hs.screen()
	if !strings.Contains(s, "Architecture du chapitre") || strings.Contains(s, "Listez les nœuds") {
		t.Fatalf("m did not put the map instead of the instructions:\n%s", s)
	}
	if hs.m.(Model).screen != ScreenLab {
		t.Errorf("screen %v, want the lab screen", hs.m.(Model).screen)
	}
	golden(t, "lab-map-fr-120x40.golden", trimRight(s)+"\n")
	hs.keys("m")
	if s := hs.screen(); !strings.Contains(s, "Listez les nœuds") {
		t.Errorf("m again did not bring the instructions back:\n%s", s)
	}
}

// TestMapStyleChangeBeforeAndAfterOpening: the terminal's background color arrives
// before the map was ever opened (it crashed the root), and while it is open.
func TestMapStyleChangeBeforeAndAfterOpening(t *testing.T) {
	hs := newHarness(t, i18n.FR, 120, 40, common.OpenChapterMsg{}, nil)
	root := hs.m.(Model)
	root.c.Style = render.Auto
	root.SetMapSource(staticMap{})
	hs.m = root
	hs.send(styleTimeoutMsg{}) // no answer from the terminal: the dark style
	hs.keys("m")
	root = hs.m.(Model)
	root.c.Style = render.Auto
	hs.m = root
	hs.send(styleTimeoutMsg{})
	if s := hs.screen(); !strings.Contains(s, "Architecture du chapitre") {
		t.Fatalf("the map is not shown after the style change:\n%s", s)
	}
}
