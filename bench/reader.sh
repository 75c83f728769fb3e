#!/bin/sh
# Compares the whole process `kubetutor read 00 --print --width W` with glow rendering
# the same Markdown at the same width, in the same run, and prints the ratio.
#   KUBETUTOR_BIN  the built kubetutor (make bench sets it)
#   GLOW           the glow binary (make bench installs it in the cache dir)
#   WIDTH          text width (default 100); RUNS (default 30)
set -eu
: "${KUBETUTOR_BIN:?set KUBETUTOR_BIN to the kubetutor binary}"
: "${GLOW:?set GLOW to the glow binary}"
WIDTH=${WIDTH:-100}
RUNS=${RUNS:-30}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KUBETUTOR_HOME="$tmp/home"

# The chapter as glow should see it: the same Markdown, heading ids removed as the
# reader removes them before rendering.
md="$tmp/00-architecture.md"
sed -E 's/ \{#[a-z0-9-]+\}$//' "$here/assets/course/fr/00-architecture.md" > "$md"

# measure CMD...: prints "WALL CPU", the mean wall time and the mean user+system CPU time
# of RUNS runs in milliseconds, output discarded. CPU time is the steadier figure on a
# busy machine; the loop fallback (no hyperfine) only has wall time and prints CPU as "-".
measure() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$tmp/h.json" "$*" >/dev/null 2>&1
    field() { sed -n "s/.*\"$1\": *\([0-9.e+-]*\).*/\1/p" "$tmp/h.json" | head -1; }
    awk -v m="$(field mean)" -v u="$(field user)" -v s="$(field system)" \
      'BEGIN { printf "%.2f %.2f", m * 1000, (u + s) * 1000 }'
  else
    i=0; "$@" >/dev/null 2>&1; start=$(date +%s%N)
    while [ $i -lt "$RUNS" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
    end=$(date +%s%N)
    awk -v s="$start" -v e="$end" -v n="$RUNS" 'BEGIN { printf "%.2f -", (e - s) / n / 1e6 }'
  fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

tool=loop; command -v hyperfine >/dev/null 2>&1 && tool=hyperfine
echo "whole process, width $WIDTH, $RUNS runs each ($tool); times in ms: wall (cpu = user+sys)"
for style in notty dark; do
  set -- $(measure "$KUBETUTOR_BIN" read 00 --print --width "$WIDTH" --style "$style"); kw=$1 kc=$2
  set -- $(measure "$GLOW" -s "$style" -w "$WIDTH" "$md"); gw=$1 gc=$2
  rw=$(ratio "$kw" "$gw"); rc=$(ratio "$kc" "$gc")
  printf '  %-6s kubetutor %7s (cpu %6s)   glow %7s (cpu %6s)   ratio wall %s, cpu %s\n' \
    "$style" "$kw" "$kc" "$gw" "$gc" "$rw" "$rc"
done
echo "ratio = kubetutor / glow; target: <= 1 (no slower than glow)"
