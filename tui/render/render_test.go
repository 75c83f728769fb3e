package render

import (
	"fmt"
	"strings"
	"testing"

	"kubetutor/assets"
	"kubetutor/lessons"
)

func chapter(tb testing.TB) *lessons.Chapter {
	tb.Helper()
	c, err := lessons.Load(assets.FS, "")
	if err != nil {
		tb.Fatal(err)
	}
	return c.Chapters[0]
}

func TestChapterAnchors(t *testing.T) {
	ch := chapter(t)
	for _, w := range []int{80, 120} {
		d, err := Chapter(ch, NoTTY, w)
		if err != nil {
			t.Fatal(err)
		}
		all := ch.All()
		if len(d.Anchors) != len(all) {
			t.Fatalf("width %d: %d anchors, want %d", w, len(d.Anchors), len(all))
		}
		for i, a := range d.Anchors {
			if a.ID != all[i].ID {
				t.Errorf("anchor %d = %s, want %s", i, a.ID, all[i].ID)
			}
			if got := d.Plain[a.Line]; !strings.Contains(got, all[i].Title) || !strings.Contains(got, all[i].Number) {
				t.Errorf("width %d: line %d of %s is %q, want its heading %q", w, a.Line, a.ID, got, all[i].Label())
			}
		}
		for i, l := range d.Plain {
			if len([]rune(l)) > w {
				t.Errorf("width %d: line %d is %d wide", w, i, len([]rune(l)))
			}
			if strings.Contains(l, "{#") {
				t.Errorf("line %d keeps an id: %q", i, l)
			}
		}
		if d.At(d.Anchors[3].Line+1) != 3 || d.At(0) != -1 {
			t.Error("At does not find the section of a line")
		}
	}
}

func TestParseStyle(t *testing.T) {
	for in, want := range map[string]Style{"": Auto, "auto": Auto, "dark": Dark, "light": Light, "notty": NoTTY} {
		if got, ok := ParseStyle(in); !ok || got != want {
			t.Errorf("ParseStyle(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := ParseStyle("pink"); ok {
		t.Error("pink accepted")
	}
}

// BenchmarkRender measures the glamour rendering of the whole chapter, the work the
// reader does in a command once per width.
func BenchmarkRender(b *testing.B) {
	ch := chapter(b)
	for _, style := range []Style{Dark, NoTTY} {
		for _, w := range []int{80, 120} {
			b.Run(fmt.Sprintf("%s/width=%d", style, w), func(b *testing.B) {
				for b.Loop() {
					if _, err := Chapter(ch, style, w); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
