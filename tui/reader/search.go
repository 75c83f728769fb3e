package reader

import (
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/mattn/go-runewidth"

	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// match is one search hit: a document line and the cell columns it spans.
type match struct {
	line, start, end int
}

// search is the reader's search: the query, its matches in the current document, and
// the one the student is on.
type search struct {
	query   string
	matches []match
	cur     int
}

// active reports whether a search is shown.
func (s *search) active() bool { return s.query != "" }

// set runs a new query on d.
func (s *search) set(query string, d *render.Doc) {
	s.query = query
	s.cur = 0
	s.refresh(d)
}

// clear ends the search.
func (s *search) clear() { *s = search{} }

// refresh finds the query's matches in d (after a new query or a new width).
func (s *search) refresh(d *render.Doc) {
	s.matches = nil
	if s.query == "" || d == nil {
		return
	}
	s.matches = find(d.Plain, s.query)
	if s.cur >= len(s.matches) {
		s.cur = 0
	}
}

// find returns the case-insensitive matches of query in lines, in cell columns.
func find(lines []string, query string) []match {
	q := lowerRunes(query)
	if len(q) == 0 {
		return nil
	}
	var out []match
	for n, l := range lines {
		r := lowerRunes(l)
		col := 0
		for i := 0; i+len(q) <= len(r); {
			if !equalRunes(r[i:i+len(q)], q) {
				col += runewidth.RuneWidth(r[i])
				i++
				continue
			}
			w := 0
			for _, c := range r[i : i+len(q)] {
				w += runewidth.RuneWidth(c)
			}
			out = append(out, match{line: n, start: col, end: col + w})
			col += w
			i += len(q)
		}
	}
	return out
}

func lowerRunes(s string) []rune {
	r := []rune(s)
	for i, c := range r {
		r[i] = unicode.ToLower(c)
	}
	return r
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// first returns the first match at or below line y, wrapping to the first match.
func (s *search) first(y int) int {
	for i, mt := range s.matches {
		if mt.line >= y {
			return i
		}
	}
	return 0
}

// decorate returns d's lines with the matches highlighted, the current one apart.
func (s *search) decorate(d *render.Doc, st common.Styles) []string {
	lines := make([]string, len(d.Lines))
	copy(lines, d.Lines)
	byLine := map[int][]lipgloss.Range{}
	for i, mt := range s.matches {
		style := st.Match
		if i == s.cur {
			style = st.MatchActive
		}
		byLine[mt.line] = append(byLine[mt.line], lipgloss.NewRange(mt.start, mt.end, style))
	}
	for n, ranges := range byLine {
		lines[n] = lipgloss.StyleRanges(lines[n], ranges...)
	}
	return lines
}
