#!/bin/sh
# dockerd.sh: start or stop a Docker engine for the end-to-end tests only (a
# test-environment workaround; students run their own Docker).
#
#   hack/dockerd.sh start   start dockerd in the background, wait until it answers,
#                           print the DOCKER_HOST to use
#   hack/dockerd.sh stop    stop the dockerd this script started (by its pid file)
#   hack/dockerd.sh host    print the DOCKER_HOST of this engine
#   hack/dockerd.sh running succeed when the dockerd this script starts answers
#
# The engine is private: its own socket, data root and exec root under
# KUBETUTOR_DOCKER_DIR, so it never touches a system Docker. Its default runtime
# is hack/runc-shim (see that file for why).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=${KUBETUTOR_DOCKER_DIR:-/var/lib/kubetutor-docker}
run=${KUBETUTOR_DOCKER_RUN:-/run/kubetutor-docker}
sock=$run/docker.sock
pidfile=$run/dockerd.pid
host=unix://$sock

answers() { DOCKER_HOST=$host docker info >/dev/null 2>&1; }

start() {
	if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && answers; then
		echo "$host"
		return 0
	fi
	mkdir -p "$dir" "$run"
	cat >"$run/daemon.json" <<JSON
{
  "runtimes": {"kubetutor-shim": {"path": "$here/runc-shim"}},
  "default-runtime": "kubetutor-shim",
  "data-root": "$dir/data",
  "exec-root": "$run/exec",
  "pidfile": "$pidfile",
  "hosts": ["$host"]
}
JSON
	nohup /usr/sbin/dockerd --config-file "$run/daemon.json" >"$dir/dockerd.log" 2>&1 &
	i=0
	until answers; do
		i=$((i + 1))
		if [ $i -gt 60 ]; then
			echo "dockerd did not answer in 60 s; see $dir/dockerd.log" >&2
			exit 1
		fi
		sleep 1
	done
	echo "$host"
}

stop() {
	[ -f "$pidfile" ] || return 0
	pid=$(cat "$pidfile")
	kill "$pid" 2>/dev/null || return 0
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 30 ]; then
			kill -9 "$pid" 2>/dev/null || true
			break
		fi
		sleep 1
	done
}

case "${1:-}" in
start) start ;;
stop) stop ;;
host) echo "$host" ;;
running) [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && answers ;;
*)
	echo "usage: $0 start|stop|host|running" >&2
	exit 2
	;;
esac
