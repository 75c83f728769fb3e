package cli

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/internal/buildinfo"
	"kubetutor/internal/paths"
)

// langDeps returns deps in lang whose output is the returned buffer.
func langDeps(t *testing.T, lang i18n.Lang) (*Deps, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	return &Deps{
		Tr: i18n.New(lang), In: strings.NewReader(""), Out: &out, Err: &out,
		Dirs: paths.Under(t.TempDir()), Log: slog.New(slog.DiscardHandler),
		Getenv: func(string) string { return "" },
	}, &out
}

var stamped = buildinfo.Info{Version: "v1.2.3", Commit: "0123abcd", Date: "2026-12-01T09:00:00Z",
	Go: "go1.26.8", OS: "darwin", Arch: "arm64"}

func TestVersionPrintsTheStampedBuild(t *testing.T) {
	tests := []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.FR, "kubetutor v1.2.3 (go1.26.8, darwin/arm64)\ncommit 0123abcd, construit le 2026-12-01T09:00:00Z\n"},
		{i18n.EN, "kubetutor v1.2.3 (go1.26.8, darwin/arm64)\ncommit 0123abcd, built 2026-12-01T09:00:00Z\n"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			deps, out := langDeps(t, tt.lang)
			if err := runVersion(deps, &versionOptions{}, stamped); err != nil {
				t.Fatal(err)
			}
			if out.String() != tt.want {
				t.Errorf("got %q, want %q", out.String(), tt.want)
			}
		})
	}
}

func TestVersionJSON(t *testing.T) {
	deps, out := langDeps(t, i18n.FR)
	if err := runVersion(deps, &versionOptions{json: true}, stamped); err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := map[string]string{"version": "v1.2.3", "commit": "0123abcd", "date": "2026-12-01T09:00:00Z",
		"go": "go1.26.8", "os": "darwin", "arch": "arm64"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("keys %v, want exactly %v", got, want)
	}
}
