package common

import "testing"

func TestVisibleKeepsTheSelectionInTheWindow(t *testing.T) {
	for _, tt := range []struct {
		name                       string
		first, last, total, height int
		want                       int
	}{
		{"fits", 3, 3, 5, 10, 0},
		{"top", 0, 2, 30, 10, 0},
		{"last row of the window", 9, 9, 30, 10, 0},
		{"just below", 10, 10, 30, 10, 1},
		{"a multi-row item below", 20, 22, 30, 10, 13},
		{"the end", 29, 29, 30, 10, 20},
		{"taller than the window", 5, 25, 30, 10, 5},
		{"no room", 5, 5, 30, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Visible(tt.first, tt.last, tt.total, tt.height)
			if got != tt.want {
				t.Errorf("Visible(%d, %d, %d, %d) = %d, want %d", tt.first, tt.last, tt.total, tt.height, got, tt.want)
			}
			if tt.height > 0 && tt.total > 0 && (tt.first < got || (tt.last >= got+tt.height && tt.last-tt.first < tt.height)) {
				t.Errorf("selection %d-%d not in window %d+%d", tt.first, tt.last, got, tt.height)
			}
		})
	}
}

func TestIndentEveryRow(t *testing.T) {
	if got := Indent("a\nb\nc", 1); got != " a\n b\n c" {
		t.Errorf("Indent = %q", got)
	}
}
