package bench

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// BenchmarkFirstFrame starts kubetutor in a 100x30 pseudo-terminal, answers its
// background color query as a dark terminal would, and times two moments from the
// process start: the first frame (the reader's title bar and table of contents) and the
// chapter's text on screen (glamour rendering done in its command).
func BenchmarkFirstFrame(b *testing.B) {
	bin := os.Getenv("KUBETUTOR_BIN")
	if bin == "" {
		b.Skip("KUBETUTOR_BIN is not set (make bench sets it)")
	}
	var first, text time.Duration
	for b.Loop() {
		f, t := startOnce(b, bin)
		first += f
		text += t
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms-first-frame")
	b.ReportMetric(float64(text.Microseconds())/1000/float64(b.N), "ms-text")
}

// BenchmarkFirstFrameHome times the home screen's first frame (kubetutor without a
// command) from the process start, for the light kubetutor and for the full
// kubetutor-lab beside it (what the light binary saves the student).
func BenchmarkFirstFrameHome(b *testing.B) {
	bin := os.Getenv("KUBETUTOR_BIN")
	if bin == "" {
		b.Skip("KUBETUTOR_BIN is not set (make bench sets it)")
	}
	for _, name := range []string{"light", "full"} {
		exe := bin
		if name == "full" {
			exe = filepath.Join(filepath.Dir(bin), "kubetutor-lab")
			if _, err := os.Stat(exe); err != nil {
				continue
			}
		}
		b.Run(name, func(b *testing.B) {
			var first time.Duration
			for b.Loop() {
				first += frameOnce(b, exe, "Travaux pratiques")
			}
			b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms-first-frame")
		})
	}
}

// frameOnce starts bin (no command) in a 100x30 pseudo-terminal and returns how long
// until want is on screen.
func frameOnce(b *testing.B, bin, want string) time.Duration {
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+b.TempDir(), "KUBETUTOR_LANG=fr", "TERM=xterm-256color")
	start := time.Now()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = ptmx.Close()
	}()
	var seen bytes.Buffer
	buf := make([]byte, 64<<10)
	answered := false
	_ = ptmx.SetReadDeadline(time.Now().Add(10 * time.Second))
	for {
		n, err := ptmx.Read(buf)
		if err != nil {
			b.Fatalf("reading the terminal: %v (seen %q)", err, seen.String())
		}
		seen.Write(buf[:n])
		s := seen.String()
		if !answered && strings.Contains(s, "\x1b]11;?") {
			_, _ = ptmx.WriteString("\x1b]11;rgb:0000/0000/0000\x1b\\")
			answered = true
		}
		if strings.Contains(s, want) {
			return time.Since(start)
		}
	}
}

func startOnce(b *testing.B, bin string) (first, text time.Duration) {
	cmd := exec.Command(bin, "read", "00")
	cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+b.TempDir(), "KUBETUTOR_LANG=fr", "TERM=xterm-256color")
	start := time.Now()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = ptmx.Close()
	}()
	var seen bytes.Buffer
	buf := make([]byte, 64<<10)
	answered := false
	deadline := time.Now().Add(10 * time.Second)
	_ = ptmx.SetReadDeadline(deadline)
	for time.Now().Before(deadline) {
		n, err := ptmx.Read(buf)
		if err != nil {
			b.Fatalf("reading the terminal: %v (seen %q)", err, seen.String())
		}
		seen.Write(buf[:n])
		s := seen.String()
		if !answered && strings.Contains(s, "\x1b]11;?") {
			// The OSC 11 answer of a terminal with a black background.
			_, _ = ptmx.WriteString("\x1b]11;rgb:0000/0000/0000\x1b\\")
			answered = true
		}
		if first == 0 && strings.Contains(s, "Sommaire") {
			first = time.Since(start)
		}
		if first != 0 && strings.Contains(s, "issue de ce chapitre") {
			return first, time.Since(start)
		}
	}
	b.Fatalf("no chapter text after 10 s; seen %q", seen.String())
	return
}
