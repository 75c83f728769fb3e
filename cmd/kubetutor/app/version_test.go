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
