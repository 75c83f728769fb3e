package mapstatetest

import (
	"syscall"
	"testing"
	"time"
)

// CPUTime returns the CPU time (user and system) the process has used: benchmarks
// report it per operation besides the wall time, which a loaded machine inflates.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ReportCPU reports the CPU time per operation since start as « cpu-ms/op ».
func ReportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(CPUTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}
