package i18n

import (
	"strings"
	"testing"
)

func TestFormatBytes(t *testing.T) {
	const gib = int64(1) << 30
	for _, tt := range []struct {
		lang Lang
		n    int64
		want string
	}{
		{FR, 512, "512\u00a0o"},
		{EN, 512, "512 B"},
		{FR, 1536, "1,5\u00a0Kio"},
		{EN, 1536, "1.5 KiB"},
		{FR, 21*gib + 8*gib/10, "21,8\u00a0Gio"},
		{EN, 4 * gib, "4.0 GiB"},
		{EN, 1 << 62, "4.0 EiB"},
	} {
		if got := FormatBytes(tt.lang, tt.n); got != tt.want {
			t.Errorf("FormatBytes(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// A Bytes value in a message's data is rendered in the translator's language.
func TestBytesInMessages(t *testing.T) {
	m := M("doctor.disk.free", "Free", Bytes(3<<29), "Path", "/")
	if got := New(FR).Msg(m); !strings.Contains(got, "1,5\u00a0Gio") {
		t.Errorf("fr: %q", got)
	}
	if got := New(EN).Msg(m); !strings.Contains(got, "1.5 GiB") {
		t.Errorf("en: %q", got)
	}
	if _, ok := m.Data["Free"].(Bytes); !ok {
		t.Error("rendering changed the message's data")
	}
}
