// Package proc finds the processes of a session, so the lab shell can be ended with every
// job it started, whatever process group each job runs in.
//
// Reading the process table differs by system (Table): Linux walks /proc, macOS asks the
// kernel with the kern.proc.all sysctl and getsid(2). What they share, picking a session's
// members out of the table, is written once here and tested on Linux with a fake table.
package proc

import (
	"errors"
	"slices"
)

// ErrUnsupported is returned by the table of a system kubetutor cannot read.
var ErrUnsupported = errors.New("the process table cannot be read on this system")

// Table is a system's process table.
type Table interface {
	// PIDs lists the ids of the processes this user can see.
	PIDs() ([]int, error)
	// SID returns the session id of process pid; an error when it has ended.
	SID(pid int) (int, error)
}

// SessionMembers returns, sorted, the ids of the processes in session sid. Processes that
// end while the table is read are left out; an unreadable table gives none.
func SessionMembers(t Table, sid int) []int {
	pids, err := t.PIDs()
	if err != nil {
		return nil
	}
	var members []int
	for _, pid := range pids {
		if got, err := t.SID(pid); err == nil && got == sid {
			members = append(members, pid)
		}
	}
	slices.Sort(members)
	return members
}
