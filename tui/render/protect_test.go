package render

import (
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// Inline code is never split at a hyphen, and kept on one line when it fits: the
// commands a student copies from the instructions and hints stay whole. « \~ » shows as
// a tilde. Checked at several widths in the styles the screens use.
func TestInlineCodeIsNeverSplit(t *testing.T) {
	md := "Vérifiez la santé avec `kubectl get --raw='/readyz?verbose'` puis lancez " +
		"`kubeadm init --pod-network-cidr=10.244.0.0/16` sur environ \\~5000 nœuds, " +
		"et ceci ``a `b` c-d`` aussi.\n\n```sh\nkubectl get --raw='/x' -o wide\n```\n"
	whole := []string{"kubectl get --raw='/readyz?verbose'", "kubeadm init --pod-network-cidr=10.244.0.0/16", "a `b` c-d"}
	for _, style := range []Style{NoTTY, Dark} {
		for _, width := range []int{30, 40, 47, 60, 80} {
			r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(string(style)), glamour.WithWordWrap(width))
			if err != nil {
				t.Fatal(err)
			}
			out, err := Markdown(r, md, width)
			if err != nil {
				t.Fatal(err)
			}
			plain := ansi.Strip(out)
			lines := strings.Split(plain, "\n")
			for _, cmd := range whole {
				if width-codeMargin < ansi.StringWidth(cmd) {
					continue // wider than the text: it may break at its spaces
				}
				found := false
				for _, l := range lines {
					if strings.Contains(l, cmd) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s at %d: « %s » is split:\n%s", style, width, cmd, plain)
				}
			}
			for _, l := range lines {
				if strings.Contains(l, "kubectl get --raw='/x'") {
					continue // the code block: glamour hard-wraps those below their width
				}
				if strings.HasSuffix(strings.TrimRight(l, " \u00a0"), "-") {
					t.Errorf("%s at %d: a line ends at a hyphen: %q", style, width, l)
				}
			}
			if !strings.Contains(plain, "~5000") || strings.Contains(plain, `\~`) {
				t.Errorf("%s at %d: the escaped tilde shows its backslash:\n%s", style, width, plain)
			}
			if strings.ContainsAny(plain, string([]rune{codeHyphen, codeSpace, tilde})) {
				t.Errorf("%s at %d: a placeholder is left in the output", style, width)
			}
			if width >= 40 && !strings.Contains(plain, "kubectl get --raw='/x' -o wide") {
				t.Errorf("%s at %d: the code block changed:\n%s", style, width, plain)
			}
		}
	}
}

func TestRestore(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"plain":                   "plain",
		"a\uE000b\uE001c\uE002d":  "a-b c~d",
		"\uE000\uE000":            "--",
		"é\uE003\uE001":           "é\uE003 ", // another private-use rune is kept
		"\x1b[1mkubectl\uE001get": "\x1b[1mkubectl get",
		"cut \xee\x80":            "cut \xee\x80",
	} {
		if got := restore(in); got != want {
			t.Errorf("restore(%q) = %q, want %q", in, got, want)
		}
	}
}
