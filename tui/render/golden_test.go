package render

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestChapterGolden keeps the rendered chapter byte for byte: what `read --print` writes
// (notty at 100, the bench's width; dark at 60, styles and hanging list items), a section
// as `--section 2.2` prints it, the reader's chapter with its map notes, and where every
// section starts. A change to the render path that changes a byte fails here.
func TestChapterGolden(t *testing.T) {
	ch := chapter(t)
	sec, err := ch.Find("2.2")
	if err != nil {
		t.Fatal(err)
	}
	notes := map[string]string{ch.All()[1].ID: "m : voir cette architecture sur la carte"}
	for _, tc := range []struct {
		name   string
		render func() (*Doc, error)
	}{
		{"chapter-notty-100", func() (*Doc, error) { return Chapter(ch, NoTTY, 100) }},
		{"chapter-dark-60", func() (*Doc, error) { return Chapter(ch, Dark, 60) }},
		{"section-light-80", func() (*Doc, error) { return Section(sec, Light, 80) }},
		{"notes-notty-80", func() (*Doc, error) { return ChapterNotes(ch, NoTTY, 80, notes) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := tc.render()
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, a := range d.Anchors {
				fmt.Fprintf(&b, "anchor %s %d\n", a.ID, a.Line)
			}
			b.WriteString("---\n")
			b.WriteString(d.String())
			for i, p := range d.Plain {
				if want := strings.TrimRight(ansi.Strip(d.Lines[i]), " "); p != want {
					t.Errorf("Plain[%d] = %q, want %q", i, p, want)
				}
			}
			golden(t, tc.name+".golden", b.String())
		})
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
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
		t.Fatalf("%v (run go test ./tui/render -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the render (go test ./tui/render -update rewrites it)", path)
	}
}

// ChapterText and SectionText, what `read --print` writes, are the reader's Doc as text.
func TestTextIsTheDoc(t *testing.T) {
	ch := chapter(t)
	sec, err := ch.Find("2")
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []Style{NoTTY, Dark} {
		for _, w := range []int{MinWidth, 57, 100} {
			d, err := Chapter(ch, style, w)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := ChapterText(ch, style, w); err != nil || got != d.String() {
				t.Errorf("%s at %d: ChapterText differs from Chapter (err %v)", style, w, err)
			}
			d, err = Section(sec, style, w)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := SectionText(sec, style, w); err != nil || got != d.String() {
				t.Errorf("%s at %d: SectionText differs from Section (err %v)", style, w, err)
			}
		}
	}
}

// The dark style prints the same bytes on every run: chroma used to pick the colour of
// a code comment at random between two equally close palette colours.
func TestDarkIsTheSameOnEveryRun(t *testing.T) {
	ch := chapter(t)
	first, err := ChapterText(ch, Dark, 80)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if got, _ := ChapterText(ch, Dark, 80); got != first {
			t.Fatalf("run %d differs from the first", i+2)
		}
	}
}
