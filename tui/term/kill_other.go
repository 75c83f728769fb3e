//go:build !linux

package term

import "syscall"

// signalSession sends sig to the shell's process group (other systems have no /proc to
// find the session's other groups).
func signalSession(sid int, sig syscall.Signal) {
	_ = syscall.Kill(-sid, sig)
}
