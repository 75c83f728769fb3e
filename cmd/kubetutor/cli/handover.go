package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"kubetutor/i18n"
)

// FullName is the full binary's file name: every command, the lab engine, kind and
// client-go. The light kubetutor hands over to it for what needs a cluster, Docker, the
// lab engine or the class server (see the README's « Two binaries »).
const FullName = "kubetutor-lab"

// FullEnv overrides where the full binary is (tests, a development tree).
const FullEnv = "KUBETUTOR_LAB_BIN"

// handOverEnv marks a process the light binary exec'd: a light binary that finds it
// set was exec'd in place of the full one (a copy under the wrong name) and stops
// instead of handing over to itself again. The full binary removes it at once, so the
// programs it starts (the lab shell, kubetutor typed there) do not inherit it.
const handOverEnv = "KUBETUTOR_HANDED_OVER"

// LibDir is where the .deb and .rpm install the full binary, relative to the prefix of
// the directory that holds kubetutor (/usr/bin → /usr/lib/kubetutor).
const LibDir = "lib/kubetutor"

// executable is os.Executable with symlinks resolved; tests replace it.
var executable = func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(exe)
}

// FullCandidates lists where the full binary is looked for, in order: FullEnv when set
// (and only it), else beside this executable, then in LibDir under its prefix, then in
// /usr/lib/kubetutor.
func FullCandidates(getenv func(string) string) []string {
	if p := getenv(FullEnv); p != "" {
		return []string{p}
	}
	var out []string
	if exe, err := executable(); err == nil {
		dir := filepath.Dir(exe)
		out = append(out, filepath.Join(dir, FullName), filepath.Join(filepath.Dir(dir), LibDir, FullName))
	}
	if sys := filepath.Join("/usr", LibDir, FullName); !contains(out, sys) {
		out = append(out, sys)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// findFull returns the first candidate that is a regular file.
func findFull(getenv func(string) string) (string, []string) {
	cands := FullCandidates(getenv)
	for _, c := range cands {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return c, cands
		}
	}
	return "", cands
}

// locateFull returns the full binary, or the localized error that says what to install.
func locateFull(getenv func(string) string) (string, error) {
	bin, tried := findFull(getenv)
	if bin == "" {
		return "", i18n.FailErr(fs.ErrNotExist, "handover.missing", "Name", FullName, "Tried", strings.Join(tried, ", "))
	}
	return bin, nil
}

// handOver replaces this process by the full binary with the same arguments and
// environment. It returns only on failure, with a localized error that says what to
// install or why the system refused to run it.
func handOver(getenv func(string) string, args []string) error {
	bin, err := locateFull(getenv)
	if err != nil {
		return err
	}
	if getenv(handOverEnv) != "" {
		return i18n.FailErr(nil, "handover.loop", "Path", getenv(handOverEnv), "Name", FullName)
	}
	err = execFunc(bin, append([]string{bin}, args...), append(os.Environ(), handOverEnv+"="+bin))
	return i18n.FailErr(err, "handover.exec", "Path", bin, "Why", i18n.M(errnoKey(err), "Err", errText(err)))
}

// errText is the system's own words for err ("" for none).
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// errnoKey names the catalog message that explains why exec failed.
func errnoKey(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return "handover.why.other"
	}
	switch errno {
	case syscall.EACCES, syscall.EPERM:
		return "handover.why.access"
	case syscall.ENOEXEC:
		return "handover.why.format"
	case syscall.ENOENT, syscall.ENOTDIR:
		return "handover.why.missing"
	case syscall.ENOMEM, syscall.E2BIG:
		return "handover.why.memory"
	}
	return "handover.why.other"
}
