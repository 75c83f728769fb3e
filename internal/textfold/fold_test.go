package textfold

import (
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nœud", "noeud"},
		{"NŒUD", "noeud"},
		{"nœud", "noeud"},
		{"Schéma", "schema"},
		{"ÆTHER", "aether"},
		{"straße", "strasse"},
		{"ﬁltrage", "filtrage"},
		{"ＦＩＬＴＲＡＧＥ", "filtrage"},
		{"Ça marche", "ca marche"},
		{"10.244.0.0/16", "10.244.0.0/16"}, // punctuation and digits untouched
		{"kube-proxy", "kube-proxy"},
		{"e\u0301", "e"}, // a combining accent
		{"", ""},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMapPointsBackToTheOriginalRunes(t *testing.T) {
	m := Map("Un nœud à")
	if got := string(m.Runes); got != "un noeud a" {
		t.Fatalf("folded %q", got)
	}
	// "oe" both come from œ, the fifth rune (index 4); "a" from "à" (index 8).
	want := []int{0, 1, 2, 3, 4, 4, 5, 6, 7, 8}
	if len(m.From) != len(want) {
		t.Fatalf("From = %v, want %v", m.From, want)
	}
	for i := range want {
		if m.From[i] != want[i] {
			t.Fatalf("From = %v, want %v", m.From, want)
		}
	}
}

func FuzzRune(f *testing.F) {
	for _, s := range []string{"œ", "Ǆ", "ﬁ", "İ", "Ⅻ", "ﾊﾟ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q: invalid UTF-8", s, out)
		}
		if again := String(out); again != out {
			t.Fatalf("String is not idempotent on %q: %q then %q", s, out, again)
		}
		if m := Map(s); string(m.Runes) != out || len(m.From) != len(m.Runes) {
			t.Fatalf("Map(%q) disagrees with String: %q", s, string(m.Runes))
		}
	})
}
