package testenv

import "syscall"

// sysProcAttr puts a component in its own process group and has the kernel kill it if the
// test binary dies without cleaning up (a panic, a timeout, a kill -9).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
