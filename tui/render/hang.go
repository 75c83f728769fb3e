package render

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// hang gives the wrapped lines of a list item a hanging indent: glamour starts a list
// item's continuation lines under its bullet or number (upstream issue
// charmbracelet/glamour#56), so « 2. Nommer … du plan de » went on with « contrôle … » at
// the bullet's column, where the eye reads it as a new paragraph. Each item whose text
// wraps is wrapped again, its continuation lines under the item's first word; no line
// grows beyond the widest line of the item.
func hang(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.Join(hangLines(strings.Split(s, "\n")), "\n")
}

// hangLines is hang on a rendered text's lines. It returns lines itself when no item
// wraps, and only looks at the start of a line's plain text (plainHead) to find items.
func hangLines(lines []string) []string {
	var out []string // nil until an item is wrapped again
	for i := 0; i < len(lines); {
		var (
			indent, marker int
			ok             bool
		)
		if mayStartItem(lines[i]) {
			indent, marker, ok = listItem(plainHead(lines[i]))
		}
		j := i + 1
		for ok && j < len(lines) && continues(plainHead(lines[j]), indent) {
			j++
		}
		if j == i+1 {
			if out != nil {
				out = append(out, lines[i])
			}
			i = j
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(lines)+8), lines[:i]...)
		}
		out = append(out, rewrap(lines[i:j], indent, marker)...)
		i = j
	}
	if out == nil {
		return lines
	}
	return out
}

// mayStartItem is false when a styled line's first visible character, past its blanks,
// can start no list marker (« • » or a digit); true when it may, or when firstVisible
// cannot tell (plainHead then decides).
func mayStartItem(line string) bool {
	c, known := firstVisible(line)
	return !known || c == "•"[0] || (c >= '0' && c <= '9')
}

// firstVisible returns the first byte of a styled line's plain text past its blanks (0
// for a blank line), found without copying the line. known is false when the line holds
// anything but SGR-like CSI sequences before it.
func firstVisible(line string) (c byte, known bool) {
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ':
			i++
		case c == '\x1b':
			if i+1 >= len(line) || line[i+1] != '[' {
				return 0, false
			}
			j := i + 2
			for j < len(line) && line[j] >= 0x20 && line[j] <= 0x3f {
				j++
			}
			if j >= len(line) || line[j] < 0x40 || line[j] > 0x7e {
				return 0, false
			}
			i = j + 1
		default:
			return c, true
		}
	}
	return 0, true
}

// headBytes is how much of a line's plain text, after its indent, listItem and continues
// need: a marker is at most « 123. » and a space.
const headBytes = 8

// plainHead returns the start of a styled line's plain text: its leading spaces and at
// least headBytes bytes after them, or all of it. ansi.Strip works byte by byte, so the
// plain text of a line's first bytes is the start of the line's plain text, and most
// lines need only their first few dozen bytes stripped, not the whole line.
func plainHead(line string) string {
	for k := 64; k < len(line); k *= 2 {
		p := ansi.Strip(line[:k])
		if len(strings.TrimLeft(p, " ")) >= headBytes {
			return p
		}
	}
	return ansi.Strip(line)
}

// listItem reports whether the plain line starts a list item: its indent and the width
// of its marker with the space after it (« 1. », « 12. », « • »).
func listItem(plain string) (indent, marker int, ok bool) {
	rest := strings.TrimLeft(plain, " ")
	indent = len(plain) - len(rest)
	if m := markerWidth(rest); m > 0 {
		return indent, m, true
	}
	return 0, 0, false
}

// markerWidth is the width in cells of the list marker rest starts with, space included,
// or 0 when it starts with none.
func markerWidth(rest string) int {
	if strings.HasPrefix(rest, "• ") {
		return 2
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	if digits > 0 && digits < 4 && strings.HasPrefix(rest[digits:], ". ") {
		return digits + 2
	}
	return 0
}

// continues reports whether a plain line goes on with the item above it: glamour puts a
// wrapped line at the item's indent, and anything else (a blank line, a nested list or
// code block indented further, the next item, the next block) ends the item.
func continues(plain string, indent int) bool {
	rest := strings.TrimLeft(plain, " ")
	if strings.TrimSpace(rest) == "" || len(plain)-len(rest) != indent {
		return false
	}
	return markerWidth(rest) == 0
}

// rewrap wraps the item's text again, the first line after its marker and the others
// under it, at the widest line's width, and pads every line to that width as glamour does.
func rewrap(item []string, indent, marker int) []string {
	width := 0
	for _, l := range item {
		width = max(width, ansi.StringWidth(l))
	}
	head := indent + marker
	text := make([]string, 0, len(item))
	for k, l := range item {
		skip := indent
		if k == 0 {
			skip = head
		}
		text = append(text, trimRightCells(ansi.TruncateLeft(l, skip, "")))
	}
	limit := width - head
	if limit < 10 {
		return item
	}
	joined := emptySpans(strings.Join(text, " "))
	wrapped := carryStyles(strings.Split(ansi.Wordwrap(joined, limit, ""), "\n"))
	out := make([]string, len(wrapped))
	pad := strings.Repeat(" ", head)
	for k, w := range wrapped {
		prefix := pad
		if k == 0 {
			prefix = ansi.Truncate(item[0], head, "")
		}
		line := prefix + w
		if gap := width - ansi.StringWidth(line); gap > 0 {
			line += strings.Repeat(" ", gap)
		}
		out[k] = emptySpans(line)
	}
	return out
}

// trimRightCells drops a styled line's trailing blanks (glamour's padding), styles kept.
func trimRightCells(s string) string {
	plain := ansi.Strip(s)
	kept := ansi.StringWidth(strings.TrimRightFunc(plain, unicode.IsSpace))
	if kept == ansi.StringWidth(plain) {
		return s
	}
	return ansi.Truncate(s, kept, "")
}

// carryStyles closes each line's open SGR style at its end and opens it again at the
// start of the next line, so a styled span broken by the wrap keeps its style on both
// lines and never bleeds into the padding or the next block.
func carryStyles(lines []string) []string {
	open := ""
	for k, l := range lines {
		start := open
		open = activeSGR(open, l)
		if start != "" {
			l = start + l
		}
		if open != "" {
			l += "\x1b[m"
		}
		lines[k] = l
	}
	return lines
}

// activeSGR returns the SGR sequences still in effect after s, given those in effect
// before it: every sequence since the last reset.
func activeSGR(before, s string) string {
	active := before
	for i := 0; i < len(s); {
		if s[i] != '\x1b' || i+1 >= len(s) || s[i+1] != '[' {
			i++
			continue
		}
		j := i + 2
		for j < len(s) && (s[j] < 0x40 || s[j] > 0x7e) {
			j++
		}
		if j >= len(s) {
			break
		}
		if s[j] == 'm' {
			if params := s[i+2 : j]; params == "" || params == "0" {
				active = ""
			} else {
				active += s[i : j+1]
			}
		}
		i = j + 1
	}
	return active
}

// emptySpan is a style set and reset at once, around nothing (glamour's padding, once
// trimmed, leaves those); resets in a row are one reset.
var (
	emptySpan   = regexp.MustCompile(`\x1b\[[0-9;]*m\x1b\[0?m`)
	resetsInRow = regexp.MustCompile(`(\x1b\[0?m){2,}`)
)

// emptySpans drops the styles that style nothing: a style set then reset is a reset.
func emptySpans(s string) string {
	for {
		t := emptySpan.ReplaceAllString(s, "\x1b[m")
		if t == s {
			return resetsInRow.ReplaceAllString(s, "\x1b[m")
		}
		s = t
	}
}
