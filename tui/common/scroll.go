package common

import "strings"

// Visible returns the first row to show of a list of total rows in a window of height
// rows, so that the selection (rows first to last) is visible: the list starts at its top
// while the selection fits there, else the selection's last row is the window's last
// (its first row when the selection is taller than the window). Every list of the
// interface scrolls with it, so Enter never opens an item the student cannot see.
func Visible(first, last, total, height int) int {
	if height <= 0 || total <= height {
		return 0
	}
	last = min(max(last, first), total-1)
	start := 0
	if last >= height {
		start = last - height + 1
	}
	if first < start { // a selection taller than the window shows from its start
		start = first
	}
	return min(max(0, start), total-height)
}

// Window returns rows[start:start+height] with start from Visible.
func Window(rows []string, first, last, height int) []string {
	start := Visible(first, last, len(rows), height)
	end := min(len(rows), start+max(0, height))
	return rows[start:end]
}

// Indent puts n spaces before every line of s: a help box of several rows lines up, not
// only its first row.
func Indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}
