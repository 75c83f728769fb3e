//go:build unix

package term

import (
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// readBatch is the most output fed to the emulator from one wait on the pty.
const readBatch = 256 << 10

// pollable returns the pty's master side in non-blocking mode, read and written through
// the runtime's poller: pty.StartWithSize leaves it blocking (its Setsize calls Fd),
// which makes every read a blocking system call and forbids reading what is there
// without waiting. The descriptor is duplicated, the duplicate made non-blocking and
// wrapped; the original is closed. On failure f is returned as it is.
func pollable(f *os.File) *os.File {
	raw, err := f.SyscallConn()
	if err != nil {
		return f
	}
	dup := -1
	_ = raw.Control(func(fd uintptr) {
		if d, err := unix.Dup(int(fd)); err == nil {
			dup = d
		}
	})
	if dup < 0 {
		return f
	}
	if err := unix.SetNonblock(dup, true); err != nil {
		_ = unix.Close(dup)
		return f
	}
	_ = f.Close()
	return os.NewFile(uintptr(dup), f.Name())
}

// setSize sets the pty's window size without Fd (which would put it back in blocking
// mode).
func setSize(f *os.File, w, h int) {
	raw, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = raw.Control(func(fd uintptr) {
		_ = unix.IoctlSetWinsize(int(fd), unix.TIOCSWINSZ, &unix.Winsize{Col: uint16(w), Row: uint16(h)})
	})
}

// drainer returns a function that reads what f already holds into p without waiting,
// or nil when f's descriptor is in blocking mode (a read would wait).
func drainer(f *os.File) func(p []byte) int {
	raw, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	nonblock := false
	_ = raw.Control(func(fd uintptr) {
		flags, err := unix.FcntlInt(fd, unix.F_GETFL, 0)
		nonblock = err == nil && flags&unix.O_NONBLOCK != 0
	})
	if !nonblock {
		return nil
	}
	return func(p []byte) int {
		total := 0
		for len(p)-total >= 4096 {
			n := 0
			var rerr error
			if err := raw.Read(func(fd uintptr) bool {
				n, rerr = syscall.Read(int(fd), p[total:])
				return true // never wait for more
			}); err != nil || rerr != nil || n <= 0 {
				break
			}
			total += n
		}
		return total
	}
}
