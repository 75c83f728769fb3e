package bench

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// runTime is the time pid's live threads have spent on a CPU, to the nanosecond
// (/proc/PID/task/*/schedstat): /proc/PID/stat counts in 10 ms ticks, too coarse for
// a process that wakes a few times a minute.
func runTime(pid int) (time.Duration, bool) {
	stats, err := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "schedstat"))
	if err != nil || len(stats) == 0 {
		return 0, false
	}
	var sum time.Duration
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue // the thread ended
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return 0, false
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, false
		}
		sum += time.Duration(ns)
	}
	return sum, true
}
