package cluster

import (
	"context"
	"errors"
	"io/fs"
	"os/exec"

	"kubetutor/i18n"
)

// RuntimeDisplay is the engine's name as students know it ("Docker" for docker).
func RuntimeDisplay(name string) string {
	switch name {
	case "docker":
		return "Docker"
	case "podman":
		return "Podman"
	}
	return name
}

// ErrorMessage turns an error of this package into what the student reads and its exit
// code (i18n.ExitUsage for an unusable environment or bad input). logFile is named in the
// message of unexpected errors.
func ErrorMessage(err error, name, logFile string) (i18n.Message, int) {
	var re *RuntimeError
	switch {
	case errors.As(err, &re):
		rt := RuntimeDisplay(re.Runtime)
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
			return i18n.M("cluster.runtime.missing", "Runtime", rt), i18n.ExitUsage
		}
		return i18n.M("cluster.runtime.down", "Runtime", rt), i18n.ExitUsage
	case errors.Is(err, ErrInvalidName):
		return i18n.M("cluster.invalid.name", "Name", name), i18n.ExitUsage
	case errors.Is(err, ErrHalfMade):
		return i18n.M("cluster.up.halfmade", "Name", name), i18n.ExitFailure
	case errors.Is(err, ErrNodesNotReady):
		return i18n.M("cluster.up.notready", "Name", name, "Log", logFile), i18n.ExitFailure
	case errors.Is(err, context.Canceled):
		return i18n.M("cluster.up.cancelled"), i18n.ExitFailure
	}
	return i18n.M("cluster.failed", "Name", name, "Err", err.Error(), "Log", logFile), i18n.ExitFailure
}
