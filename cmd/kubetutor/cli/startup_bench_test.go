package cli

import (
	"io"
	"strings"
	"testing"
)

// The in-process part of the start-up (after package initialization, which
// GODEBUG=inittrace=1 shows): building the command tree, the catalogs, the log, the
// command itself. Profile with -cpuprofile; bench/startup.sh times the whole process.
func benchRun(b *testing.B, args ...string) {
	b.Setenv("KUBETUTOR_HOME", b.TempDir())
	b.ReportAllocs()
	for b.Loop() {
		if code := Run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("%v: exit %d", args, code)
		}
	}
}

func BenchmarkStartupVersion(b *testing.B) { benchRun(b, "version") }

func BenchmarkStartupReadPrint(b *testing.B) {
	benchRun(b, "read", "00", "--print", "--width", "100", "--style", "notty")
}

func BenchmarkStartupLabList(b *testing.B) { benchRun(b, "lab", "list") }
