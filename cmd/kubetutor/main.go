//go:build !windows

// Command kubetutor is a terminal tutor for the course « Architecture de Kubernetes »: the
// light binary (reader, quizzes, lab list, progress), which hands over to kubetutor-lab
// for the rest.
package main

import (
	"os"

	"kubetutor/cmd/kubetutor/cli"
)

func main() {
	os.Exit(cli.Main())
}
