package reader

import (
	"testing"

	"github.com/mattn/go-runewidth"
)

func TestFindFoldsAccentsAndLigatures(t *testing.T) {
	tests := []struct {
		name, line, query string
		want              []match // line 0
		text              []string
	}{
		{"ligature in the text", "Chaque nœud exécute", "noeud", []match{{0, 7, 11}}, []string{"nœud"}},
		{"ligature in the query", "un noeud", "NŒUD", []match{{0, 3, 8}}, []string{"noeud"}},
		{"accents both ways", "Le scheduler élit un nœud", "elit", []match{{0, 13, 17}}, []string{"élit"}},
		{"case", "ETCD et etcd", "etcd", []match{{0, 0, 4}, {0, 8, 12}}, []string{"ETCD", "etcd"}},
		{"wide runes before the match", "（注）nœud", "noeud", []match{{0, 6, 10}}, []string{"nœud"}},
		{"half a ligature covers the whole rune", "cœur", "e", []match{{0, 1, 2}}, []string{"œ"}},
		{"no match", "kubelet", "noeud", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := find([]string{tt.line}, tt.query)
			if len(got) != len(tt.want) {
				t.Fatalf("find(%q, %q) = %v, want %v", tt.line, tt.query, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("find(%q, %q) = %v, want %v", tt.line, tt.query, got, tt.want)
				}
				if s := cells(tt.line, got[i].start, got[i].end); s != tt.text[i] {
					t.Errorf("match %d highlights %q, want %q", i, s, tt.text[i])
				}
			}
		})
	}
}

// cells returns the runes of s that occupy cell columns [start, end).
func cells(s string, start, end int) string {
	var out []rune
	col := 0
	for _, r := range s {
		if col >= start && col < end {
			out = append(out, r)
		}
		col += runewidth.RuneWidth(r)
	}
	return string(out)
}
