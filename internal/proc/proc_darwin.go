package proc

import "golang.org/x/sys/unix"

// System returns this machine's process table, read from the kernel: macOS has no /proc,
// so the pids come from the kern.proc.all sysctl and each session id from getsid(2).
func System() Table { return darwinTable{} }

type darwinTable struct{}

// PIDs lists every process the kern.proc.all sysctl returns.
func (darwinTable) PIDs() ([]int, error) {
	procs, err := unix.SysctlKinfoProcSlice("kern.proc.all")
	if err != nil {
		return nil, err
	}
	pids := make([]int, 0, len(procs))
	for _, p := range procs {
		if pid := int(p.Proc.P_pid); pid > 0 {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// SID asks getsid(2).
func (darwinTable) SID(pid int) (int, error) { return unix.Getsid(pid) }
