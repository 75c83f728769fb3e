package term

import (
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
)

// rowCache keeps each screen row's cells and its rendering: a frame renders again only
// the rows whose cells changed (a key's echo changes one), where the emulator's Render
// renders them all, each time.
type rowCache struct {
	cells [][]uv.Cell
	text  []string
	width []int
}

// row returns row y of the screen rendered with its styles (what the emulator's Render
// gives for it) and how many cells it takes: every cell but the placeholders after wide
// ones, each as wide as it says (the width is read from the cells rather than measured
// on the text, grapheme by grapheme).
func (c *rowCache) row(e *vt.Emulator, y, w int) (string, int) {
	for len(c.cells) <= y {
		c.cells, c.text, c.width = append(c.cells, nil), append(c.text, ""), append(c.width, -1)
	}
	cached := c.cells[y]
	same := len(cached) == w && c.width[y] >= 0
	for x := 0; same && x < w; x++ {
		cell := e.CellAt(x, y)
		if cell == nil {
			same = false
			break
		}
		c := *cell
		unmark(&c)            // a soft wrap's mark (wrap.go) is not drawn
		same = cached[x] == c // stricter than Equal: at worst a row drawn again
	}
	if same {
		return c.text[y], c.width[y]
	}
	if cap(cached) < w {
		cached = make([]uv.Cell, w)
	}
	cached = cached[:w]
	n := 0
	for x := range w {
		cached[x] = uv.Cell{}
		if cell := e.CellAt(x, y); cell != nil {
			cached[x] = *cell
			unmark(&cached[x])
		}
		if !cached[x].IsZero() {
			n += cached[x].Width
		}
	}
	c.cells[y], c.text[y], c.width[y] = cached, uv.Line(cached).Render(), n
	return c.text[y], n
}
