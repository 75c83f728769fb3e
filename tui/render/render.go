// Package render turns a chapter's Markdown into terminal lines with glamour, and keeps
// where each section starts so the reader can jump to it and keep its place when the
// width changes. Rendering is slow next to a frame (milliseconds): the TUI calls it from a
// tea.Cmd and caches the result per width.
package render

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/lessons"
)

// Style is a glamour style name.
type Style string

// The styles kubetutor renders with. Auto means "pick from the terminal's background".
const (
	Auto  Style = ""
	Dark  Style = "dark"
	Light Style = "light"
	NoTTY Style = "notty"
)

// Styles lists the styles a student can force with --style.
var Styles = []Style{Dark, Light, NoTTY}

// ParseStyle maps a --style value to a Style; ok is false for an unknown name. The empty
// string and "auto" are Auto.
func ParseStyle(s string) (Style, bool) {
	switch s {
	case "", "auto":
		return Auto, true
	}
	for _, st := range Styles {
		if string(st) == s {
			return st, true
		}
	}
	return Auto, false
}

// MinWidth is the narrowest text width rendered; narrower requests are widened.
const MinWidth = 20

// Anchor marks the first line of a section in a Doc.
type Anchor struct {
	ID   string
	Line int
}

// Doc is a rendered chapter (or section) at one width and style.
type Doc struct {
	Style Style
	Width int
	// Lines are the rendered lines, with ANSI styles; Plain are the same without them.
	Lines []string
	Plain []string
	// Anchors are the sections' first lines in document order. The chapter's title
	// block, before the first section, has no anchor.
	Anchors []Anchor
}

// Chapter renders a whole chapter.
func Chapter(ch *lessons.Chapter, style Style, width int) (*Doc, error) {
	return renderParts(chapterParts(ch, nil), style, width, withPlain)
}

// Section renders one section with its subsections.
func Section(s *lessons.Section, style Style, width int) (*Doc, error) {
	return renderParts(sectionParts(s), style, width, withPlain)
}

// ChapterText renders a whole chapter as Chapter(…).String() would, for `read --print`,
// which writes it once and exits: without the plain copy of the lines.
func ChapterText(ch *lessons.Chapter, style Style, width int) (string, error) {
	d, err := renderParts(chapterParts(ch, nil), style, width, textOnly)
	if err != nil {
		return "", err
	}
	return d.String(), nil
}

// SectionText renders one section as Section(…).String() would, as ChapterText does.
func SectionText(s *lessons.Section, style Style, width int) (string, error) {
	d, err := renderParts(sectionParts(s), style, width, textOnly)
	if err != nil {
		return "", err
	}
	return d.String(), nil
}

// chapterParts are the chapter's intro and sections, each section's note (section id →
// text) in italics under its heading.
func chapterParts(ch *lessons.Chapter, notes map[string]string) []part {
	all := ch.All()
	parts := make([]part, 0, len(all)+1)
	parts = append(parts, part{md: ch.Intro})
	for _, s := range all {
		md := s.Markdown
		if note, ok := notes[s.ID]; ok {
			head, rest, _ := strings.Cut(md, "\n")
			md = head + "\n\n*" + note + "*\n" + rest
		}
		parts = append(parts, part{id: s.ID, md: md})
	}
	return parts
}

// sectionParts are a section and its subsections.
func sectionParts(s *lessons.Section) []part {
	parts := []part{{id: s.ID, md: s.Markdown}}
	for _, sub := range s.Subsections {
		parts = append(parts, part{id: sub.ID, md: sub.Markdown})
	}
	return parts
}

type part struct {
	id, md string
}

// mode says what renderParts fills: withPlain (the reader, which searches the text)
// also fills Doc.Plain; textOnly is for a text printed once.
type mode int

const (
	withPlain mode = iota
	textOnly
)

// renderParts renders the parts and stacks them one blank line apart, recording where
// each part starts, and fills Plain in withPlain mode. The parts are spread over the
// CPUs (one glamour renderer per worker: a renderer is not safe for concurrent use).
// For read --print too: paired with glow (bench/paired.py, 80 runs), one worker took
// 1.08x glow's wall time and 1.13x its CPU, two workers 0.99x and 1.07x; a student
// waits for the wall time.
func renderParts(parts []part, style Style, width int, m mode) (*Doc, error) {
	if style == Auto {
		style = Dark
	}
	width = max(width, MinWidth)
	workers := min(runtime.GOMAXPROCS(0), maxWorkers, len(parts))
	out, err := renderEach(parts, style, width, workers)
	if err != nil {
		return nil, err
	}
	n := 2
	for _, lines := range out {
		n += len(lines) + 1
	}
	d := &Doc{Style: style, Width: width, Lines: make([]string, 1, n)}
	for i, lines := range out {
		if len(lines) == 0 {
			continue
		}
		if len(d.Lines) > 1 {
			d.Lines = append(d.Lines, "")
		}
		if parts[i].id != "" {
			d.Anchors = append(d.Anchors, Anchor{ID: parts[i].id, Line: len(d.Lines)})
		}
		d.Lines = append(d.Lines, lines...)
	}
	d.Lines = append(d.Lines, "")
	if m == withPlain {
		d.Plain = make([]string, len(d.Lines))
		for i, l := range d.Lines {
			d.Plain[i] = strings.TrimRight(ansi.Strip(l), " ")
		}
	}
	return d, nil
}

// renderEach renders each part on its own, its lines without the blank lines around
// them, with workers goroutines.
func renderEach(parts []part, style Style, width, workers int) ([][]string, error) {
	out := make([][]string, len(parts))
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		fail error
		next atomic.Int64
	)
	work := func() {
		r, err := NewRenderer(style, width)
		for err == nil {
			i := int(next.Add(1)) - 1
			if i >= len(parts) {
				return
			}
			if strings.TrimSpace(parts[i].md) == "" {
				continue
			}
			var lines []string
			if lines, err = markdownLines(r, parts[i].md, width); err == nil {
				out[i] = trimBlank(lines)
			}
		}
		mu.Lock()
		fail = err
		mu.Unlock()
	}
	if workers <= 1 {
		work()
	} else {
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				work()
			}()
		}
		wg.Wait()
	}
	return out, fail
}

// Markdown renders md with r, a glamour renderer that wraps at width: every screen and
// --print render through it, so inline code is never split at a hyphen (nor inside a
// command that fits the width) and an escaped tilde shows as a tilde.
func Markdown(r *glamour.TermRenderer, md string, width int) (string, error) {
	lines, err := markdownLines(r, md, width)
	if err != nil {
		return "", err
	}
	return strings.Join(lines, "\n"), nil
}

// markdownLines is Markdown, line by line.
func markdownLines(r *glamour.TermRenderer, md string, width int) ([]string, error) {
	s, err := r.Render(protect(md, width))
	if err != nil {
		return nil, err
	}
	lines := hangLines(strings.Split(s, "\n"))
	for i, l := range lines {
		lines[i] = restore(l)
	}
	return lines, nil
}

// maxWorkers bounds the rendering goroutines.
const maxWorkers = 4

// blank reports whether a styled line shows nothing.
func blank(line string) bool { return strings.TrimSpace(ansi.Strip(line)) == "" }

// trimBlank drops the blank lines glamour puts around a document.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// String returns the document as text, one line per rendered line.
func (d *Doc) String() string {
	return strings.Join(d.Lines, "\n") + "\n"
}

// Line returns the first line of the section id.
func (d *Doc) Line(id string) (int, bool) {
	for _, a := range d.Anchors {
		if a.ID == id {
			return a.Line, true
		}
	}
	return 0, false
}

// At returns the index in Anchors of the section that holds line, or -1 before the
// first section.
func (d *Doc) At(line int) int {
	idx := -1
	for i, a := range d.Anchors {
		if a.Line > line {
			break
		}
		idx = i
	}
	return idx
}

// End returns the last line of the section at Anchors[i].
func (d *Doc) End(i int) int {
	if i+1 < len(d.Anchors) {
		return d.Anchors[i+1].Line - 1
	}
	return len(d.Lines) - 1
}
