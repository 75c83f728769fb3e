package main

import "os"

// On Windows, kubetutor is a notice: the labs need Linux containers and a Unix shell, so
// the tutor runs inside WSL2. This build says so, in the student's language, and fails.
func main() {
	os.Exit(wslNotice(os.Args[1:], os.Stderr))
}
