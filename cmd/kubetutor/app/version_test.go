package app

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/internal/buildinfo"
)

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
			deps, out := clusterTestDeps(t, tt.lang, "")
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
	deps, out := clusterTestDeps(t, i18n.FR, "")
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

func TestVersionCommandRejectsArguments(t *testing.T) {
	code, _, errOut := runCLI(t, t.TempDir(), "", "version", "extra", "--lang", "en")
	if code != i18n.ExitUsage || errOut == "" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestBuiltBinaryIsStamped runs the binary `make build` made (KUBETUTOR_BIN): its
// Makefile ldflags must have stamped a version, a commit and a date.
func TestBuiltBinaryIsStamped(t *testing.T) {
	bin := os.Getenv("KUBETUTOR_BIN")
	if bin == "" {
		t.Skip("KUBETUTOR_BIN is not set (make test sets it)")
	}
	out, err := exec.Command(bin, "version", "--json").Output()
	if err != nil {
		t.Fatalf("%s version --json: %v", bin, err)
	}
	var bi buildinfo.Info
	if err := json.Unmarshal(out, &bi); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if bi.Version == "" || bi.Version == "dev" {
		t.Errorf("version %q: not stamped", bi.Version)
	}
	if !regexp.MustCompile(`^[0-9a-f]{7,40}$`).MatchString(bi.Commit) {
		t.Errorf("commit %q: not a git revision", bi.Commit)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(bi.Date) {
		t.Errorf("date %q: not an RFC 3339 UTC time", bi.Date)
	}
	text, err := exec.Command(bin, "version", "--lang", "en").Output()
	if err != nil || !bytes.Contains(text, []byte("commit "+bi.Commit)) || !strings.HasPrefix(string(text), "kubetutor "+bi.Version) {
		t.Errorf("version text %q (%v) disagrees with %+v", text, err, bi)
	}
}
