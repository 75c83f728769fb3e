package tui

import (
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/tui/archmap"
	"kubetutor/tui/common"
)

// staticMap is a map source without a cluster.
type staticMap struct{}

func (staticMap) Config() archmap.Config { return archmap.Config{Notice: "pas de cluster"} }

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
