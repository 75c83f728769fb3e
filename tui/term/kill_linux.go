package term

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// sessionMembers returns the pids of the processes in session sid (the shell started
// with setsid is its leader, so every job it ran, in whatever process group, is there).
func sessionMembers(sid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		data, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid pgrp session ...: comm may hold spaces, so split after ')'.
		s := string(data)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 4 {
			continue
		}
		if got, _ := strconv.Atoi(f[3]); got == sid {
			pids = append(pids, pid)
		}
	}
	return pids
}

// signalSession sends sig to the shell's process group and to every other process of
// its session (jobs live in their own process groups).
func signalSession(sid int, sig syscall.Signal) {
	_ = syscall.Kill(-sid, sig)
	for _, pid := range sessionMembers(sid) {
		_ = syscall.Kill(pid, sig)
	}
}
