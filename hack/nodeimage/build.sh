#!/bin/bash
# build.sh: builds the kubetutor node image (a kind node image) offline, from the
# local Debian mirror and programs built from the Go module proxy. A test-machine
# tool: students get the image from the course's image bundle.
#
# Environment:
#   KUBE_BINDIR  directory with kubelet, kubeadm, kubectl, kube-apiserver,
#                kube-controller-manager, kube-scheduler, kube-proxy, etcd, etcdctl,
#                etcdutl (the shared test-binaries cache: make nodebins)
#   WORK_DIR     cache directory for root filesystems and built programs
#   MIRROR       Debian mirror URL (default: the first URIs of the apt sources)
#   DOCKER_HOST  the engine to build with (hack/dockerd.sh start)
#   IMAGE        name of the image (default kubetutor/node), tagged
#                KUBE_VERSION-CONTENTHASH and KUBE_VERSION
# Prints the image reference it built (or found already built) on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/versions.env"
: "${WORK_DIR:?WORK_DIR: cache directory}"
IMAGE=${IMAGE:-kubetutor/node}
log() { echo "nodeimage: $*" >&2; }
phase_start=$(date +%s)
phase() {
	local now
	now=$(date +%s)
	log "$1 ($((now - phase_start)) s)"
	phase_start=$now
}

mirror() {
	if [[ -n ${MIRROR:-} ]]; then
		echo "$MIRROR"
		return
	fi
	local m
	m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
	[[ -n $m ]] || m=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
	[[ -n $m ]] || { log "no Debian mirror: set MIRROR"; exit 1; }
	echo "$m"
}

# rootfs NAME PACKAGES: a Debian minbase root filesystem as a docker image
# kubetutor-build/NAME:KEY, built once per package list.
rootfs() {
	local name=$1 pkgs=$2 k tar
	k=$(echo "$DEBIAN_SUITE $pkgs" | sha256sum | cut -c1-12)
	if docker image inspect "kubetutor-build/$name:$k" >/dev/null 2>&1; then
		echo "kubetutor-build/$name:$k"
		return
	fi
	tar=$WORK_DIR/rootfs-$name-$k.tar
	if [[ ! -f $tar ]]; then
		local dir=$WORK_DIR/rootfs-$name-$k
		rm -rf "$dir"
		debootstrap --variant=minbase --include="$pkgs" "$DEBIAN_SUITE" "$dir" "$(mirror)" >&2
		rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* \
			"$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/*
		tar -C "$dir" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
		rm -rf "$dir"
	fi
	docker import "$tar" "kubetutor-build/$name:$k" >/dev/null
	echo "kubetutor-build/$name:$k"
}

node_pkgs=systemd,systemd-sysv,dbus,containerd,runc,iptables,ipset,conntrack,ebtables,ethtool,socat,iproute2,kmod,mount,util-linux,ca-certificates,procps,jq,libseccomp2,nftables,bash,curl
net_pkgs=iptables,ipset,conntrack,iproute2,kmod
# Stand-ins for the labs' nginx and busybox images (Debian's builds, see images.sh).
lab_pkgs=nginx-light,busybox-static
gobins=$WORK_DIR/gobins-$(cat "$here/versions.env" "$here/gobins.sh" | sha256sum | cut -c1-12)
if [[ ${1:-} == prepare ]]; then
	# root filesystems and third-party programs only: no Kubernetes binaries needed
	mkdir -p "$WORK_DIR"
	rootfs node "$node_pkgs" >/dev/null
	rootfs net "$net_pkgs" >/dev/null
	rootfs lab "$lab_pkgs" >/dev/null
	"$here/gobins.sh" "$gobins" >&2
	phase "prepared"
	exit 0
fi

: "${KUBE_BINDIR:?KUBE_BINDIR: directory of the Kubernetes binaries (make nodebins)}"
kube_bins=(kubelet kubeadm kubectl kube-apiserver kube-controller-manager kube-scheduler kube-proxy etcd etcdctl etcdutl)
for b in "${kube_bins[@]}"; do
	[[ -x $KUBE_BINDIR/$b ]] || { log "missing $KUBE_BINDIR/$b (make nodebins)"; exit 1; }
done

# The content key: everything the image is made of.
key=$(
	{
		cat "$here/versions.env" "$here/build.sh" "$here/gobins.sh" "$here/images.sh"
		(cd "$here" && find files cmd -type f | LC_ALL=C sort | xargs sha256sum)
		(cd "$KUBE_BINDIR" && sha256sum "${kube_bins[@]}")
	} | sha256sum | cut -c1-12
)
ref="$IMAGE:$KUBE_VERSION-$key"
if docker image inspect "$ref" >/dev/null 2>&1; then
	log "up to date: $ref"
	docker tag "$ref" "$IMAGE:$KUBE_VERSION"
	echo "$ref"
	exit 0
fi

mkdir -p "$WORK_DIR"
node_base=$(rootfs node "$node_pkgs")
net_base=$(rootfs net "$net_pkgs")
lab_base=$(rootfs lab "$lab_pkgs")
phase "root filesystems ready"

"$here/gobins.sh" "$gobins" >&2
own=$WORK_DIR/own-$key
mkdir -p "$own"
for p in pause demoweb loadgen; do
	(cd "$repo" && CGO_ENABLED=0 go build -trimpath -ldflags '-s -w' -o "$own/$p" "./hack/nodeimage/cmd/$p")
done
phase "programs built"

# The images the node preloads, then the node itself.
images_tar=$WORK_DIR/images-$key.tar
KUBE_BINDIR=$KUBE_BINDIR GOBINS=$gobins/bin OWN=$own NET_BASE=$net_base LAB_BASE=$lab_base \
	"$here/images.sh" "$images_tar" >&2
phase "component images built and saved"

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp -a "$here/files" "$ctx/files"
mkdir -p "$ctx/bin" "$ctx/cni"
cp "$KUBE_BINDIR"/{kubelet,kubeadm,kubectl} "$ctx/bin/"
cp "$gobins/bin/crictl" "$ctx/bin/"
for p in bridge host-local loopback ptp portmap; do cp "$gobins/bin/$p" "$ctx/cni/"; done
echo -n "$KUBE_VERSION" >"$ctx/files/kind/version"
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $node_base
COPY files/ /
COPY bin/kubelet bin/kubeadm bin/kubectl /usr/bin/
COPY bin/crictl /usr/local/bin/
COPY cni/ /opt/cni/bin/
RUN chmod 755 /usr/local/bin/entrypoint /kind/bin/*.sh \
 && find /lib/systemd/system/sysinit.target.wants/ -name systemd-tmpfiles-setup.service -delete \
 && rm -f /lib/systemd/system/multi-user.target.wants/* /etc/systemd/system/*.wants/* \
    /lib/systemd/system/local-fs.target.wants/* /lib/systemd/system/sockets.target.wants/*udev* \
    /lib/systemd/system/sockets.target.wants/*initctl* /lib/systemd/system/basic.target.wants/* \
 && echo "ReadKMsg=no" >>/etc/systemd/journald.conf \
 && systemctl enable kubelet.service containerd.service undo-mount-hacks.service \
 && systemctl mask systemd-binfmt.service \
 && mkdir -p /etc/kubernetes/manifests /etc/cni/net.d /var/lib/kubelet \
 && ctr oci spec | jq 'del(.process.rlimits)' >/etc/containerd/cri-base.json
ENV container=docker
STOPSIGNAL SIGRTMIN+3
ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]
DOCKERFILE
sed -i "s/KUBE_ROUTER_VERSION/$KUBE_ROUTER_VERSION/g" "$ctx/files/kind/manifests/default-cni.yaml"
DOCKER_BUILDKIT=0 docker build -q -t "kubetutor-build/node-stage:$key" "$ctx" >/dev/null
phase "node root filesystem built"

# Preload: run containerd in a build container, import the images without
# unpacking them (the kubelet unpacks on first use), commit. The container's
# PID 1 is sleep, which reaps nothing: a stopped containerd stays a zombie.
cid=$(docker run -d --privileged --entrypoint sleep "kubetutor-build/node-stage:$key" infinity)
cleanup() { docker rm -f -v "$cid" >/dev/null 2>&1 || true; rm -rf "$ctx"; }
trap cleanup EXIT
docker exec "$cid" bash -c 'nohup containerd >/tmp/containerd.log 2>&1 &
for i in $(seq 1 30); do [ -S /run/containerd/containerd.sock ] && ctr version >/dev/null 2>&1 && exit 0; sleep 1; done
cat /tmp/containerd.log; exit 1'
docker exec -i "$cid" ctr -n k8s.io images import --no-unpack --all-platforms - <"$images_tar" >/dev/null
docker exec "$cid" bash -c 'ctr -n k8s.io images ls -q | grep -v "^sha256:" | sort >/kind/images; pkill -x containerd; while ps -o stat= -C containerd | grep -qv Z; do sleep 0.2; done; rm -rf /tmp/* /run/containerd'
docker commit \
	--change 'ENTRYPOINT ["/usr/local/bin/entrypoint", "/sbin/init"]' \
	--change 'CMD []' \
	"$cid" "$ref" >/dev/null
docker tag "$ref" "$IMAGE:$KUBE_VERSION"
rm -f "$images_tar"
docker image rm "kubetutor-build/node-stage:$key" >/dev/null 2>&1 || true
phase "images preloaded, node image committed"

# Older builds of the node image (1.3 GB each) and what they left untagged: an image a
# container still uses stays.
docker images --format '{{.Repository}}:{{.Tag}}' "$IMAGE" | grep -vxF -e "$ref" -e "$IMAGE:$KUBE_VERSION" |
	while read -r old; do docker image rm "$old" >/dev/null 2>&1 && log "removed the older $old"; done || true
docker images --format '{{.Repository}}:{{.Tag}}' kubetutor-build/node-stage |
	while read -r old; do docker image rm "$old" >/dev/null 2>&1; done || true
docker image prune -f >/dev/null 2>&1 || true
find "$WORK_DIR" -maxdepth 1 \( -name 'own-*' -o -name 'images-*.tar*' \) ! -name "own-$key" ! -name "images-$key.tar*" \
	-exec rm -rf {} + 2>/dev/null || true
echo "$ref"
