package doctor

import (
	"strings"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

// VM names the virtual machine the container engine runs in, when it does not run on this
// machine's own kernel. On macOS it always does (Docker Desktop, Colima, Podman machine):
// the nodes' memory, cgroups and inotify limits are then the VM's, not the host's, and the
// doctor reads them through the engine (`docker info`) instead of /proc and /sys.
type VM string

// The virtual machines the doctor knows how to advise about.
const (
	NoVM          VM = ""        // the engine runs on this machine's kernel (Linux)
	DockerDesktop VM = "desktop" // Docker Desktop, on macOS, Windows or Linux
	Colima        VM = "colima"  // Colima (Lima), on macOS or Linux
	PodmanMachine VM = "podman"  // podman machine
	OtherVM       VM = "vm"      // a VM the doctor cannot name (or an engine that does not answer)
)

// EngineVM tells which VM runs the engine, from the host's system (runtime.GOOS) and what
// the engine says of itself.
func EngineVM(hostOS, runtimeName string, info cluster.RuntimeInfo) VM {
	desktop := strings.Contains(info.OperatingSystem, "Docker Desktop")
	colima := strings.Contains(strings.ToLower(info.Name), "colima")
	switch {
	case desktop:
		return DockerDesktop
	case colima:
		return Colima
	case hostOS == "linux":
		return NoVM
	case runtimeName == "podman":
		return PodmanMachine
	}
	return OtherVM
}

// VMMemRecommended is the memory a VM given 4 GiB reports as its total (its kernel keeps
// some: Docker Desktop set to 4 GB shows about 3.8 GiB).
const VMMemRecommended = 7 * GiB / 2

// vmFixes are the catalog keys of « give the VM more memory », per VM.
var vmFixes = map[VM]string{
	DockerDesktop: "doctor.memory.vm.fix.desktop",
	Colima:        "doctor.memory.vm.fix.colima",
	PodmanMachine: "doctor.memory.vm.fix.podman",
	OtherVM:       "doctor.memory.vm.fix.other",
}

// vmMemory grades the memory of the engine's VM, as the engine reports it: that is what
// the nodes share, whatever the host has free.
func vmMemory(vm VM, info cluster.RuntimeInfo, up bool) Finding {
	if !up || info.MemTotal <= 0 {
		return Finding{ID: "memory", Level: Warning, Title: i18n.M("doctor.memory.vm.unknown"), Fix: i18n.M(vmFixes[vm])}
	}
	t := i18n.M("doctor.memory.vm", "Total", i18n.Bytes(info.MemTotal))
	switch {
	case info.MemTotal >= VMMemRecommended:
		return Finding{ID: "memory", Level: OK, Title: t}
	case info.MemTotal >= MemMinimum:
		return Finding{ID: "memory", Level: Warning, Title: t, Fix: i18n.M(vmFixes[vm])}
	}
	return Finding{ID: "memory", Level: Blocking, Title: t, Fix: i18n.M(vmFixes[vm])}
}
