//go:build !linux && !darwin

package doctor

import "errors"

var errUnsupported = errors.New("not read on this system")

// HostCgroupVersion is unknown on this system.
func (h Host) HostCgroupVersion() string { return "" }

// MemAvailable is not read on this system.
func (h Host) MemAvailable() (int64, error) { return 0, errUnsupported }

// Sysctl is not read on this system.
func (h Host) Sysctl(string) (int64, error) { return 0, errUnsupported }
