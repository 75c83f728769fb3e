package render

import (
	"testing"

	"charm.land/glamour/v2"
)

// BenchmarkRenderChapter is the render of `kubetutor read 00 --print --width 100 --style
// notty` in-process, against glamour alone on the same Markdown as glow renders it (one
// renderer built per run, the whole document at once, newlines preserved): the pair
// bench/startup.sh compares as whole processes. Profile with -cpuprofile.
func BenchmarkRenderChapter(b *testing.B) {
	ch := chapter(b)
	const width = 100
	b.Run("kubetutor", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU(b, func() {
			for b.Loop() {
				if _, err := Chapter(ch, NoTTY, width); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	md := ch.Markdown()
	b.Run("glamour", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU(b, func() {
			for b.Loop() {
				r, err := glamour.NewTermRenderer(
					glamour.WithStandardStyle(string(NoTTY)),
					glamour.WithWordWrap(width),
					glamour.WithPreservedNewLines(),
				)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := r.Render(md); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
