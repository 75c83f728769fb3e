package doctor

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// HostCgroupVersion looks for the unified hierarchy's cgroup.controllers.
func (h Host) HostCgroupVersion() string {
	if _, err := os.Stat(h.path("/sys/fs/cgroup/cgroup.controllers")); err == nil {
		return "2"
	}
	if _, err := os.Stat(h.path("/sys/fs/cgroup")); err == nil {
		return "1"
	}
	return ""
}

// MemAvailable reads MemAvailable from /proc/meminfo.
func (h Host) MemAvailable() (int64, error) {
	data, err := os.ReadFile(h.path("/proc/meminfo"))
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemAvailable:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("MemAvailable not in /proc/meminfo")
}

// Sysctl reads /proc/sys/<name with dots as slashes>.
func (h Host) Sysctl(name string) (int64, error) {
	data, err := os.ReadFile(h.path(filepath.Join("/proc/sys", strings.ReplaceAll(name, ".", "/"))))
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
}
