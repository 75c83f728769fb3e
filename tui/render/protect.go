package render

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Placeholders stand for characters glamour must not treat as it would: a hyphen or a
// space inside inline code (glamour's word wrap breaks lines there, splitting a command
// the student is meant to copy: « kubectl get -- » / « raw=… »), and an escaped tilde
// (glamour shows « \~ » with its backslash). They are private-use runes, one cell wide,
// put back after rendering.
const (
	codeHyphen = '\uE000'
	codeSpace  = '\uE001'
	tilde      = '\uE002'
)

// placeholderLead is the first two bytes of every placeholder's UTF-8 encoding (U+E000 to
// U+E002 are EE 80 80 to EE 80 82).
const placeholderLead = "\xee\x80"

// codeMargin is what glamour adds around a line of text (the document's margin and the
// code span's padding): a code span up to width-codeMargin cells is kept on one line.
const codeMargin = 4

// protect prepares md for glamour at width cells: inline code is never broken at a
// hyphen, and is kept whole on one line when it fits in the width (wrapped before it
// instead); a span wider than the width may break at its spaces, between arguments,
// never inside one. « \~ » becomes a tilde. Fenced code blocks are left as they are.
func protect(md string, width int) string {
	var b strings.Builder
	b.Grow(len(md))
	fence := ""
	for _, line := range strings.SplitAfter(md, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			b.WriteString(line)
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if f := fenceOf(trimmed); f != "" {
			fence = f
			b.WriteString(line)
			continue
		}
		b.WriteString(protectLine(line, width))
	}
	return b.String()
}

// fenceOf returns the fence a line opens (``` or ~~~), "" when none.
func fenceOf(line string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(line, f) {
			return f
		}
	}
	return ""
}

// protectLine protects the code spans and escaped tildes of one line of text.
func protectLine(line string, width int) string {
	if !strings.ContainsAny(line, "`\\") {
		return line
	}
	var b strings.Builder
	for i := 0; i < len(line); {
		switch {
		case strings.HasPrefix(line[i:], `\~`):
			b.WriteRune(tilde)
			i += 2
		case line[i] == '\\' && i+1 < len(line):
			b.WriteString(line[i : i+2]) // another escape, kept (\` is no span)
			i += 2
		case line[i] == '`':
			n := 0
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			ticks := line[i : i+n]
			end := closing(line, i+n, n)
			if end < 0 {
				b.WriteString(ticks)
				i += n
				continue
			}
			code := line[i+n : end]
			b.WriteString(ticks + protectCode(code, width) + ticks)
			i = end + n
		default:
			b.WriteByte(line[i])
			i++
		}
	}
	return b.String()
}

// closing returns where the backtick run of length n that closes a span starting at from
// begins, -1 when the span is not closed on this line.
func closing(line string, from, n int) int {
	for i := from; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// protectCode replaces the break points of a code span's content.
func protectCode(code string, width int) string {
	code = strings.ReplaceAll(code, "-", string(codeHyphen))
	if ansi.StringWidth(code) <= width-codeMargin {
		code = strings.ReplaceAll(code, " ", string(codeSpace))
	}
	return code
}

// restore puts back the characters protect replaced, in one copy of s, and none when s
// holds no placeholder (most lines).
func restore(s string) string {
	i := strings.Index(s, placeholderLead)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case codeHyphen:
			b.WriteByte('-')
		case codeSpace:
			b.WriteByte(' ')
		case tilde:
			b.WriteByte('~')
		default:
			b.WriteString(s[i : i+n])
		}
		s = s[i+n:]
		i = strings.Index(s, placeholderLead)
	}
	b.WriteString(s)
	return b.String()
}
