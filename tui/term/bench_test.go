package term

import (
	"strconv"
	"testing"

	"kubetutor/i18n"
)

// BenchmarkView measures one frame of a full 120x40 pane with colored text.
func BenchmarkView(b *testing.B) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(120, 40)
	for i := range 60 {
		m.Write([]byte("\x1b[32mline\x1b[0m " + strconv.Itoa(i) + " \x1b[1mkubectl get pods -A -o wide\x1b[0m\r\n"))
	}
	b.ResetTimer()
	for range b.N {
		_ = m.View()
	}
}

// BenchmarkWrite measures the emulator's throughput on shell-like output.
func BenchmarkWrite(b *testing.B) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(120, 40)
	chunk := []byte("kube-system   coredns-5d78c9869d-abcde   1/1   \x1b[32mRunning\x1b[0m   0   3m   10.244.0.3   kubetutor-control-plane\r\n")
	b.SetBytes(int64(len(chunk)))
	b.ResetTimer()
	for range b.N {
		m.Write(chunk)
	}
}
