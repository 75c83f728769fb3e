package doctor

import (
	"os"
	"path/filepath"
	"testing"
)

func TestHostReadsProcAndSys(t *testing.T) {
	root := t.TempDir()
	write := func(p, s string) {
		full := filepath.Join(root, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(s), 0o644)
	}
	write("proc/meminfo", "MemTotal:       16000000 kB\nMemFree:  100 kB\nMemAvailable:    4194304 kB\n")
	write("proc/sys/fs/inotify/max_user_watches", "8192\n")
	write("sys/fs/cgroup/cgroup.controllers", "cpu memory\n")
	h := Host{Root: root}
	if n, err := h.MemAvailable(); err != nil || n != 4*GiB {
		t.Errorf("MemAvailable = %d, %v", n, err)
	}
	if n, err := h.Sysctl("fs.inotify.max_user_watches"); err != nil || n != 8192 {
		t.Errorf("Sysctl = %d, %v", n, err)
	}
	if v := h.HostCgroupVersion(); v != "2" {
		t.Errorf("HostCgroupVersion = %q", v)
	}
	if n, err := h.DiskFree(filepath.Join(root, "does", "not", "exist")); err != nil || n <= 0 {
		t.Errorf("DiskFree of a missing path = %d, %v; want its parent's", n, err)
	}
}
