package reader

import (
	"charm.land/lipgloss/v2"
	"github.com/mattn/go-runewidth"

	"kubetutor/internal/textfold"
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

// find returns the matches of query in lines, in cell columns. Both sides are folded
// (textfold: case, accents, ligatures), so « noeud » finds « Nœud »; a match covers the
// original runes its folded runes came from.
func find(lines []string, query string) []match {
	q := []rune(textfold.String(query))
	if len(q) == 0 {
		return nil
	}
	var out []match
	for n, l := range lines {
		orig := []rune(l)
		f := textfold.Map(l)
		// cols[i] is the cell column where original rune i starts.
		cols := make([]int, len(orig)+1)
		for i, r := range orig {
			cols[i+1] = cols[i] + runewidth.RuneWidth(r)
		}
		for i := 0; i+len(q) <= len(f.Runes); {
			if !equalRunes(f.Runes[i:i+len(q)], q) {
				i++
				continue
			}
			first, last := f.From[i], f.From[i+len(q)-1]
			out = append(out, match{line: n, start: cols[first], end: cols[last+1]})
			// Go on after the last original rune of this match, so matches never overlap.
			j := i + len(q)
			for j < len(f.Runes) && f.From[j] == last {
				j++
			}
			i = j
		}
	}
	return out
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

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
