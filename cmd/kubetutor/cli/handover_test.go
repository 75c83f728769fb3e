package cli

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"kubetutor/i18n"
	"kubetutor/internal/paths"
)

func TestNeedsFull(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"version"}, false},
		{[]string{"read", "00", "--print"}, false},
		{[]string{"--lang", "en", "lab", "list"}, false},
		{[]string{"lab"}, false},
		{[]string{"lab", "--help"}, false},
		{[]string{"quiz", "00"}, false},
		{[]string{"progress", "reset", "--yes"}, false},
		{[]string{"help", "read"}, false},
		{[]string{"--course", "lab", "read"}, false}, // « lab » is the flag's value
		{[]string{"read", "--", "cluster"}, false},
		{[]string{"cluster", "status"}, true},
		{[]string{"--lang=en", "doctor"}, true},
		{[]string{"--style", "notty", "lab", "check", "inspect"}, true},
		{[]string{"lab", "open", "inspect"}, true},
		{[]string{"lab", "reset", "etcd"}, true},
		{[]string{"lab", "file", "metrics", "x.yaml"}, true},
		{[]string{"map", "--print"}, true},
		{[]string{"workshop", "join"}, true},
		{[]string{"validate"}, true},
		{[]string{"gendocs", "dir"}, true},
		{[]string{"help", "cluster"}, true},
		{[]string{"__complete", "read", ""}, true},
	} {
		if got := NeedsFull(tt.args); got != tt.want {
			t.Errorf("NeedsFull(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

// fakeExe makes this test binary look installed at dir/kubetutor.
func fakeExe(t *testing.T, dir string) {
	t.Helper()
	old := executable
	executable = func() (string, error) { return filepath.Join(dir, "kubetutor"), nil }
	t.Cleanup(func() { executable = old })
}

func TestFullCandidates(t *testing.T) {
	fakeExe(t, "/opt/kt/bin")
	got := FullCandidates(func(string) string { return "" })
	want := []string{"/opt/kt/bin/kubetutor-lab", "/opt/kt/lib/kubetutor/kubetutor-lab", "/usr/lib/kubetutor/kubetutor-lab"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("candidates %q, want %q", got, want)
	}
	fakeExe(t, "/usr/bin")
	got = FullCandidates(func(string) string { return "" })
	if want := []string{"/usr/bin/kubetutor-lab", "/usr/lib/kubetutor/kubetutor-lab"}; !reflect.DeepEqual(got, want) {
		t.Errorf("candidates %q, want %q", got, want)
	}
	env := func(k string) string {
		if k == FullEnv {
			return "/x/full"
		}
		return ""
	}
	if got := FullCandidates(env); !reflect.DeepEqual(got, []string{"/x/full"}) {
		t.Errorf("with %s: %q", FullEnv, got)
	}
}

// TestHandOverExecsTheFullBinaryWithTheSameArguments: the binary beside this one, then
// the lib/kubetutor place, is run with the same argv and environment.
func TestHandOverExecsTheFullBinaryWithTheSameArguments(t *testing.T) {
	for _, place := range []string{"bin", filepath.Join("lib", "kubetutor")} {
		root := t.TempDir()
		fakeExe(t, filepath.Join(root, "bin"))
		full := filepath.Join(root, place, FullName)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		var gotBin string
		var gotArgv, gotEnv []string
		old := execFunc
		execFunc = func(bin string, argv, env []string) error {
			gotBin, gotArgv, gotEnv = bin, argv, env
			return syscall.EACCES // a real exec does not return
		}
		t.Cleanup(func() { execFunc = old })
		t.Setenv("KUBETUTOR_PROBE", "1")
		err := handOver(func(string) string { return "" }, []string{"lab", "check", "inspect", "--lang", "en"})
		if gotBin != full || !reflect.DeepEqual(gotArgv, []string{full, "lab", "check", "inspect", "--lang", "en"}) {
			t.Errorf("%s: exec %q %q", place, gotBin, gotArgv)
		}
		if !contains(gotEnv, "KUBETUTOR_PROBE=1") || !contains(gotEnv, handOverEnv+"="+full) {
			t.Errorf("%s: environment not passed on, or not marked", place)
		}
		if e, ok := i18n.AsError(err); !ok || e.Msg.ID != "handover.exec" {
			t.Errorf("%s: error %v", place, err)
		}
	}
}

// reportOf is what the student reads for err, and the exit code.
func reportOf(t *testing.T, lang i18n.Lang, err error) (int, string) {
	t.Helper()
	var out bytes.Buffer
	deps := &Deps{Tr: i18n.New(lang), Out: &out, Err: &out, Dirs: paths.Under(t.TempDir()), Log: slog.New(slog.DiscardHandler)}
	return report(deps, err), out.String()
}

// TestMissingFullBinaryIsExplained: no stack, no « exec format error », but what to
// install, in French and in English.
func TestMissingFullBinaryIsExplained(t *testing.T) {
	fakeExe(t, t.TempDir())
	env := func(k string) string {
		if k == FullEnv {
			return filepath.Join(t.TempDir(), "absent")
		}
		return ""
	}
	err := handOver(env, []string{"cluster", "up"})
	for lang, want := range map[i18n.Lang][]string{
		i18n.FR: {"Erreur", "kubetutor-lab", "introuvable", "Réinstallez kubetutor", ".deb", "même dossier"},
		i18n.EN: {"Error", "kubetutor-lab", "cannot be found", "Reinstall kubetutor", ".deb", "same folder"},
	} {
		code, out := reportOf(t, lang, err)
		if code != i18n.ExitFailure {
			t.Errorf("%s: exit %d", lang, code)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: %q lacks %q", lang, out, w)
			}
		}
	}
}

// TestExecFailureSaysWhy: each errno the system gives is said in the student's words.
func TestExecFailureSaysWhy(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, FullName)
	if err := os.WriteFile(full, []byte("not a program"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == FullEnv {
			return full
		}
		return ""
	}
	for errno, want := range map[syscall.Errno][2]string{
		syscall.ENOEXEC: {"n’est pas un programme pour cette machine", "not a program for this machine"},
		syscall.EACCES:  {"permission refusée", "permission denied"},
		syscall.ENOENT:  {"a disparu", "is gone"},
		syscall.EIO:     {"le système a refusé (input/output error)", "the system refused (input/output error)"},
	} {
		old := execFunc
		execFunc = func(string, []string, []string) error { return errno }
		err := handOver(env, []string{"doctor"})
		execFunc = old
		for i, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
			_, out := reportOf(t, lang, err)
			if !strings.Contains(out, want[i]) || !strings.Contains(out, full) {
				t.Errorf("%v %s: %q lacks %q", errno, lang, out, want[i])
			}
		}
	}
}

// TestStubsHandOver: a heavy command reached through cobra (help
// listing it, or Main's fast path missed) hands over too.
func TestStubsHandOver(t *testing.T) {
	var got []string
	old := execFunc
	execFunc = func(bin string, argv, env []string) error { got = argv; return syscall.EPERM }
	t.Cleanup(func() { execFunc = old })
	dir := t.TempDir()
	full := filepath.Join(dir, FullName)
	if err := os.WriteFile(full, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(FullEnv, full)
	t.Setenv("KUBETUTOR_HOME", t.TempDir())
	var out, errOut bytes.Buffer
	code := Run([]string{"cluster", "status", "--lang", "en"}, strings.NewReader(""), &out, &errOut)
	if code != i18n.ExitFailure || !reflect.DeepEqual(got, []string{full, "cluster", "status", "--lang", "en"}) {
		t.Errorf("exit %d, exec %q, stderr %q", code, got, errOut.String())
	}
	if !strings.Contains(errOut.String(), "permission denied") {
		t.Errorf("stderr %q", errOut.String())
	}
}

// TestLabListHandsOverWhatItCannotList: with a lab.yaml the catalog cannot read, the
// light lab list hands over, so the full binary reports its problems line by line.
func TestLabListHandsOverWhatItCannotList(t *testing.T) {
	course := t.TempDir()
	if err := os.MkdirAll(filepath.Join(course, "labs", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(course, "labs", "x", "lab.yaml"), []byte("id: x\ntitle: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	old := execFunc
	execFunc = func(bin string, argv, env []string) error { got = argv; return syscall.EACCES }
	t.Cleanup(func() { execFunc = old })
	full := filepath.Join(t.TempDir(), FullName)
	if err := os.WriteFile(full, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(FullEnv, full)
	t.Setenv("KUBETUTOR_HOME", t.TempDir())
	args := []string{"lab", "list", "--course", course}
	var out, errOut bytes.Buffer
	Run(args, strings.NewReader(""), &out, &errOut)
	if !reflect.DeepEqual(got, append([]string{full}, args...)) {
		t.Errorf("exec %q, want the same arguments to %s (stderr %q)", got, full, errOut.String())
	}
	// Well-formed content lists here, with no hand-over.
	got = nil
	out.Reset()
	if code := Run([]string{"lab", "list", "--lang", "en"}, strings.NewReader(""), &out, &errOut); code != 0 || got != nil || !strings.Contains(out.String(), "inspect") {
		t.Errorf("exit %d, exec %q, out %q", code, got, out.String())
	}
}

// TestOpenArgs: the full binary gets the global flags, the reader's place and --open,
// not the light command's own words.
func TestOpenArgs(t *testing.T) {
	for _, tt := range []struct {
		args             []string
		target, ch, sect string
		want             []string
	}{
		{nil, "lab:inspect", "", "", []string{"--open", "lab:inspect"}},
		{[]string{"--lang", "en", "--course=/c", "--style", "dark"}, "map", "", "",
			[]string{"--lang", "en", "--course=/c", "--style", "dark", "--open", "map"}},
		{[]string{"read", "00", "--section", "2.2", "--lang=en"}, "map", "00", "00-02-02-etcd",
			[]string{"read", "00", "--section", "00-02-02-etcd", "--lang=en", "--open", "map"}},
		{[]string{"quiz", "00", "--", "--lang", "en"}, "cluster", "", "", []string{"--open", "cluster"}},
	} {
		if got := openArgs(tt.args, tt.target, tt.ch, tt.sect); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("openArgs(%q, %q) = %q, want %q", tt.args, tt.target, got, tt.want)
		}
	}
}

// TestHandOverNeverLoops: a light binary exec'd in the full one's place (the mark set)
// says so instead of exec'ing again.
func TestHandOverNeverLoops(t *testing.T) {
	execd := false
	old := execFunc
	execFunc = func(string, []string, []string) error { execd = true; return nil }
	t.Cleanup(func() { execFunc = old })
	full := filepath.Join(t.TempDir(), FullName)
	if err := os.WriteFile(full, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		switch k {
		case FullEnv:
			return full
		case handOverEnv:
			return full
		}
		return ""
	}
	err := handOver(env, []string{"doctor"})
	if execd {
		t.Fatal("exec'd again")
	}
	for lang, want := range map[i18n.Lang]string{i18n.FR: "n’est pas le programme complet", i18n.EN: "is not kubetutor's full program"} {
		if _, out := reportOf(t, lang, err); !strings.Contains(out, want) || !strings.Contains(out, full) {
			t.Errorf("%s: %q lacks %q", lang, out, want)
		}
	}
}
