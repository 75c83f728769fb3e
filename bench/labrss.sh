#!/bin/sh
# Resident memory of the TUI with a lab open and its shell running: runs
# `kubetutor lab open LAB` in a detached tmux at 120x40 (no tutor cluster: the lab
# screen and the shell still run), types a few commands in the shell, then reads VmRSS
# and VmHWM from /proc/PID/status of the kubetutor process (not of the shell).
#   KUBETUTOR_BIN  the built kubetutor (make bench sets it)
#   LAB            the lab to open (default nodes-ready)
#   BUDGET_MB      fails above this resident size (default 80)
set -eu
: "${KUBETUTOR_BIN:?set KUBETUTOR_BIN to the kubetutor binary}"
LAB=${LAB:-nodes-ready}
BUDGET_MB=${BUDGET_MB:-80}
command -v tmux >/dev/null 2>&1 || { echo "labrss: tmux is missing, skipped"; exit 0; }
[ -r /proc/self/status ] || { echo "labrss: no /proc, skipped"; exit 0; }
tmp=$(mktemp -d)
sock="kubetutor-labrss-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
tmux -L "$sock" new-session -d -s rss -x 120 -y 40 \
  "env HOME=$tmp KUBETUTOR_HOME=$tmp/home KUBETUTOR_LANG=fr $KUBETUTOR_BIN lab open $LAB"

# Wait for the lab shell's prompt in the pane.
i=0
until tmux -L "$sock" capture-pane -p -t rss | grep -q '\[kubetutor\]'; do
  i=$((i + 1)); [ "$i" -lt 200 ] || { echo "labrss: the lab screen did not show"; exit 1; }
  sleep 0.1
done
for c in 'seq 1 3000' 'ls -la /' 'echo done'; do
  tmux -L "$sock" send-keys -t rss "$c" Enter
  sleep 0.3
done
sleep 1

pid=$(tmux -L "$sock" list-panes -t rss -F '#{pane_pid}')
# The pane runs env, which execs kubetutor: the pane's pid is kubetutor's.
grep -q kubetutor "/proc/$pid/cmdline" 2>/dev/null || { echo "labrss: pane pid $pid is not kubetutor"; exit 1; }
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
printf 'kubetutor lab open %s with its shell: VmRSS %d MB, VmHWM %d MB (budget %d MB)\n' \
  "$LAB" $((rss / 1024)) $((hwm / 1024)) "$BUDGET_MB"
[ $((rss / 1024)) -le "$BUDGET_MB" ] || { echo "labrss: over budget"; exit 1; }
