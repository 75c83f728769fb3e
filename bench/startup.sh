#!/bin/sh
# Start-up of the whole process against glow's, in the same run: `kubetutor version`
# against `glow --version` (start-up alone) and `kubetutor read 00 --print --style notty`
# against glow rendering the same Markdown. hyperfine reports the mean wall time and
# the mean CPU time (user+sys), the steadier figure on a busy machine, and the fastest
# run (the least disturbed). Then the two binaries: the light kubetutor's `lab list` and
# `version` against the full kubetutor-lab's (what not linking client-go and kind saves),
# the hand-over (`kubetutor help cluster`, light exec'ing full, against kubetutor-lab
# run directly), and both binaries' sizes. The load average is printed before and after
# the glow rows, which are also measured in alternation (bench/paired.py).
#   KUBETUTOR_BIN  the built kubetutor (make bench sets it); kubetutor-lab beside it
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

loadavg() { [ -r /proc/loadavg ] && cut -d' ' -f1-3 /proc/loadavg || uptime | sed 's/.*average[s]*: //'; }
echo "load average at the start: $(loadavg)"
echo "start-up, $RUNS runs each (hyperfine); ms: mean wall / mean cpu (user+sys) / fastest run"
row() {
  set -- "$1" "$2" $(measure "$3") $(measure "$4")
  printf '  %-8s kubetutor %6s / %6s / %6s   glow %6s / %6s / %6s   ratio wall %s, cpu %s, fastest %s\n' \
    "$1" "$3" "$4" "$5" "$6" "$7" "$8" "$(ratio "$3" "$6")" "$(ratio "$4" "$7")" "$(ratio "$5" "$8")"
}
row version "" "$KUBETUTOR_BIN version" "$GLOW --version"
row read "" "$KUBETUTOR_BIN read 00 --print --width $WIDTH --style notty" "$GLOW -s notty -w $WIDTH $md"
row lablist "" "$KUBETUTOR_BIN lab list" "$GLOW --version"
echo "ratio = kubetutor / glow; target: <= 1 (lab list against glow's start-up alone)"

# The same pairs again, each kubetutor run next to a glow run (bench/paired.py), so both
# meet the same load: hyperfine's rows above run all of one command, then all of the
# other, and a load that changes in between moves their ratio.
echo "paired, $RUNS alternating runs of each (bench/paired.py); ms: median wall / mean cpu; ratio: median of the pairs' wall ratios, total cpu ratio"
python3 "$here/bench/paired.py" version "$RUNS" -- "$KUBETUTOR_BIN" version -- "$GLOW" --version
python3 "$here/bench/paired.py" read "$RUNS" -- "$KUBETUTOR_BIN" read 00 --print --width "$WIDTH" --style notty -- "$GLOW" -s notty -w "$WIDTH" "$md"
echo "load average after the glow rows: $(loadavg)"

LAB_BIN=${KUBETUTOR_LAB_BIN:-$(dirname "$KUBETUTOR_BIN")/kubetutor-lab}
[ -x "$LAB_BIN" ] || { echo "startup: no kubetutor-lab beside $KUBETUTOR_BIN, two-binary rows skipped"; exit 0; }
echo "two binaries; ms: mean wall / mean cpu / fastest run"
pair() {
  set -- "$1" $(measure "$2") $(measure "$3")
  printf '  %-22s %6s / %6s / %6s   against %6s / %6s / %6s   ratio wall %s, cpu %s\n' \
    "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$(ratio "$2" "$5")" "$(ratio "$3" "$6")"
}
pair "version light/full" "$KUBETUTOR_BIN version" "$LAB_BIN version"
pair "lab list light/full" "$KUBETUTOR_BIN lab list" "$LAB_BIN lab list"
pair "hand-over/direct" "$KUBETUTOR_BIN help cluster" "$LAB_BIN help cluster"
size() { wc -c <"$1" | awk '{ printf "%.1f MB", $1 / 1e6 }'; }
echo "  sizes: kubetutor $(size "$KUBETUTOR_BIN"), kubetutor-lab $(size "$LAB_BIN"), glow $(size "$GLOW")"
