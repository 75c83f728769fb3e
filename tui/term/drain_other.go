//go:build !unix

package term

import (
	"os"

	"github.com/creack/pty"
)

// readBatch is the most output fed to the emulator from one wait on the pty.
const readBatch = 256 << 10

func pollable(f *os.File) *os.File { return f }

func setSize(f *os.File, w, h int) {
	_ = pty.Setsize(f, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
}

// drainer is not available here: each read is fed as it comes.
func drainer(*os.File) func(p []byte) int { return nil }
