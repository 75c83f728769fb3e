// Package textfold folds letters for comparison: lower case, accents dropped, ligatures
// spelled out (« Nœud » and "noeud" fold alike). The reader's search and the quiz answer
// normalizer share it, so a word found by one is the word the other accepts. It folds
// letters only: punctuation, digits and symbols pass through unchanged (compatibility
// forms aside: a full-width "Ａ" is an "a", "ﬁ" is "fi").
package textfold

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are letters that no Unicode decomposition splits, in lower case.
var ligatures = map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i"}

// Rune returns what r folds to: usually one rune, none for a combining mark, several
// for a ligature or a compatibility form ("ﬁ" → "fi"). Rune is idempotent: folding its
// result again gives the same text.
func Rune(r rune) string {
	if r < 0x80 { // ASCII fast path
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return string(r)
	}
	if s, ok := cache.Load(r); ok {
		return s.(string)
	}
	s := string(r)
	// One pass settles almost every rune; a few (a ligature with an accent, a capital
	// whose lower case decomposes) need another. The loop stops at a fixpoint.
	for range 4 {
		n := foldOnce(s)
		if n == s {
			break
		}
		s = n
	}
	cache.Store(r, s)
	return s
}

// cache holds the folds of the non-ASCII runes seen so far: a text uses few distinct
// ones (é, è, œ, «…), and decomposing each occurrence again is most of the cost.
var cache sync.Map // rune → string

func foldOnce(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.M, r) {
			continue
		}
		for _, l := range norm.NFKD.String(string(unicode.ToLower(r))) {
			switch {
			case unicode.Is(unicode.M, l):
			case ligatures[l] != "":
				b.WriteString(ligatures[l])
			default:
				b.WriteRune(l)
			}
		}
	}
	return b.String()
}

// String folds every rune of s.
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteString(Rune(r))
	}
	return b.String()
}

// Mapped is a folded text that remembers where each of its runes came from, so a match
// found in the folded text can be shown on the original one.
type Mapped struct {
	// Runes are the folded runes.
	Runes []rune
	// From holds, for each folded rune, the index of the original rune it came from.
	From []int
}

// Map folds s rune by rune, keeping for each folded rune the index (in runes) of the
// rune of s it comes from.
func Map(s string) Mapped {
	var m Mapped
	m.Runes = make([]rune, 0, len(s))
	m.From = make([]int, 0, len(s))
	i := 0
	for _, r := range s {
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			m.Runes = append(m.Runes, r)
			m.From = append(m.From, i)
			i++
			continue
		}
		for _, f := range Rune(r) {
			m.Runes = append(m.Runes, f)
			m.From = append(m.From, i)
		}
		i++
	}
	return m
}
