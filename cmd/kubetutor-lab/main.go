//go:build !windows

// Command kubetutor-lab is kubetutor's full binary: every command, with the lab engine,
// kind and client-go. The light kubetutor hands over to it; students never type its name.
package main

import (
	"os"

	"kubetutor/cmd/kubetutor/app"
)

func main() {
	os.Exit(app.Main())
}
