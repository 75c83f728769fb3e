package quiz

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are letters that no Unicode decomposition splits, in lower case.
var ligatures = map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss"}

// Normalize folds a short answer for comparison: lower case, no accents (compatibility
// decomposition, combining marks dropped, œ æ ß spelled out), every run of spaces,
// punctuation and symbols made one space, no leading or trailing space. « Schéma » and
// "schema" normalize alike; so do "l’API" and "l'api". Normalize is idempotent.
func Normalize(s string) string {
	// One pass settles almost every text; a few letters (a ligature with an accent, a
	// capital whose lower case decomposes) need a second. The loop stops at a fixpoint.
	for range 4 {
		n := fold(s)
		if n == s {
			break
		}
		s = n
	}
	return s
}

func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.M, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			for _, l := range norm.NFKD.String(string(unicode.ToLower(r))) {
				switch {
				case unicode.Is(unicode.M, l):
				case ligatures[l] != "":
					b.WriteString(ligatures[l])
				default:
					b.WriteRune(l)
				}
			}
		default:
			space = true
		}
	}
	return b.String()
}

// key is the form short answers are compared in: normalized, spaces removed, so that
// "kube-proxy", "kube proxy" and "KubeProxy" are one answer.
func key(s string) string {
	return strings.ReplaceAll(Normalize(s), " ", "")
}
