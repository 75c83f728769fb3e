#!/bin/sh
# Start-up of the whole process against glow's, in the same run: `kubetutor version`
# against `glow --version` (start-up alone) and `kubetutor read 00 --print --style notty`
# against glow rendering the same Markdown. hyperfine reports the mean wall time and
# the mean CPU time (user+sys), the steadier figure on a busy machine, and the fastest
# run (the least disturbed).
#   KUBETUTOR_BIN  the built kubetutor (make bench sets it)
#   GLOW           the glow binary (make bench builds it in the cache dir)
#   RUNS           runs of each (default 40); WIDTH (default 100)
set -eu
: "${KUBETUTOR_BIN:?set KUBETUTOR_BIN to the kubetutor binary}"
: "${GLOW:?set GLOW to the glow binary}"
RUNS=${RUNS:-40}
WIDTH=${WIDTH:-100}
command -v hyperfine >/dev/null 2>&1 || { echo "startup: hyperfine is missing (make bench-tools installs it), skipped"; exit 0; }
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KUBETUTOR_HOME="$tmp/home"
md="$tmp/00-architecture.md"
sed -E 's/ \{#[a-z0-9-]+\}$//' "$here/assets/course/fr/00-architecture.md" > "$md"

# measure CMD: "MEAN CPU MIN" in ms.
measure() {
  hyperfine -N --style none --warmup 3 --runs "$RUNS" --export-json "$tmp/h.json" "$1" >/dev/null 2>&1
  python3 - "$tmp/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.1f %.1f %.1f" % (r["mean"] * 1000, (r["user"] + r["system"]) * 1000, min(r["times"]) * 1000))
PY
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "start-up, $RUNS runs each (hyperfine); ms: mean wall / mean cpu (user+sys) / fastest run"
row() {
  set -- "$1" "$2" $(measure "$3") $(measure "$4")
  printf '  %-8s kubetutor %6s / %6s / %6s   glow %6s / %6s / %6s   ratio wall %s, cpu %s, fastest %s\n' \
    "$1" "$3" "$4" "$5" "$6" "$7" "$8" "$(ratio "$3" "$6")" "$(ratio "$4" "$7")" "$(ratio "$5" "$8")"
}
row version "" "$KUBETUTOR_BIN version" "$GLOW --version"
row read "" "$KUBETUTOR_BIN read 00 --print --width $WIDTH --style notty" "$GLOW -s notty -w $WIDTH $md"
echo "ratio = kubetutor / glow; target: <= 1"
