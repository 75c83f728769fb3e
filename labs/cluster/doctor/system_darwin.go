package doctor

import (
	"errors"
	"strings"

	"golang.org/x/sys/unix"
)

// errNoHostReading says a host value means nothing on macOS: the engine's VM has its own,
// which the doctor reads through the engine.
var errNoHostReading = errors.New("macOS: the engine's virtual machine has its own")

// HostCgroupVersion is "": macOS has no cgroups, the engine's VM has them (and `docker
// info` tells their version).
func (h Host) HostCgroupVersion() string { return "" }

// MemAvailable is not read on macOS: the nodes share the VM's memory, which the engine
// reports (RuntimeInfo.MemTotal), whatever the Mac has free.
func (h Host) MemAvailable() (int64, error) { return 0, errNoHostReading }

// Sysctl reads an integer kernel setting with sysctl(3) ("kern.maxfiles"). Linux's
// fs.inotify.* do not exist on macOS: those belong to the VM.
func (h Host) Sysctl(name string) (int64, error) {
	if strings.HasPrefix(name, "fs.inotify.") {
		return 0, errNoHostReading
	}
	if v, err := unix.SysctlUint64(name); err == nil {
		return int64(v), nil
	}
	v, err := unix.SysctlUint32(name)
	return int64(v), err
}
