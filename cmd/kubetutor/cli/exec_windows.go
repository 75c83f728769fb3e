package cli

import "syscall"

// execFunc cannot replace a process on Windows, where kubetutor only prints the WSL2
// notice (cmd/kubetutor/main_windows.go).
var execFunc = func(string, []string, []string) error { return syscall.EWINDOWS }
