package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/labs/catalog"
	"kubetutor/tui/common"
)

// contentLabs lists the embedded labs on the home screen (no lab opens).
type contentLabs struct{ all []*labs.Lab }

func (c contentLabs) Labs() []*catalog.Lab { return catalogOf(c.all...) }
func (c contentLabs) Open(string) (LabOpener, error) {
	return nil, fmt.Errorf("not in this test")
}

// The home list scrolls: at every size, in both languages, whatever item is selected
// shows on screen above the footer (Enter never opens an item the student cannot see).
func TestHomeListKeepsTheSelectionVisible(t *testing.T) {
	all, err := labs.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}, {90, 30}} {
			name := fmt.Sprintf("%s-%dx%d", lang, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				hs := newHarness(t, lang, size[0], size[1], common.OpenChapterMsg{}, nil)
				root := hs.m.(Model)
				root.SetLabSource(contentLabs{all})
				hs.m = root
				items := 1 + len(all) // the course's one chapter, then the labs
				for i := 0; i < items; i++ {
					scr := hs.screen()
					lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
					if len(lines) != size[1] {
						t.Fatalf("item %d: %d lines, want %d", i, len(lines), size[1])
					}
					sel := -1
					for j, l := range lines[:len(lines)-1] { // above the footer
						if strings.Contains(l, "▸ ") {
							sel = j
						}
					}
					if sel < 0 {
						t.Fatalf("item %d selected but not on screen:\n%s", i, scr)
					}
					if i > 0 {
						title := all[i-1].Title.In(lang)
						if !strings.Contains(lines[sel], title[:min(len(title), 20)]) {
							t.Fatalf("item %d: the selected line %q is not lab %q", i, lines[sel], title)
						}
					}
					if i == items-1 && size == [2]int{80, 24} {
						golden(t, fmt.Sprintf("home-%s-80x24-lastlab.golden", lang), trimRight(scr))
					}
					hs.keys("down")
				}
			})
		}
	}
}

// The home screen's full help at both sizes and in both languages: every row indented
// alike, nothing cut.
func TestHomeHelpGolden(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			hs := newHarness(t, lang, size[0], size[1], common.OpenChapterMsg{}, nil)
			hs.keys("?")
			scr := trimRight(hs.screen())
			lines := strings.Split(scr, "\n")
			for _, l := range lines {
				if strings.HasSuffix(strings.TrimSpace(l), "…") {
					t.Errorf("%s %v: a help row is cut: %q", lang, size, l)
				}
			}
			for _, l := range lines[len(lines)-5:] { // the help's rows, the first and the others
				if !strings.HasPrefix(l, " ") {
					t.Errorf("%s %v: a help row is not indented: %q", lang, size, l)
				}
			}
			golden(t, fmt.Sprintf("homehelp-%s-%dx%d.golden", lang, size[0], size[1]), scr)
		}
	}
}

// No screen of the goldens (home, reader, help, cluster, lab, at 80x24 and 120x40 in
// both languages) ends a line on « … »: nothing a student reads is cut.
func TestGoldensCutNothing(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.golden")
	more, _ := filepath.Glob("lab/testdata/*.golden")
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasSuffix(strings.TrimRight(l, " │"), "…") {
				t.Errorf("%s:%d is cut: %q", f, i+1, l)
			}
		}
	}
}
