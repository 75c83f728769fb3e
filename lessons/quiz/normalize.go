package quiz

import (
	"strings"
	"unicode"

	"kubetutor/internal/textfold"
)

// Normalize folds a short answer for comparison. Letters are folded as the reader's
// search folds them (textfold: lower case, no accents, œ æ ß spelled out). What carries
// meaning stays:
//
//   - digits, and the dots, slashes and colons inside addresses and versions
//     ("10.244.0.0/16", "v1.24", "metrics.k8s.io", "10.0.0.1:6443"), also across spaces
//     between two digits ("10.244.0.0 / 16");
//   - a decimal comma between digits, written as a dot ("2,5" is "2.5");
//   - a sign before a number ("-3", "+3", "−3" is "-3");
//   - a percent or degree sign after a number ("10 %"), a comparison before one ("< 10").
//
// Every other run of spaces, punctuation and symbols becomes one space, none at either
// end. « Schéma » and "schema" normalize alike; so do "l’API" and "l'api", but
// "10.24.40.0/16" is not "10.244.0.0/16". Normalize is idempotent.
func Normalize(s string) string {
	seq := []rune(textfold.String(s))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	emit := func(r rune) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	for i, r := range seq {
		if alnum(r) {
			emit(r)
			continue
		}
		if k, ok := meaningful(seq, i); ok {
			emit(k)
			continue
		}
		space = true
	}
	return b.String()
}

// meaningful returns the rune to keep for the punctuation or symbol at seq[i], and
// whether it carries meaning there (see Normalize).
func meaningful(seq []rune, i int) (rune, bool) {
	r := seq[i]
	prev, next := at(seq, i-1), at(seq, i+1)
	switch r {
	case '.', '/', ':', '⁄':
		if r == '⁄' { // fraction slash, as in a decomposed "½"
			r = '/'
		}
		if alnum(prev) && alnum(next) {
			return r, true
		}
		return r, digit(nearest(seq, i, -1)) && digit(nearest(seq, i, 1))
	case ',':
		return '.', digit(prev) && digit(next)
	case '-', '+', '−':
		if r == '−' {
			r = '-'
		}
		return r, digit(next) && !alnum(prev)
	case '%', '‰', '°':
		return r, digit(nearest(seq, i, -1))
	case '<', '>', '≤', '≥', '±':
		return r, digit(nearest(seq, i, 1))
	}
	return r, false
}

func alnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func digit(r rune) bool { return unicode.IsDigit(r) }

// at returns seq[i], or 0 outside seq.
func at(seq []rune, i int) rune {
	if i < 0 || i >= len(seq) {
		return 0
	}
	return seq[i]
}

// nearest returns the first rune from seq[i] in direction dir (-1 or 1) that is not a
// space, or 0.
func nearest(seq []rune, i, dir int) rune {
	for j := i + dir; j >= 0 && j < len(seq); j += dir {
		if !unicode.IsSpace(seq[j]) {
			return seq[j]
		}
	}
	return 0
}

// key is the form short answers are compared in: normalized, with the spaces removed
// except between two digits, so that "kube-proxy", "kube proxy" and "KubeProxy" are one
// answer, while "10 244" stays apart from "10244".
func key(s string) string {
	return squeeze(Normalize(s))
}

// squeeze removes the spaces of a normalized text, except between two digits.
func squeeze(n string) string {
	if !strings.Contains(n, " ") {
		return n
	}
	r := []rune(n)
	var b strings.Builder
	b.Grow(len(n))
	for i, c := range r {
		if c == ' ' && !(digit(at(r, i-1)) && digit(at(r, i+1))) {
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
