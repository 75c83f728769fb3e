package proc

import "testing"

func TestParseStatSID(t *testing.T) {
	tests := []struct {
		line string
		want int
		ok   bool
	}{
		{"4242 (bash) S 4200 4242 4242 34816 4300 4194560 ...", 4242, true},
		{"4301 (my (odd) prog) R 4242 4301 4242 34816 ...", 4242, true},
		{"4301 (sleep) S 4242", 0, false},
		{"no parenthesis", 0, false},
	}
	for _, tt := range tests {
		got, err := parseStatSID(tt.line)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseStatSID(%q) = %d, %v; want %d, ok=%v", tt.line, got, err, tt.want, tt.ok)
		}
	}
}
