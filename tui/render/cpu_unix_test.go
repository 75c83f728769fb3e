//go:build unix

package render

import (
	"syscall"
	"testing"
	"time"
)

// processCPU is the CPU time (user and system, every thread) the process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU runs the benchmark body and reports its CPU time per op (cpu-ns/op) beside
// the wall time: on a shared machine the steadier figure, and the one that counts the
// work of every goroutine (and the GC's).
func reportCPU(b *testing.B, body func()) {
	start := processCPU()
	body()
	if b.N > 0 {
		b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op")
	}
}
