//go:build !linux && !windows

package testenv

import "syscall"

// sysProcAttr puts a component in its own process group.
func sysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }
