package lab

import (
	"strconv"
	"strings"

	"kubetutor/tui/render"
)

// renderCache keeps the last rendered Markdown by text, style and width: the body is
// rendered again only when one of them changes.
type renderCache struct {
	entries map[string]string
}

// markdown renders md with glamour at width cells, without the blank lines glamour puts
// around it.
func (c *renderCache) markdown(md string, style render.Style, width int) string {
	if style == render.Auto {
		style = render.Dark
	}
	width = max(width, render.MinWidth)
	k := string(style) + "|" + strconv.Itoa(width) + "|" + md
	if s, ok := c.entries[k]; ok {
		return s
	}
	r, err := render.NewRenderer(style, width)
	out := md
	if err == nil {
		if s, err := render.Markdown(r, md, width); err == nil {
			out = strings.Trim(s, "\n")
		}
	}
	lines := strings.Split(out, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	out = strings.Join(lines, "\n")
	if c.entries == nil || len(c.entries) > 64 {
		c.entries = map[string]string{}
	}
	c.entries[k] = out
	return out
}
