//go:build !windows

package testenv

import "syscall"

// killGroup sends sig to the process group led by pid.
func killGroup(pid int, sig syscall.Signal) { _ = syscall.Kill(-pid, sig) }
