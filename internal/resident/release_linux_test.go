//go:build linux

package resident

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// exeRss returns the resident bytes of the executable's releasable mappings.
func exeRss(t *testing.T) int64 {
	t.Helper()
	var st syscall.Stat_t
	if err := syscall.Stat("/proc/self/exe", &st); err != nil {
		t.Fatal(err)
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	var n int64
	for _, m := range exeMappings(smaps, uint64(st.Dev), st.Ino) {
		if m.releasable() {
			n += m.rss
		}
	}
	return n
}

// written lives in the binary's writable data: releasing must not touch it.
var written = []string{"avant"}

func TestReleaseStartupDropsTheBinarysPagesAndRunsOn(t *testing.T) {
	written[0] = "après"
	// Touch plenty of code and read-only data first.
	re := regexp.MustCompile(`^n(œ|oe)ud-[0-9]+$`)
	before := exeRss(t)
	if before < 1<<20 {
		t.Fatalf("only %d bytes of the test binary resident before: nothing to release", before)
	}
	released, err := ReleaseStartup()
	if err != nil {
		t.Fatal(err)
	}
	after := exeRss(t)
	t.Logf("resident code and read-only data: %d KiB before, %d KiB after (reported %d KiB)",
		before>>10, after>>10, released>>10)
	// What runs after the release (reading smaps here) is mapped again, with its
	// neighbours: after is not zero, but under before.
	if released < before*9/10 || after >= before {
		t.Errorf("released %d of %d bytes, %d resident again", released, before, after)
	}
	// The program runs on: code and read-only data are mapped again from the file,
	// and the writable data kept what was written.
	if !re.MatchString("nœud-12") || re.MatchString("pod-1") {
		t.Error("the regexp compiled before the release no longer matches")
	}
	if got := fmt.Sprintf("%s %d %q", strings.ToUpper("nœud"), 42, written[0]); got != `NŒUD 42 "après"` {
		t.Errorf("after the release: %s", got)
	}
}

func TestExeMappings(t *testing.T) {
	const smaps = `00400000-02490000 r-xp 00000000 fe:00 1234                           /opt/kubetutor-lab
Size:              33344 kB
Rss:               19072 kB
Anonymous:             0 kB
VmFlags: rd ex mr mw me sd
02490000-04d41000 r--p 02090000 fe:00 1234                           /opt/kubetutor-lab
Size:              43716 kB
Rss:               22980 kB
Anonymous:             0 kB
VmFlags: rd mr mw me sd
04d41000-04d43000 r--p 04941000 fe:00 1234                           /opt/kubetutor-lab (deleted)
Rss:                   8 kB
Anonymous:             8 kB
04d43000-04e94000 rw-p 04943000 fe:00 1234                           /opt/kubetutor-lab
Rss:                 908 kB
Anonymous:           120 kB
04e94000-07113000 rw-p 00000000 00:00 0
Rss:                2392 kB
Anonymous:          2392 kB
7fde3bb87000-7fde3bcdd000 r-xp 00028000 fe:00 99                         /usr/lib/x86_64-linux-gnu/libc.so.6
Rss:                1060 kB
Anonymous:             0 kB
7fde3bd00000-7fde3bd01000 r--p 00000000 fe:01 1234                       /mnt/other/file
Rss:                   4 kB
Anonymous:             0 kB
`
	got := exeMappings([]byte(smaps), 0xfe00, 1234)
	want := []struct {
		start      uintptr
		releasable bool
		rss        int64
	}{
		{0x400000, true, 19072 << 10},
		{0x2490000, true, 22980 << 10},
		{0x4d41000, false, 8 << 10},   // relocated read-only data: private copies
		{0x4d43000, false, 908 << 10}, // writable
	}
	if len(got) != len(want) {
		t.Fatalf("got %d mappings of the executable, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].start != w.start || got[i].releasable() != w.releasable || got[i].rss != w.rss {
			t.Errorf("mapping %d = %+v (releasable %v), want start %#x releasable %v rss %d",
				i, got[i], got[i].releasable(), w.start, w.releasable, w.rss)
		}
	}
}
