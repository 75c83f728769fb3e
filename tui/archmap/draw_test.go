package archmap

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", name, got)
	}
}

func options(lang i18n.Lang, style render.Style, w, h int) Options {
	return Options{Width: w, Height: h, Tr: i18n.New(lang), Theme: NewTheme(style, common.NewStyles(style)),
		Cluster: "kubetutor", Sections: testSections}
}

var testSections = map[mapstate.Kind]string{
	mapstate.APIServer: "2.1", mapstate.Etcd: "2.2", mapstate.Scheduler: "2.3", mapstate.ControllerManager: "2.4",
	mapstate.CloudControllerManager: "2.5", mapstate.Kubelet: "3", mapstate.KubeProxy: "4.2",
	mapstate.CNI: "4.1", mapstate.Runtime: "3", kindKubectl: "2.1", kindPod: "1",
}

// plain is a frame's text without attributes: the goldens show the layout.
func plain(f Frame) string { return ansi.Strip(f.View) + "\n" }

func TestDrawGoldens(t *testing.T) {
	states := map[string]func() mapstate.State{
		"healthy3":    func() mapstate.State { return healthy(2, 6) },
		"notready":    notReady,
		"etcd":        etcdRestarting,
		"unreachable": unreachable,
		"nodes6":      func() mapstate.State { return healthy(6, 40) },
		"nodes50":     func() mapstate.State { return healthy(49, 2000) },
		"static":      StaticState,
	}
	sizes := []struct{ w, h int }{{80, 24}, {120, 40}, {200, 60}}
	for name, st := range states {
		for _, sz := range sizes {
			for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
				if lang == i18n.EN && name != "healthy3" && name != "notready" {
					continue
				}
				id := name + "-" + string(lang) + "-" + itoa(sz.w) + "x" + itoa(sz.h)
				t.Run(id, func(t *testing.T) {
					f := Draw(st(), options(lang, render.NoTTY, sz.w, sz.h))
					checkFits(t, f.View, sz.w, sz.h)
					golden(t, id, plain(f))
				})
			}
		}
	}
}

// checkFits fails when a frame is wider or taller than its window.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d lines for a height of %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > min(w, MaxWidth) {
			t.Errorf("line %d is %d wide for a width of %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}

var colorSGR = regexp.MustCompile(`\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;m]`)

// TestDrawNoColor draws with the dark theme through the writer NO_COLOR selects: no color
// is left, and the glyphs and words still tell each state.
func TestDrawNoColor(t *testing.T) {
	var buf bytes.Buffer
	// A terminal with NO_COLOR gets the Ascii profile (attributes, no color), as Bubble
	// Tea and the --once writer pick it.
	profile := colorprofile.Env([]string{"NO_COLOR=1", "TERM=xterm-256color"})
	if profile != colorprofile.Ascii {
		t.Fatalf("NO_COLOR gives profile %v, want Ascii", profile)
	}
	w := colorprofile.NewWriter(&buf, nil)
	w.Profile = profile
	f := Draw(notReady(), options(i18n.FR, render.Dark, 120, 40))
	if !colorSGR.MatchString(f.View) {
		t.Fatal("the dark theme drew no color: the test proves nothing")
	}
	if _, err := w.WriteString(f.View); err != nil {
		t.Fatal(err)
	}
	if m := colorSGR.FindString(buf.String()); m != "" {
		t.Errorf("a color is left with NO_COLOR: %q", m)
	}
	for _, want := range []string{"✗ NotReady", "● prêt", "○ absent sur kind", "▫", "en attente d’un nœud"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("monochrome frame lacks %q", want)
		}
	}
	golden(t, "nocolor-fr-120x40", ansi.Strip(buf.String())+"\n")
}

// TestDrawKubectlArrowFlashes: the kubectl → apiserver arrow takes the flash style just
// after a kubectl flow, in the full and the compact forms: only the arrow's rows change
// (the REST label and the arrow), and nothing once the flash is past.
func TestDrawKubectlArrowFlashes(t *testing.T) {
	tr := mt.Cluster{Workers: 2, Pods: 2}.Tracker()
	at := t0.Add(time.Minute)
	for _, tc := range []struct {
		w, h int
		rows []int // the rows of the arrow
	}{{120, 40, []int{3, 4}}, {80, 24, []int{2}}} {
		o := options(i18n.FR, render.Dark, tc.w, tc.h)
		dark := tr.Snapshot(at)
		tr2 := mt.Cluster{Workers: 2, Pods: 2}.Tracker()
		tr2.KubectlRan(at.Add(-time.Second))
		lit, past := tr2.Snapshot(at), tr2.Snapshot(at.Add(2*time.Second))
		// The same state but the flow: compare rows.
		lit.At, past.At = dark.At, dark.At.Add(2*time.Second)
		base := strings.Split(Draw(dark, o).View, "\n")
		got := strings.Split(Draw(lit, o).View, "\n")
		var changed []int
		for i := range base {
			if base[i] != got[i] {
				changed = append(changed, i)
			}
		}
		if fmt.Sprint(changed) != fmt.Sprint(tc.rows) {
			t.Errorf("%dx%d: rows %v changed with a kubectl flow, want the arrow's %v", tc.w, tc.h, changed, tc.rows)
		}
		if ansi.Strip(strings.Join(got, "\n")) != ansi.Strip(strings.Join(base, "\n")) {
			t.Errorf("%dx%d: the lit arrow changed the text, not only its style", tc.w, tc.h)
		}
		pastView := strings.Split(Draw(past, o).View, "\n")
		for _, r := range tc.rows {
			if pastView[r] != base[r] {
				t.Errorf("%dx%d: row %d still lit 2 s after kubectl ran", tc.w, tc.h, r)
			}
		}
	}
}
