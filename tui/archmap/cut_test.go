package archmap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
	"kubetutor/tui/render"
)

// TestScreenFooterCutsNothing: the map screen's notice and help (the last rows of its
// goldens, every size) never end on « … »: a key past the edge would be hidden.
func TestScreenFooterCutsNothing(t *testing.T) {
	files, _ := filepath.Glob("testdata/screen-*.golden")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i, l := range lines[max(len(lines)-4, 0):] {
			if strings.HasSuffix(strings.TrimRight(l, " │┆"), "…") {
				t.Errorf("%s: footer row %d is cut: %q", f, i+1, l)
			}
		}
	}
}

// TestGoldensCutNoLabel: no golden of the map, on any row, holds « … ». A label cut
// inside the drawing is followed by a border or by more of the drawing, not by the end of
// the line: the footer check above could not see those.
func TestGoldensCutNoLabel(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.golden")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, "…") {
				t.Errorf("%s:%d holds a cut label: %q", f, i+1, strings.TrimRight(l, " "))
			}
		}
	}
}

// TestDrawCutsNoLabel draws every fixture state in both languages at sizes between and
// beyond the goldens' (both forms, each side of the full form's threshold, and the
// narrower map beside the lab's shell): no label is ever cut with « … ».
func TestDrawCutsNoLabel(t *testing.T) {
	states := map[string]func() mapstate.State{
		"healthy3": func() mapstate.State { return healthy(2, 6) }, "notready": notReady, "etcd": etcdRestarting,
		"unreachable": unreachable, "nodes6": func() mapstate.State { return healthy(6, 40) },
		"nodes50": func() mapstate.State { return healthy(49, 2000) }, "static": StaticState,
		"cpdown": controlPlaneDown, "crashloop": crashLoop,
	}
	var sizes [][2]int
	for _, h := range []int{24, 30, 34, 40, 60} {
		for w := 80; w <= 200; w += 6 {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	sizes = append(sizes, [2]int{109, 40}, [2]int{110, 34}, [2]int{110, 33}, [2]int{240, 70})
	for w := 40; w < 80; w += 4 { // the map beside the lab's shell
		sizes = append(sizes, [2]int{w, 40})
	}
	for name, st := range states {
		s := st()
		for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
			for _, sz := range sizes {
				f := Draw(s, options(lang, render.NoTTY, sz[0], sz[1]))
				for i, l := range strings.Split(ansi.Strip(f.View), "\n") {
					if strings.Contains(l, "…") {
						t.Errorf("%s %s %dx%d row %d: a cut label: %q", name, lang, sz[0], sz[1], i, strings.TrimRight(l, " "))
					}
				}
			}
		}
	}
}
