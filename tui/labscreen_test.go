package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/labs/catalog"
	"kubetutor/tui/common"
	tuilab "kubetutor/tui/lab"
)

// fakeLabs is a lab source with one lab, no cluster and no shell process.
type fakeLabs struct{ lab *labs.Lab }

func (f fakeLabs) Labs() []*catalog.Lab { return catalogOf(f.lab) }

func (f fakeLabs) Open(id string) (LabOpener, error) {
	return labOpener(tuilab.Config{Lab: f.lab, Problem: i18n.M("labscreen.nocluster")}), nil
}

func TestLabFromHome(t *testing.T) {
	hs := newHarness(t, i18n.FR, 80, 24, common.OpenChapterMsg{}, nil)
	lab := &labs.Lab{ID: "demo", Title: labs.Text{"fr": "Les nœuds"},
		Steps: []*labs.Step{{ID: "one", Instructions: labs.Text{"fr": "Listez les nœuds."}}}}
	root := hs.m.(Model)
	root.SetLabSource(fakeLabs{lab})
	hs.m = root
	if scr := hs.screen(); !strings.Contains(scr, "Travaux pratiques") || !strings.Contains(scr, "Les nœuds") {
		t.Fatalf("home does not list the labs:\n%s", scr)
	}
	hs.keys("down", "enter")
	scr := hs.screen()
	if !strings.Contains(scr, "TP · Les nœuds") || !strings.Contains(scr, "Pas de cluster du tutoriel") {
		t.Fatalf("the lab screen did not open:\n%s", scr)
	}
	// The shell has the focus: ctrl+c and q are the shell's.
	hs.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	hs.keys("q")
	if hs.quit {
		t.Fatal("ctrl+c or q in the shell quit kubetutor")
	}
	hs.send(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
	hs.keys("esc")
	if scr := hs.screen(); !strings.Contains(scr, "Travaux pratiques") || hs.m.(Model).screen != ScreenHome {
		t.Fatalf("esc did not go back home:\n%s", scr)
	}
}
