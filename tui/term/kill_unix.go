//go:build unix

package term

import (
	"syscall"

	"kubetutor/internal/proc"
)

// signalSession sends sig to the shell's process group and to every other process of its
// session (the shell started with setsid is its leader, and its jobs live in their own
// process groups). The session's members come from the system's process table: /proc on
// Linux, the kernel's sysctl on macOS (internal/proc).
func signalSession(sid int, sig syscall.Signal) {
	_ = syscall.Kill(-sid, sig)
	for _, pid := range proc.SessionMembers(proc.System(), sid) {
		_ = syscall.Kill(pid, sig)
	}
}
