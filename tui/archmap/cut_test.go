package archmap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScreenFooterCutsNothing: the map screen's notice and help (the last rows of its
// goldens, every size) never end on « … »: a key past the edge would be hidden.
func TestScreenFooterCutsNothing(t *testing.T) {
	files, _ := filepath.Glob("testdata/screen-*.golden")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		for i, l := range lines[max(len(lines)-4, 0):] {
			if strings.HasSuffix(strings.TrimRight(l, " │┆"), "…") {
				t.Errorf("%s: footer row %d is cut: %q", f, i+1, l)
			}
		}
	}
}
