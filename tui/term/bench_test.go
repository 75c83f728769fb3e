package term

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/charmbracelet/x/vt"

	"kubetutor/i18n"
)

// The pane's write and render paths. The emulator benchmarks feed x/vt alone with the
// same bytes as the feeder benchmarks, in the chunks a pty hands out (4 KB): the
// difference is the feeder's. Sizes: 120x40 (a whole terminal) and 69x36 (the lab
// screen's pane in a 120x40 terminal).

// seqOutput is `seq 1 n` as the pty delivers it (CR LF).
func seqOutput(n int) []byte {
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		b.WriteString(strconv.Itoa(i))
		b.WriteString("\r\n")
	}
	return b.Bytes()
}

// yamlOutput is about n lines of `kubectl get -o yaml`, some wider than the pane.
func yamlOutput(n int) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i += 8 {
		b.WriteString("- apiVersion: v1\r\n  kind: Pod\r\n  metadata:\r\n    annotations:\r\n")
		b.WriteString("      kubectl.kubernetes.io/last-applied-configuration: '{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-" + strconv.Itoa(i) + "\",\"namespace\":\"default\"}}'\r\n")
		b.WriteString("    name: web-" + strconv.Itoa(i) + "\r\n    namespace: default\r\n    uid: 0f8b6c2e-" + strconv.Itoa(i) + "\r\n")
	}
	return b.Bytes()
}

// coloredOutput is `ls --color`-like lines: every line has SGR sequences, so the fast
// path never applies (the emulator's ordinary path, scroll per line).
func coloredOutput(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		b.WriteString("\x1b[01;34mdir-" + strconv.Itoa(i) + "\x1b[0m  \x1b[01;32mrun.sh\x1b[0m  notes.txt\r\n")
	}
	return b.Bytes()
}

func feedChunks(write func([]byte), data []byte) {
	for off := 0; off < len(data); off += 4096 {
		write(data[off:min(off+4096, len(data))])
	}
}

func benchEmulator(b *testing.B, w, h int, data []byte) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		e := vt.NewEmulator(w, h)
		e.SetScrollbackSize(scrollbackLines)
		go drainEmulator(e)
		feedChunks(func(p []byte) { _, _ = e.Write(p) }, data)
		_ = e.Close()
	}
}

func benchFeed(b *testing.B, w, h int, data []byte) {
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s := newSession(w, h)
		feedChunks(s.output, data)
		s.close()
	}
}

func BenchmarkEmulatorSeq120x40(b *testing.B) { benchEmulator(b, 120, 40, seqOutput(20000)) }
func BenchmarkFeedSeq120x40(b *testing.B)     { benchFeed(b, 120, 40, seqOutput(200000)) }
func BenchmarkEmulatorSeq69x36(b *testing.B)  { benchEmulator(b, 69, 36, seqOutput(20000)) }
func BenchmarkFeedSeq69x36(b *testing.B)      { benchFeed(b, 69, 36, seqOutput(200000)) }
func BenchmarkEmulatorYAML69x36(b *testing.B) { benchEmulator(b, 69, 36, yamlOutput(8000)) }
func BenchmarkFeedYAML69x36(b *testing.B)     { benchFeed(b, 69, 36, yamlOutput(80000)) }
func BenchmarkFeedColored69x36(b *testing.B)  { benchFeed(b, 69, 36, coloredOutput(4000)) }

// BenchmarkFeedSeqBatched is the feeder given what gathers in the inbox while the
// emulator is busy (64 KB batches rather than 4 KB reads).
func BenchmarkFeedSeqBatched(b *testing.B) {
	data := seqOutput(200000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		s := newSession(69, 36)
		for off := 0; off < len(data); off += 64 << 10 {
			s.output(data[off:min(off+64<<10, len(data))])
		}
		s.close()
	}
}

// BenchmarkView measures one frame of a full 120x40 pane with colored text.
func BenchmarkView(b *testing.B) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(120, 40)
	for i := range 60 {
		m.Write([]byte("\x1b[32mline\x1b[0m " + strconv.Itoa(i) + " \x1b[1mkubectl get pods -A -o wide\x1b[0m\r\n"))
	}
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkWrite measures the emulator's throughput on shell-like colored output, a
// line at a time (the interactive case: no batch to skip).
func BenchmarkWrite(b *testing.B) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(120, 40)
	chunk := []byte("kube-system   coredns-5d78c9869d-abcde   1/1   \x1b[32mRunning\x1b[0m   0   3m   10.244.0.3   kubetutor-control-plane\r\n")
	b.SetBytes(int64(len(chunk)))
	for b.Loop() {
		m.Write(chunk)
	}
}
