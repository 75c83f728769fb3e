//go:build linux

package resident

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// ReleaseStartup drops this process's mappings of the executable's pages that nothing
// wrote to (its code and read-only data), and returns how many bytes were mapped. The
// page cache keeps them; what the program runs from then on is mapped again, page by
// page, by minor faults, so the resident size holds what the running screen uses, not
// what the start-up touched once.
//
// Only mappings of the executable that are not writable and hold no private copy of a
// page (smaps' Anonymous: 0) are dropped: a position-independent build's relocated
// read-only data (RELRO) has private copies and is left alone, and a mapping without
// private copies reads back the same bytes from the file (Linux refuses writes to a
// running executable: ETXTBSY).
func ReleaseStartup() (released int64, err error) {
	var st syscall.Stat_t
	if err := syscall.Stat("/proc/self/exe", &st); err != nil {
		return 0, err
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return 0, err
	}
	for _, m := range exeMappings(smaps, uint64(st.Dev), st.Ino) {
		if !m.releasable() {
			continue
		}
		if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, m.start, m.end-m.start, unix.MADV_DONTNEED); e != 0 {
			return released, fmt.Errorf("madvise %#x-%#x: %w", m.start, m.end, e)
		}
		released += m.rss
	}
	return released, nil
}

// mapping is one mapping of the executable in /proc/self/smaps.
type mapping struct {
	start, end uintptr
	writable   bool
	anon, rss  int64 // bytes
}

// releasable reports whether dropping the mapping's pages loses nothing: it is not
// writable and holds no private copy of a page.
func (m mapping) releasable() bool { return !m.writable && m.anon == 0 && m.end > m.start }

// exeMappings returns the mappings of the file with device dev and inode ino.
func exeMappings(smaps []byte, dev, ino uint64) []mapping {
	var out []mapping
	var cur *mapping
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) == 0 {
			continue
		}
		if m, ok := header(f, dev, ino); ok {
			out = append(out, m)
			cur = &out[len(out)-1]
			continue
		} else if isHeader(f) {
			cur = nil
			continue
		}
		if cur == nil || len(f) < 2 {
			continue
		}
		kb, err := strconv.ParseInt(string(f[1]), 10, 64)
		if err != nil {
			continue
		}
		switch string(f[0]) {
		case "Anonymous:":
			cur.anon = kb << 10
		case "Rss:":
			cur.rss = kb << 10
		}
	}
	return out
}

// isHeader reports whether the fields are a mapping's first line
// (start-end perms offset major:minor inode [path]).
func isHeader(f [][]byte) bool {
	return len(f) >= 5 && bytes.IndexByte(f[0], '-') > 0 && bytes.IndexByte(f[3], ':') > 0 &&
		f[0][len(f[0])-1] != ':'
}

// header parses a mapping's first line and reports whether it maps the file dev/ino.
func header(f [][]byte, dev, ino uint64) (mapping, bool) {
	if !isHeader(f) {
		return mapping{}, false
	}
	n, err := strconv.ParseUint(string(f[4]), 10, 64)
	if err != nil || n != ino || n == 0 {
		return mapping{}, false
	}
	majMin := bytes.SplitN(f[3], []byte(":"), 2)
	maj, err1 := strconv.ParseUint(string(majMin[0]), 16, 32)
	mnr, err2 := strconv.ParseUint(string(majMin[1]), 16, 32)
	if err1 != nil || err2 != nil || unix.Mkdev(uint32(maj), uint32(mnr)) != dev {
		return mapping{}, false
	}
	se := bytes.SplitN(f[0], []byte("-"), 2)
	s, err1 := strconv.ParseUint(string(se[0]), 16, 64)
	e, err2 := strconv.ParseUint(string(se[1]), 16, 64)
	if err1 != nil || err2 != nil || len(f[1]) < 2 {
		return mapping{}, false
	}
	return mapping{start: uintptr(s), end: uintptr(e), writable: f[1][1] == 'w'}, true
}
