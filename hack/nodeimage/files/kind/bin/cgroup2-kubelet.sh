#!/bin/bash
# cgroup v2 hosts: delegate every available controller to the kubelet's
# cgroups (run by systemd before the kubelet starts).
set -euo pipefail
delegate() {
	sed -e 's/ / +/g' -e 's/^/+/' <"/sys/fs/cgroup/$1/cgroup.controllers" >"/sys/fs/cgroup/$1/cgroup.subtree_control"
}
delegate /
for g in kubelet kubelet.slice; do
	mkdir -p "/sys/fs/cgroup/$g"
	delegate "/$g"
done
