#!/bin/bash
# On cgroup v1 the entrypoint hides the misc controller from systemd by bind
# mounting a filtered /proc/cgroups; once systemd is up, show the real one.
set -euo pipefail
[[ -f /sys/fs/cgroup/cgroup.controllers ]] && exit 0
umount /proc/cgroups 2>/dev/null || true
