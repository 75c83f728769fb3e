package doctor

import (
	"context"
	"errors"
	"io/fs"
	"os/exec"
	"strconv"
	"strings"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

// Thresholds of the findings.
const (
	GiB = int64(1) << 30
	// MemRecommended is enough for a control plane and two workers with lab workloads.
	MemRecommended = 4 * GiB
	// MemMinimum is below what one small cluster needs.
	MemMinimum = 3 * GiB / 2
	// DiskRecommended holds the node image, the lab images and the nodes' writable layers.
	DiskRecommended = 10 * GiB
	// DiskMinimum is below what a cluster's containers need.
	DiskMinimum = 3 * GiB
	// WatchesRecommended and InstancesRecommended are kind's advice for multi-node
	// clusters (its known issue "too many open files").
	WatchesRecommended   = 524288
	InstancesRecommended = 512
)

func isNotFound(err error) bool {
	return errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist)
}

// Runtime grades the container engine: its daemon must answer, not just its client exist.
// vm says how to start it (a service on Linux, an application or a VM elsewhere).
func Runtime(name string, vm VM, info cluster.RuntimeInfo, err error) Finding {
	rt := runtimeDisplay(name)
	switch {
	case err == nil:
		return Finding{ID: "runtime", Level: OK, Title: i18n.M("doctor.runtime.ok", "Runtime", rt, "Version", info.ServerVersion)}
	case errNotFound(err):
		return Finding{ID: "runtime", Level: Blocking, Title: i18n.M("doctor.runtime.missing", "Runtime", rt),
			Fix: i18n.M("doctor.runtime.missing.fix")}
	}
	fix := i18n.M("doctor.runtime.down.fix", "Runtime", name)
	if vm != NoVM {
		fix = i18n.M("doctor.runtime.down.vm.fix")
	}
	return Finding{ID: "runtime", Level: Blocking, Title: i18n.M("doctor.runtime.down", "Runtime", rt), Fix: fix}
}

// Cgroup grades the cgroup version the engine (or, without it, the host) uses. An engine in
// a VM has the VM's cgroups: the host's say nothing about them.
func Cgroup(info cluster.RuntimeInfo, up bool, vm VM, sys System) Finding {
	v := info.CgroupVersion
	if (!up || v == "") && vm == NoVM {
		v = sys.HostCgroupVersion()
	}
	fix := i18n.M("doctor.cgroup.v1.fix")
	if vm != NoVM {
		fix = i18n.M("doctor.cgroup.v1.vm.fix")
	}
	switch {
	case v == "2":
		return Finding{ID: "cgroup", Level: OK, Title: i18n.M("doctor.cgroup.v2")}
	case v == "1":
		return Finding{ID: "cgroup", Level: Warning, Title: i18n.M("doctor.cgroup.v1"), Fix: fix}
	case vm != NoVM:
		return Finding{ID: "cgroup", Level: Warning, Title: i18n.M("doctor.cgroup.vm.unknown")}
	}
	return Finding{ID: "cgroup", Level: Warning, Title: i18n.M("doctor.cgroup.unknown")}
}

// Memory grades the memory for the nodes: the host's available memory when the engine runs
// on this machine's kernel, the VM's total when it runs in one.
func Memory(sys System, vm VM, info cluster.RuntimeInfo, up bool) Finding {
	if vm != NoVM {
		return vmMemory(vm, info, up)
	}
	avail, err := sys.MemAvailable()
	if err != nil {
		return Finding{ID: "memory", Level: Warning, Title: i18n.M("doctor.memory.unknown")}
	}
	size := i18n.Bytes(avail)
	switch {
	case avail >= MemRecommended:
		return Finding{ID: "memory", Level: OK, Title: i18n.M("doctor.memory.ok", "Avail", size)}
	case avail >= MemMinimum:
		return Finding{ID: "memory", Level: Warning, Title: i18n.M("doctor.memory.low", "Avail", size), Fix: i18n.M("doctor.memory.fix")}
	}
	return Finding{ID: "memory", Level: Blocking, Title: i18n.M("doctor.memory.low", "Avail", size), Fix: i18n.M("doctor.memory.fix")}
}

// Disk grades the free space where the engine keeps images (the host's root when the
// engine does not say or runs in a VM, whose disk image grows on the host's disk).
func Disk(sys System, vm VM, info cluster.RuntimeInfo) Finding {
	path := info.RootDir
	free, err := int64(0), errors.New("no path")
	if path != "" && vm == NoVM {
		free, err = sys.DiskFree(path)
	}
	if err != nil {
		path = "/"
		free, err = sys.DiskFree(path)
	}
	if err != nil {
		return Finding{ID: "disk", Level: Warning, Title: i18n.M("doctor.disk.unknown")}
	}
	t := i18n.M("doctor.disk.free", "Free", i18n.Bytes(free), "Path", path)
	switch {
	case free >= DiskRecommended:
		return Finding{ID: "disk", Level: OK, Title: t}
	case free >= DiskMinimum:
		return Finding{ID: "disk", Level: Warning, Title: t, Fix: i18n.M("doctor.disk.fix")}
	}
	return Finding{ID: "disk", Level: Blocking, Title: t, Fix: i18n.M("doctor.disk.fix")}
}

// Inotify grades the inotify limits kind's multi-node clusters exhaust. In a VM they are
// the VM's kernel's, which the host cannot read.
func Inotify(sys System, vm VM) Finding {
	if vm != NoVM {
		return Finding{ID: "inotify", Level: OK, Title: i18n.M("doctor.inotify.vm")}
	}
	w, err1 := sys.Sysctl("fs.inotify.max_user_watches")
	n, err2 := sys.Sysctl("fs.inotify.max_user_instances")
	if err1 != nil || err2 != nil {
		return Finding{ID: "inotify", Level: OK, Title: i18n.M("doctor.inotify.unknown")}
	}
	t := i18n.M("doctor.inotify.limits", "Watches", w, "Instances", n)
	if w >= WatchesRecommended && n >= InstancesRecommended {
		return Finding{ID: "inotify", Level: OK, Title: t}
	}
	return Finding{ID: "inotify", Level: Warning, Title: t, Fix: i18n.M("doctor.inotify.fix",
		"Watches", max(w, WatchesRecommended), "Instances", max(n, InstancesRecommended))}
}

// Kubectl grades kubectl: present, and within one minor version of the cluster (or of the
// node image when there is no cluster).
func Kubectl(ctx context.Context, sys System, st *cluster.Status) Finding {
	server := ""
	if st != nil {
		server = st.ServerVersion
	}
	if server == "" {
		server = ImageVersion(cluster.DefaultImage)
	}
	client, err := sys.KubectlVersion(ctx)
	switch {
	case err != nil && isNotFound(err):
		return Finding{ID: "kubectl", Level: Warning, Title: i18n.M("doctor.kubectl.missing"),
			Fix: i18n.M("doctor.kubectl.fix", "Version", server)}
	case err != nil:
		return Finding{ID: "kubectl", Level: Warning, Title: i18n.M("doctor.kubectl.unknown"),
			Fix: i18n.M("doctor.kubectl.fix", "Version", server)}
	}
	cm, ok1 := minor(client)
	sm, ok2 := minor(server)
	if ok1 && ok2 && (cm-sm > 1 || sm-cm > 1) {
		return Finding{ID: "kubectl", Level: Warning, Title: i18n.M("doctor.kubectl.skew", "Client", client, "Server", server),
			Fix: i18n.M("doctor.kubectl.fix", "Version", server)}
	}
	return Finding{ID: "kubectl", Level: OK, Title: i18n.M("doctor.kubectl.ok", "Client", client, "Server", server)}
}

// minor returns the minor version of "v1.37.2" (37); only major 1 is known.
func minor(v string) (int, bool) {
	parts := strings.SplitN(strings.TrimPrefix(v, "v"), ".", 3)
	if len(parts) < 2 || parts[0] != "1" {
		return 0, false
	}
	n, err := strconv.Atoi(parts[1])
	return n, err == nil
}

// ImageVersion returns the Kubernetes version of a node image reference
// ("kindest/node:v1.37.0@sha256:…" → "v1.37.0"), "" when it has no tag.
func ImageVersion(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(ref, ":"); i >= 0 && !strings.Contains(ref[i:], "/") {
		return ref[i+1:]
	}
	return ""
}

// Image grades the node image: present locally, or to be pulled at creation.
func Image(ctx context.Context, sys System) Finding {
	ref, present, err := sys.NodeImage(ctx)
	switch {
	case err != nil:
		return Finding{ID: "image", Level: Warning, Title: i18n.M("doctor.image.unknown", "Image", ref)}
	case present:
		return Finding{ID: "image", Level: OK, Title: i18n.M("doctor.image.ok", "Image", ref)}
	}
	return Finding{ID: "image", Level: Warning, Title: i18n.M("doctor.image.absent", "Image", ref), Fix: i18n.M("doctor.image.fix")}
}

// Cluster grades the tutor's existing cluster (nil: could not be asked).
func Cluster(st *cluster.Status) Finding {
	if st == nil {
		return Finding{ID: "cluster", Level: Warning, Title: i18n.M("doctor.cluster.unknown")}
	}
	switch st.State {
	case cluster.StateAbsent:
		return Finding{ID: "cluster", Level: OK, Title: i18n.M("doctor.cluster.absent", "Name", st.Name)}
	case cluster.StateRunning:
		return Finding{ID: "cluster", Level: OK, Title: i18n.M("doctor.cluster.running", "Name", st.Name, "Nodes", len(st.Nodes))}
	case cluster.StateDegraded:
		return Finding{ID: "cluster", Level: Warning, Title: i18n.M("doctor.cluster.degraded", "Name", st.Name),
			Fix: i18n.M("doctor.cluster.degraded.fix")}
	case cluster.StateStopped:
		return Finding{ID: "cluster", Level: Warning, Title: i18n.M("doctor.cluster.stopped", "Name", st.Name),
			Fix: i18n.M("doctor.cluster.stopped.fix", "Name", st.Name)}
	}
	return Finding{ID: "cluster", Level: Warning, Title: i18n.M("doctor.cluster.halfmade", "Name", st.Name),
		Fix: i18n.M("doctor.cluster.halfmade.fix", "Name", st.Name)}
}
