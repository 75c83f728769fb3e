package quiz

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are letters that no Unicode decomposition splits.
var ligatures = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae", "ß", "ss")

// Normalize folds a short answer for comparison: lower case, no accents (compatibility
// decomposition, combining marks dropped), every run of spaces, punctuation and symbols
// made one space, no leading or trailing space. « Schéma » and "schema" normalize alike;
// so do "l’API" and "l'api". Normalize is idempotent.
func Normalize(s string) string {
	s = norm.NFKD.String(ligatures.Replace(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.M, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			for _, l := range norm.NFKD.String(string(unicode.ToLower(r))) {
				if !unicode.Is(unicode.M, l) {
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
