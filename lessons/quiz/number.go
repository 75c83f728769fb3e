package quiz

import (
	"strconv"
	"strings"
	"unicode"

	"kubetutor/internal/textfold"
)

// numIssue says why a typed number cannot be read.
type numIssue int

const (
	numOK        numIssue = iota
	numNotNumber          // letters, several signs, a lone separator…
	numAmbiguous          // "5,000" or "5.000": five, or five thousand?
)

// ParseNumber reads a number as a student types it: "2", "-3", "+3", "2.5", "2,5",
// "100 000" (a space, a no-break space or "_" between groups of three digits),
// "1,000,000", "1 000,5", "1,000.5". ok is false for anything else, and for a number that
// reads two ways ("5,000": a decimal comma in French, a thousands separator in English).
func ParseNumber(s string) (float64, bool) {
	f, issue := parseNumber(s)
	return f, issue == numOK
}

func isGroupSpace(r rune) bool {
	return r == ' ' || r == '_' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func parseNumber(s string) (float64, numIssue) {
	s = strings.TrimSpace(textfold.String(s)) // full-width digits are digits
	neg := false
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "-"):
		s, neg = s[1:], true
	case strings.HasPrefix(s, "−"):
		s, neg = strings.TrimPrefix(s, "−"), true
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == ',' || isGroupSpace(r)) {
			return 0, numNotNumber
		}
	}
	dec := strings.LastIndexAny(s, ".,")
	if dec >= 0 {
		c := s[dec]
		other := byte('.')
		if c == '.' {
			other = ','
		}
		frac, whole := s[dec+1:], s[:dec]
		switch {
		case strings.Count(s, string(c)) > 1:
			dec = -1 // "1,000,000": c groups thousands
		case strings.IndexByte(whole, other) >= 0 || strings.IndexFunc(whole, isGroupSpace) >= 0:
			// "1,000.5", "1 000,5": the last separator is the decimal one.
		case len(frac) == 3 && allDigits(frac) && strings.Trim(whole, "0") != "":
			return 0, numAmbiguous
		}
	}
	whole, frac := s, ""
	if dec >= 0 {
		whole, frac = s[:dec], s[dec+1:]
		if frac != "" && !allDigits(frac) || frac == "" && whole == "" {
			return 0, numNotNumber
		}
	}
	digits, ok := groups(whole)
	if !ok || digits == "" && frac == "" {
		return 0, numNotNumber
	}
	if digits == "" {
		digits = "0"
	}
	if frac != "" {
		digits += "." + frac
	}
	f, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return 0, numNotNumber
	}
	if neg {
		f = -f
	}
	return f, numOK
}

// groups returns the digits of an integer part written with or without thousands
// separators ("100 000", "1,000,000"): with separators, a first group of one to three
// digits and then groups of exactly three.
func groups(s string) (string, bool) {
	if s == "" {
		return "", true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return isGroupSpace(r) || r == '.' || r == ',' })
	if len(parts) == 0 || strings.Join(parts, "") == "" {
		return "", false
	}
	// No empty group: "1  000" or "1,,000" is not a number.
	seps := 0
	for _, r := range s {
		if isGroupSpace(r) || r == '.' || r == ',' {
			seps++
		}
	}
	if seps != len(parts)-1 || !unicode.IsDigit(rune(s[0])) || !unicode.IsDigit(rune(s[len(s)-1])) {
		return "", false
	}
	for i, p := range parts {
		if !allDigits(p) || i == 0 && len(p) > 3 && len(parts) > 1 || i > 0 && len(p) != 3 {
			return "", false
		}
	}
	return strings.Join(parts, ""), true
}

// numericValue reads a numeric answer to q. Besides ParseNumber's forms it takes the
// question's unit after the number ("2 membres", "10ms", "100 nœuds"; singular or
// plural) and a leading "~" or "≈" for « about ».
func numericValue(q *Question, text string) (float64, numIssue) {
	t := strings.TrimSpace(textfold.String(text))
	t = strings.TrimSpace(strings.TrimLeft(t, "~≈"))
	for _, u := range unitForms(q.Unit) {
		if rest, ok := strings.CutSuffix(t, u); ok {
			rest = strings.TrimSpace(rest)
			if rest != "" && rest[len(rest)-1] >= '0' && rest[len(rest)-1] <= '9' {
				t = rest
				break
			}
		}
	}
	return parseNumber(t)
}

// unitForms returns the folded forms of a unit a student may type: French and English,
// with and without a plural s (for units longer than three letters), longest first.
func unitForms(u Text) []string {
	var out []string
	for _, s := range []string{u.FR, u.EN} {
		s = textfold.String(strings.TrimSpace(s))
		if s == "" {
			continue
		}
		out = append(out, s)
		if len(s) > 3 {
			if t, ok := strings.CutSuffix(s, "s"); ok {
				out = append(out, t)
			} else {
				out = append(out, s+"s")
			}
		}
	}
	for i := 1; i < len(out); i++ { // longest first: "membres" before "membre"
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
