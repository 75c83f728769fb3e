package render

import (
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

const hangMD = "À l’issue de ce chapitre, l’étudiant doit\u00a0:\n\n" +
	"1. **Nommer et expliquer** le rôle précis de chaque composant du plan de contrôle et des nœuds de travail.\n" +
	"2. Court.\n" +
	"3. Mettre en pratique la sauvegarde avec `etcdctl snapshot save` sur le nœud du plan de contrôle.\n\n" +
	"- **Opérations critiques**\u00a0: sauvegarde, défragmentation, surveillance de la taille de la base\u00a0:\n" +
	"  ```sh\n  etcdctl defrag\n  ```\n" +
	"- Une liste imbriquée\u00a0:\n" +
	"  - un élément imbriqué assez long pour passer à la ligne au moins une fois ici\n\n" +
	"Un paragraphe après la liste, assez long lui aussi pour passer à la ligne suivante.\n"

// A wrapped list item goes on under its first word, not under its bullet (glamour puts
// it under the bullet); nested items, code blocks in an item and the paragraph after the
// list keep their place, no word is lost or added, and no line grows wider.
func TestListItemsHang(t *testing.T) {
	for _, style := range []Style{NoTTY, Dark} {
		for _, width := range []int{40, 60, 80} {
			r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(string(style)), glamour.WithWordWrap(width))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := r.Render(protect(hangMD, width))
			if err != nil {
				t.Fatal(err)
			}
			out, err := Markdown(r, hangMD, width)
			if err != nil {
				t.Fatal(err)
			}
			plain := strings.Split(ansi.Strip(out), "\n")
			before := strings.Fields(ansi.Strip(restore(raw)))
			if after := strings.Fields(strings.Join(plain, "\n")); strings.Join(after, " ") != strings.Join(before, " ") {
				t.Errorf("%s at %d: the words changed:\n%s", style, width, strings.Join(plain, "\n"))
			}
			widest := 0
			for _, l := range strings.Split(ansi.Strip(raw), "\n") {
				widest = max(widest, ansi.StringWidth(l))
			}
			for _, l := range plain {
				if w := ansi.StringWidth(l); w > widest {
					t.Errorf("%s at %d: a line is %d cells, wider than glamour's %d: %q", style, width, w, widest, l)
				}
			}
			assertHanging(t, style, width, plain)
		}
	}
}

// assertHanging checks every line inside a list item starts under the item's text.
func assertHanging(t *testing.T, style Style, width int, plain []string) {
	t.Helper()
	inItem, hangAt, items := false, 0, 0
	for _, l := range plain {
		rest := strings.TrimLeft(l, " ")
		indent := len(l) - len(rest)
		switch {
		case strings.TrimSpace(l) == "":
			inItem = false
		case markerWidth(rest) > 0:
			inItem, hangAt = true, indent+markerWidth(rest)
			items++
		case inItem && indent < hangAt:
			t.Errorf("%s at %d: %q goes on under the bullet, not under the text (column %d)", style, width, l, hangAt)
		case inItem && indent > hangAt:
			inItem = false // a code block or a nested block of the item
		}
	}
	if items < 6 {
		t.Errorf("%s at %d: %d list items found, want 6:\n%s", style, width, items, strings.Join(plain, "\n"))
	}
	if !strings.Contains(strings.Join(plain, "\n"), "etcdctl snapshot save") {
		t.Errorf("%s at %d: the inline code was split", style, width)
	}
}

// A style broken by the wrap is closed at the end of its line and opened again on the
// next, so bold text stays bold on both lines and the padding is never styled.
func TestCarryStyles(t *testing.T) {
	got := carryStyles([]string{"\x1b[1mgras qui", "continue\x1b[m normal", "fin"})
	want := []string{"\x1b[1mgras qui\x1b[m", "\x1b[1mcontinue\x1b[m normal", "fin"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if s := emptySpans("\x1b[38;5;252m\x1b[m\x1b[1m\x1b[mtexte\x1b[1mgras\x1b[m"); s != "\x1b[mtexte\x1b[1mgras\x1b[m" {
		t.Errorf("emptySpans: got %q", s)
	}
}

// plainHead is the start of the line's plain text, enough of it for listItem and
// continues to decide as they would on the whole plain line.
func TestPlainHead(t *testing.T) {
	style := "\x1b[38;5;252m"
	long := strings.Repeat(style+" \x1b[m", 30) + "• item"
	for _, line := range []string{
		"", "  • item", "  12. item", style + "  " + "\x1b[m" + style + "•" + "\x1b[m" + " text",
		long, strings.Repeat(" ", 200), strings.Repeat(style+" ", 100), "  plain text that goes on and on past the first bytes",
	} {
		head, plain := plainHead(line), ansi.Strip(line)
		if !strings.HasPrefix(plain, head) {
			t.Errorf("plainHead(%q) = %q, not a start of %q", line, head, plain)
		}
		i1, m1, ok1 := listItem(head)
		i2, m2, ok2 := listItem(plain)
		if i1 != i2 || m1 != m2 || ok1 != ok2 {
			t.Errorf("listItem on the head of %q: %d %d %v, on the line: %d %d %v", line, i1, m1, ok1, i2, m2, ok2)
		}
		for _, indent := range []int{0, 2, 4} {
			if continues(head, indent) != continues(plain, indent) {
				t.Errorf("continues(%q, %d) differs on the head", line, indent)
			}
		}
	}
}

// mayStartItem says no only for lines that listItem would refuse.
func TestMayStartItem(t *testing.T) {
	for _, line := range []string{
		"", "   ", "  • item", "  12. item", "  text", "\x1b[38;5;252m  \x1b[m\x1b[1m•\x1b[m item",
		"\x1b[38;5;252m  \x1b[mtext", "\x1b]8;;url\x07• link", "\x1b[", "\x1b[38;5", "  \x1b[1m3\x1b[m. x",
		"  ·", "\x1bM• x",
	} {
		_, _, item := listItem(ansi.Strip(line))
		if item && !mayStartItem(line) {
			t.Errorf("mayStartItem(%q) = false, but it starts an item", line)
		}
	}
	if mayStartItem("\x1b[38;5;252m  \x1b[mtext") || mayStartItem("   ") {
		t.Error("mayStartItem lets through a line that starts no item")
	}
}
