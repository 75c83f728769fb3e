package i18n

import (
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0 s"}, {1400 * time.Millisecond, "1 s"}, {30 * time.Second, "30 s"},
		{90 * time.Second, "1 min 30 s"}, {2 * time.Minute, "2 min"}, {5*time.Minute + 5*time.Second, "5 min 5 s"},
	} {
		if got := Duration(c.d); got != c.want {
			t.Errorf("Duration(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}
