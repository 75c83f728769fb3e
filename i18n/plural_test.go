package i18n

import "testing"

func TestSingular(t *testing.T) {
	for _, tt := range []struct {
		lang Lang
		n    any
		want bool
	}{
		{FR, 0, true}, {FR, 1, true}, {FR, int32(2), false}, {FR, 1.5, true},
		{EN, 0, false}, {EN, 1, true}, {EN, int64(3), false}, {EN, "x", false},
	} {
		if got := singular(tt.lang, tt.n); got != tt.want {
			t.Errorf("singular(%s, %v) = %v, want %v", tt.lang, tt.n, got, tt.want)
		}
	}
}

// Messages choose their plural forms by count, in each language.
func TestPluralInMessages(t *testing.T) {
	one := M("checks.hpa.replicas.max", "Got", 1, "Max", 1)
	two := M("checks.hpa.replicas.max", "Got", 2, "Max", 1)
	for _, tt := range []struct {
		lang Lang
		m    Message
		want string
	}{
		{FR, one, "1 réplica, il en faut au plus 1"},
		{FR, two, "2 réplicas, il en faut au plus 1"},
		{EN, one, "1 replica, want at most 1"},
		{EN, two, "2 replicas, want at most 1"},
	} {
		if got := New(tt.lang).Msg(tt.m); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// Parsed messages are cached per language: alternating languages keeps each one's rule.
func TestPluralCachedPerLanguage(t *testing.T) {
	zero := M("checks.hpa.replicas.max", "Got", 0, "Max", 1)
	for i := 0; i < 3; i++ {
		if got := New(EN).Msg(zero); got != "0 replicas, want at most 1" {
			t.Errorf("en, round %d: %q", i, got)
		}
		if got := New(FR).Msg(zero); got != "0 réplica, il en faut au plus 1" {
			t.Errorf("fr, round %d: %q", i, got)
		}
	}
}
