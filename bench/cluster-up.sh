#!/usr/bin/env bash
# Times `kubetutor cluster up` against kind's own `kind create cluster` with the same kind
# configuration (the one `kubetutor cluster config` prints), RUNS times each, alternated.
# kubetutor returns once every node is Ready, kind's --wait once the control plane is: the
# like-for-like reference is kind followed by `kubectl wait` for every node.
# Skips with a message when no container engine answers or the node image is not there
# (nothing is pulled). kind's CLI is a reference for the comparison only: it is installed
# with `go install` into the cache directory, never used by the product.
#
# Environment: KUBETUTOR_BIN (default bin/kubetutor), CACHE_DIR, KIND_VERSION, RUNS (1),
# WORKERS (2), KUBETUTOR_KIND_IMAGE (node image), GO.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${KUBETUTOR_BIN:-bin/kubetutor}
CACHE_DIR=${CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kubetutor-dev}
KIND_VERSION=${KIND_VERSION:-v0.33.0}
RUNS=${RUNS:-1}
WORKERS=${WORKERS:-2}
GO=${GO:-go}
ENGINE=${KIND_EXPERIMENTAL_PROVIDER:-docker}
OUT=bench/out
mkdir -p "$OUT"

if ! "$ENGINE" info >/dev/null 2>&1; then
  echo "bench-cluster: skipped, $ENGINE does not answer (no container engine)"
  exit 0
fi
export KUBETUTOR_HOME
KUBETUTOR_HOME=$(mktemp -d)
trap 'rm -rf "$KUBETUTOR_HOME"' EXIT
IMAGE_FLAG=()
[ -n "${KUBETUTOR_KIND_IMAGE:-}" ] && IMAGE_FLAG=(--image "$KUBETUTOR_KIND_IMAGE")
"$BIN" cluster config --name kt-bench --workers "$WORKERS" "${IMAGE_FLAG[@]}" > "$OUT/kind-config.yaml"
IMAGE=$(sed -n 's/.*image: *//p' "$OUT/kind-config.yaml" | head -n 1)
if ! "$ENGINE" image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "bench-cluster: skipped, node image $IMAGE is not in $ENGINE (nothing is pulled)"
  exit 0
fi

KIND_DIR=$CACHE_DIR/kind-$KIND_VERSION
if [ ! -x "$KIND_DIR/kind" ]; then
  echo "bench-cluster: installing kind $KIND_VERSION into $KIND_DIR (reference only)"
  GOBIN=$KIND_DIR "$GO" install "sigs.k8s.io/kind@$KIND_VERSION"
fi

now() { date +%s.%N; }
results=$OUT/cluster-up.txt
: > "$results"
for i in $(seq "$RUNS"); do
  t0=$(now)
  "$BIN" cluster up --name kt-bench --workers "$WORKERS" "${IMAGE_FLAG[@]}" >/dev/null
  t1=$(now)
  "$BIN" cluster down --name kt-bench >/dev/null
  t2=$(now)
  "$KIND_DIR/kind" create cluster --name kt-bench-kind --config "$OUT/kind-config.yaml" \
    --kubeconfig "$KUBETUTOR_HOME/kind-kubeconfig" --wait 3m >/dev/null 2>&1
  t3=$(now)
  # Like for like: kind's --wait covers the control plane only; kubetutor waits for every
  # node Ready.
  kubectl --kubeconfig "$KUBETUTOR_HOME/kind-kubeconfig" wait --for=condition=Ready nodes --all --timeout=3m >/dev/null
  t4=$(now)
  "$KIND_DIR/kind" delete cluster --name kt-bench-kind --kubeconfig "$KUBETUTOR_HOME/kind-kubeconfig" >/dev/null 2>&1
  echo "run $i kubetutor $(awk "BEGIN {print $t1 - $t0}") kind $(awk "BEGIN {print $t3 - $t2}") kind+all-ready $(awk "BEGIN {print $t4 - $t2}")" | tee -a "$results"
done
awk '/^run/ {k += $4; d += $6; a += $8; n++} END {printf "mean of %d: kubetutor %.1f s, kind %.1f s (ratio %.3f), kind + every node Ready %.1f s (ratio %.3f, target <= 1.05)\n", n, k/n, d/n, k/d, a/n, k/a}' "$results" | tee -a "$results"
