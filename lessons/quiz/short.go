package quiz

import (
	"strings"
	"unicode"

	"kubetutor/i18n"
)

// Match is how a short answer is compared with the accepted ones.
type Match string

// The match modes of a short question.
const (
	// MatchExact accepts an answer equal to an accepted one (after Normalize, spaces
	// between words ignored). It is the default.
	MatchExact Match = "exact"
	// MatchPrefix also accepts an accepted answer followed by more words: the arguments
	// of a command ("kubectl auth can-i create pods" where "kubectl auth can-i" is
	// accepted). The extra words start at a word boundary: "kubectl auth can-ix" is not
	// "kubectl auth can-i".
	MatchPrefix Match = "prefix"
)

// Matches lists the match modes, in the order the format documents them.
var Matches = []Match{MatchExact, MatchPrefix}

// matchShort reports whether text is an accepted answer to q.
func matchShort(q *Question, text string) bool {
	words := strings.Fields(Normalize(text))
	if len(words) == 0 {
		return false
	}
	whole := squeeze(strings.Join(words, " "))
	for _, a := range q.Accepted {
		k := key(a)
		if k == "" {
			continue
		}
		if whole == k {
			return true
		}
		if q.Match == MatchPrefix && prefixMatch(words, k) {
			return true
		}
	}
	return false
}

// prefixMatch reports whether the first words of words (not all of them) make k.
func prefixMatch(words []string, k string) bool {
	for i := 1; i < len(words); i++ {
		p := squeeze(strings.Join(words[:i], " "))
		if p == k {
			return true
		}
		if len(p) > len(k) {
			return false
		}
	}
	return false
}

// hasText reports whether s holds at least one letter or digit.
func hasText(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// Refuse says why r cannot be graded yet, as a message for the student: nothing chosen
// or typed, a numeric answer that is not a number (« deux »), an open answer with no
// text to assess. refused is false when r can be graded. A refused answer is not
// scored: the student corrects it and answers again.
func Refuse(q *Question, r Response) (msg i18n.Message, refused bool) {
	switch q.Type {
	case Single, Multiple:
		if len(r.Choices) == 0 {
			return i18n.M("quiz.answer.empty"), true
		}
	case Numeric:
		text := strings.TrimSpace(r.Text)
		if text == "" {
			return i18n.M("quiz.answer.empty"), true
		}
		switch _, issue := numericValue(q, text); issue {
		case numNotNumber:
			return i18n.M("quiz.answer.notnumber", "Text", text), true
		case numAmbiguous:
			whole := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' || r == '-' {
					return r
				}
				return -1
			}, text)
			return i18n.M("quiz.answer.ambiguous", "Text", text, "Whole", whole), true
		}
	case Short:
		if Normalize(r.Text) == "" {
			return i18n.M("quiz.answer.empty"), true
		}
	case Open:
		if !hasText(r.Text) {
			return i18n.M("quiz.open.needtext"), true
		}
	}
	return i18n.Message{}, false
}
