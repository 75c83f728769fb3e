package testenv

import "syscall"

// sysProcAttr has nothing to set on Windows, where Start skips anyway.
func sysProcAttr() *syscall.SysProcAttr { return nil }

// killGroup is a no-op on Windows.
func killGroup(int, syscall.Signal) {}

// processGone is never sure on Windows.
func processGone(int) bool { return false }
