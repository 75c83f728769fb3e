package reader

import (
	"testing"
	"unicode"

	"kubetutor/assets"
	"kubetutor/lessons"
	"kubetutor/tui/render"
)

func chapterLines(b *testing.B) []string {
	b.Helper()
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		b.Fatal(err)
	}
	ch, err := course.Chapter("00")
	if err != nil {
		b.Fatal(err)
	}
	d, err := render.Chapter(ch, render.NoTTY, 100)
	if err != nil {
		b.Fatal(err)
	}
	return d.Plain
}

// BenchmarkFind searches the whole chapter, rendered at 100 columns, as one press of
// Enter in the search box does: folded (textfold), with the rune map for the highlight.
func BenchmarkFind(b *testing.B) {
	lines := chapterLines(b)
	for b.Loop() {
		find(lines, "noeud")
	}
}

// BenchmarkFindLowerOnly is the search before folding (lower case only), for comparison.
func BenchmarkFindLowerOnly(b *testing.B) {
	lines := chapterLines(b)
	q := []rune("nœud")
	for b.Loop() {
		for _, l := range lines {
			r := []rune(l)
			for i := range r {
				r[i] = unicode.ToLower(r[i])
			}
			for i := 0; i+len(q) <= len(r); i++ {
				equalRunes(r[i:i+len(q)], q)
			}
		}
	}
}
