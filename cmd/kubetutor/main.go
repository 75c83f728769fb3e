//go:build !windows

// Command kubetutor is a terminal tutor for the course « Architecture de Kubernetes ».
package main

import (
	"os"

	"kubetutor/cmd/kubetutor/app"
)

func main() {
	os.Exit(app.Main())
}
