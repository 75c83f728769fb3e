package render

import (
	"testing"

	"charm.land/glamour/v2"
)

// BenchmarkRenderChapter renders the chapter at width 100 in notty: as the reader does
// (kubetutor: Chapter, parallel, with the plain lines), as `kubetutor read 00 --print
// --width 100 --style notty` does (kubetutor-print: ChapterText), and with glamour alone
// on the same Markdown as glow renders it (one renderer built per run, the whole document
// at once, newlines preserved), the pair bench/startup.sh compares as whole processes.
// cpu-ns/op counts every goroutine's CPU time. Profile with -cpuprofile.
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
	b.Run("kubetutor-print", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU(b, func() {
			for b.Loop() {
				if _, err := ChapterText(ch, NoTTY, width); err != nil {
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
