package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"

	"kubetutor/i18n"
)

// wslNotice writes how to run kubetutor in WSL2 (Windows' build prints only this) and
// returns the exit code: 1, since nothing the student asked for was done. It is built on
// every system so Linux tests cover it.
func wslNotice(args []string, w io.Writer) int {
	tr := i18n.New(i18n.Detect(langArg(args)))
	fmt.Fprintln(w, tr.T("release.windows.wsl", map[string]any{"Arch": linuxArch(runtime.GOARCH)}))
	return i18n.ExitFailure
}

// linuxArch is the Linux release to download for a Windows machine's processor.
func linuxArch(goarch string) string {
	if goarch == "arm64" {
		return "arm64"
	}
	return "amd64"
}

// langArg finds --lang in args (--lang en, --lang=en).
func langArg(args []string) string {
	for i, a := range args {
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}
