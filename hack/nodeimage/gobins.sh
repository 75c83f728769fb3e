#!/bin/sh
# gobins.sh OUT: builds the third-party programs of the node image from the Go
# module proxy (go install at pinned versions, each with its own go.mod) into
# OUT/bin. Kubernetes and etcd binaries are not built here: they come from the
# shared test-binaries cache (make nodebins).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
out=$1
mkdir -p "$out/bin"
export GOBIN="$out/bin" CGO_ENABLED=0 GOFLAGS=-trimpath

install() {
	name=$1
	shift
	if [ -x "$GOBIN/$name" ]; then
		return 0
	fi
	start=$(date +%s)
	go install -ldflags "-s -w $LDX" "$@"
	echo "built $name in $(($(date +%s) - start)) s"
}

LDX="-X sigs.k8s.io/cri-tools/pkg/version.Version=$CRI_TOOLS_VERSION"
install crictl "sigs.k8s.io/cri-tools/cmd/crictl@$CRI_TOOLS_VERSION"
LDX=""
for p in main/bridge ipam/host-local main/loopback main/ptp meta/portmap; do
	install "$(basename $p)" "github.com/containernetworking/plugins/plugins/$p@$CNI_PLUGINS_VERSION"
done
install coredns "github.com/coredns/coredns@$COREDNS_VERSION"
LDX="-X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION"
install kube-router "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@$KUBE_ROUTER_VERSION"
LDX=""
install metrics-server "sigs.k8s.io/metrics-server/cmd/metrics-server@$METRICS_SERVER_VERSION"
