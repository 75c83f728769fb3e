//go:build !windows

package cli

import "syscall"

// execFunc replaces the process (syscall.Exec); tests replace it.
var execFunc = syscall.Exec
