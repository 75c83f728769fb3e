package checks

import "strings"

// maxShownLine bounds a command line quoted in a result (runes): the lab screen's column
// is narrow, and a result is one of a few lines there.
const maxShownLine = 100

// shownLine is a command line as a result quotes it: its first line, cut at maxShownLine
// runes, with « … » when anything was left out. A pasted solution is often a heredoc
// (« kubectl apply -f - <<'EOF' » and a dozen lines of YAML), which quoted whole would push
// the step's instructions off the screen.
func shownLine(line string) string {
	first, _, more := strings.Cut(strings.TrimSpace(line), "\n")
	first = strings.TrimRight(first, " \t\r")
	if r := []rune(first); len(r) > maxShownLine {
		first, more = strings.TrimRight(string(r[:maxShownLine]), " "), true
	}
	if more {
		first += " …"
	}
	return first
}
