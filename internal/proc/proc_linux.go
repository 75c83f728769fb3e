package proc

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// System returns this machine's process table, read from /proc.
func System() Table { return procFS{root: "/proc"} }

// procFS reads a proc file system mounted at root.
type procFS struct{ root string }

// PIDs lists the numeric entries of /proc.
func (p procFS) PIDs() ([]int, error) {
	entries, err := os.ReadDir(p.root)
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil {
			pids = append(pids, pid)
		}
	}
	return pids, nil
}

// SID reads the session field of /proc/PID/stat.
func (p procFS) SID(pid int) (int, error) {
	data, err := os.ReadFile(filepath.Join(p.root, strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0, err
	}
	return parseStatSID(string(data))
}

// parseStatSID reads the session id out of a /proc/PID/stat line: "pid (comm) state ppid
// pgrp session ...", where comm may hold spaces and parentheses, so fields are counted
// after the last ')'.
func parseStatSID(s string) (int, error) {
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, errors.New("stat: no command name")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 4 {
		return 0, errors.New("stat: too few fields")
	}
	return strconv.Atoi(f[3])
}
