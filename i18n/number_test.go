package i18n

import "testing"

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		f      float64
		fr, en string
	}{
		{18.583333333333332, "18,6", "18.6"},
		{6.000000000000001, "6", "6"},
		{0.5, "0,5", "0.5"},
		{2.0 / 3, "0,7", "0.7"},
		{0.04, "0", "0"},
		{-0.04, "0", "0"},
		{49, "49", "49"},
		{1234.25, "1234,3", "1234.3"},
	}
	for _, tt := range tests {
		if got := FormatNumber(FR, tt.f); got != tt.fr {
			t.Errorf("FormatNumber(FR, %v) = %q, want %q", tt.f, got, tt.fr)
		}
		if got := FormatNumber(EN, tt.f); got != tt.en {
			t.Errorf("FormatNumber(EN, %v) = %q, want %q", tt.f, got, tt.en)
		}
	}
	if got := RoundScore(18.583333333333332); got != 18.6 {
		t.Errorf("RoundScore = %v", got)
	}
}

func TestPercentOf(t *testing.T) {
	tests := []struct {
		part, whole float64
		want        int
	}{
		{2, 3, 67}, {1, 3, 33}, {17, 22, 77}, {18.583333333333332, 49, 38}, {6, 13, 46},
		{1, 2, 50}, {0, 5, 0}, {5, 5, 100}, {6, 5, 100}, {3, 0, 0},
		{199, 200, 99}, {999, 1000, 99}, {1, 300, 1}, {0.001, 100, 1},
		{0.1 + 0.2, 0.3, 100}, {3 * (1 - 1e-12), 3, 100}, {1e-12, 3, 0},
	}
	for _, tt := range tests {
		if got := PercentOf(tt.part, tt.whole); got != tt.want {
			t.Errorf("PercentOf(%v, %v) = %d, want %d", tt.part, tt.whole, got, tt.want)
		}
	}
}

func TestTranslatorRendersNumbersAndPercents(t *testing.T) {
	data := map[string]any{"Points": Number(18.583333333333332), "Max": 49, "Percent": Percent(PercentOf(2, 3))}
	fr, en := New(FR), New(EN)
	if got := fr.T("quiz.summary.score", data); got != "Score\u00a0: 18,6/49 (67\u00a0%)" {
		t.Errorf("fr: %q", got)
	}
	if got := en.T("quiz.summary.score", data); got != "Score: 18.6/49 (67%)" {
		t.Errorf("en: %q", got)
	}
	if got := fr.Percent(2, 3); got != "67\u00a0%" {
		t.Errorf("fr.Percent = %q", got)
	}
	if got := en.Number(6.000000000000001); got != "6" {
		t.Errorf("en.Number = %q", got)
	}
}
