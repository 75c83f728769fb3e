package i18n

import (
	"math"
	"strconv"
	"strings"
)

// Scores and shares are formatted here, and only here, so that every screen and every
// export shows the same number the same way: the quiz summary, kubetutor progress, the
// home screen, the lab list, the JSON and CSV exports.

// Number is a score (quiz points) given as template data: the translator renders it
// rounded to one decimal, with the language's decimal separator (« 18,6 » in French,
// "18.6" in English; « 6 », not « 6,0 »).
type Number float64

// Percent is a share given as template data, already rounded by PercentOf: the
// translator renders it with its sign, after a no-break space in French (« 67 % »), glued
// in English ("67%").
type Percent int

// ScoreDecimals is the number of decimals a score is shown and exported with.
const ScoreDecimals = 1

// RoundScore rounds a score to ScoreDecimals decimals: the value exports carry, the
// value screens show. It removes the noise of float sums (6.000000000000001 is 6).
func RoundScore(f float64) float64 {
	p := math.Pow10(ScoreDecimals)
	return math.Round(f*p) / p
}

// FormatNumber renders a score rounded by RoundScore in lang.
func FormatNumber(lang Lang, f float64) string {
	s := strconv.FormatFloat(RoundScore(f), 'f', ScoreDecimals, 64)
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	if lang == FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// PercentOf returns part/whole in percent, rounded to the nearest (2/3 is 67, not 66),
// 0 when whole is 0. A share that is not whole never rounds up to 100, and a share that
// is not nothing never rounds down to 0: 199/200 is 99 %, 1/300 is 1 %. Float noise in
// a sum of points (0.1+0.2 for 0.3) is no share: a part within 1e-9 of whole is whole.
func PercentOf(part, whole float64) int {
	const eps = 1e-9
	if whole <= 0 || part <= eps {
		return 0
	}
	if part >= whole-eps {
		return 100
	}
	p := int(math.Round(100 * part / whole))
	return min(max(p, 1), 99)
}

// FormatPercent renders a percentage in lang, sign included.
func FormatPercent(lang Lang, p int) string {
	if lang == FR {
		return strconv.Itoa(p) + "\u00a0%"
	}
	return strconv.Itoa(p) + "%"
}

// Number renders f as a score in t's language (see Number).
func (t *Translator) Number(f float64) string { return FormatNumber(t.lang, f) }

// Percent renders part/whole as a rounded percentage in t's language, sign included.
func (t *Translator) Percent(part, whole float64) string {
	return FormatPercent(t.lang, PercentOf(part, whole))
}
