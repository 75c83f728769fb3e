#!/bin/bash
# images.sh OUT.tar: builds the container images a kubetutor node preloads and
# saves them all in one archive (layers shared). Called by build.sh, with:
#   KUBE_BINDIR  Kubernetes and etcd binaries
#   GOBINS       programs from gobins.sh
#   OWN          pause, demoweb, loadgen (this repository)
#   NET_BASE     a Debian image with iptables, ipset, conntrack, iproute2
#   LAB_BASE     a Debian image with nginx-light and busybox-static
# Control-plane images carry the names kubeadm asks for, twice: under
# IMAGE_REPOSITORY (the kind config sets kubeadm's imageRepository to it) and
# under kubeadm's built-in default repository, so kind's default config works too.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
out=$1
repo=$IMAGE_REPOSITORY
refs=()

# build NAME:TAG BASE FILES... -- a context with FILES in /usr/local/bin.
# The Dockerfile tail comes on stdin.
build() {
	local ref=$1 base=$2 ctx
	shift 2
	ctx=$(mktemp -d)
	mkdir -p "$ctx/bin"
	cp "$@" "$ctx/bin/"
	{
		echo "FROM $base"
		echo "COPY bin/ /usr/local/bin/"
		echo "ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin"
		cat
	} >"$ctx/Dockerfile"
	DOCKER_BUILDKIT=0 docker build -q -t "$ref" "$ctx" >/dev/null
	rm -rf "$ctx"
	refs+=("$ref")
}

# The names and tags kubeadm expects, from kubeadm itself.
mapfile -t ours < <("$KUBE_BINDIR/kubeadm" config images list --kubernetes-version "$KUBE_VERSION" --image-repository "$repo" 2>/dev/null)
mapfile -t defaults < <("$KUBE_BINDIR/kubeadm" config images list --kubernetes-version "$KUBE_VERSION" 2>/dev/null)
name_of() { local r=${1##*/}; echo "${r%%:*}"; }
ref_of() {
	local i
	for i in "${ours[@]}"; do [[ $(name_of "$i") == "$1" ]] && echo "$i" && return; done
	echo "kubeadm lists no $1 image" >&2
	exit 1
}

for c in kube-apiserver kube-controller-manager kube-scheduler; do
	build "$(ref_of "$c")" scratch "$KUBE_BINDIR/$c" </dev/null
done
build "$(ref_of etcd)" scratch "$KUBE_BINDIR"/{etcd,etcdctl,etcdutl} </dev/null

# kube-proxy and kube-router share a script picking the iptables backend the
# node uses (kube-proxy's command is fixed by kubeadm: a wrapper runs it first).
sel=$(mktemp -d)
cat >"$sel/iptables-select" <<'SCRIPT'
#!/bin/sh
# iptables-select: use the iptables backend (legacy or nft) holding the most rules.
legacy=$( (iptables-legacy-save || true) 2>/dev/null | grep -c '^-')
nft=$( (iptables-nft-save || true) 2>/dev/null | grep -c '^-')
mode=legacy
[ "$nft" -gt "$legacy" ] && mode=nft
update-alternatives --set iptables "/usr/sbin/iptables-$mode" >/dev/null
update-alternatives --set ip6tables "/usr/sbin/ip6tables-$mode" >/dev/null
SCRIPT
cat >"$sel/kube-proxy" <<'SCRIPT'
#!/bin/sh
iptables-select
exec /usr/local/bin/kube-proxy.bin "$@"
SCRIPT
chmod +x "$sel"/*
cp "$KUBE_BINDIR/kube-proxy" "$sel/kube-proxy.bin"
build "$(ref_of kube-proxy)" "$NET_BASE" "$sel/iptables-select" "$sel/kube-proxy" "$sel/kube-proxy.bin" </dev/null
build "$repo/kube-router:$KUBE_ROUTER_VERSION" "$NET_BASE" "$sel/iptables-select" "$GOBINS/kube-router" </dev/null
rm -rf "$sel"

build "$(ref_of coredns)" scratch "$GOBINS/coredns" <<<'ENTRYPOINT ["/usr/local/bin/coredns"]'
build "$(ref_of pause)" scratch "$OWN/pause" <<<'ENTRYPOINT ["/usr/local/bin/pause"]'
build "$repo/metrics-server:$METRICS_SERVER_VERSION" scratch "$GOBINS/metrics-server" <<<'ENTRYPOINT ["/usr/local/bin/metrics-server"]'
build "$repo/demoweb:v1" scratch "$OWN/demoweb" <<<'ENTRYPOINT ["/usr/local/bin/demoweb"]'
build "$repo/loadgen:v1" scratch "$OWN/loadgen" <<<'ENTRYPOINT ["/usr/local/bin/loadgen"]'

# The labs' images under the exact names they pin (assets/labs/images.yaml), so the
# labs run unchanged on this image. nginx and busybox are TEST STAND-INS built from
# Debian's packages (other versions than the tags say); metrics-server is the pinned
# version itself.
labimg() { # labimg REF: record a lab image
	refs+=("$1")
}
docker tag "$repo/metrics-server:$METRICS_SERVER_VERSION" "metrics-server/metrics-server:$METRICS_SERVER_VERSION"
labimg "metrics-server/metrics-server:$METRICS_SERVER_VERSION"
ctx=$(mktemp -d)
cid=$(docker create "$LAB_BASE" /bin/true)
docker cp "$cid:/bin/busybox" "$ctx/busybox"
docker rm "$cid" >/dev/null
# Debian's busybox 1.35 wget dies (SIGSEGV) when given -T: this wrapper drops -T N and
# runs wget under busybox's timeout instead, as the netpol lab uses « wget -T 3 ».
cat >"$ctx/wget" <<'SCRIPT'
#!/bin/sh
# wget -T N stand-in (test image only): timeout N busybox wget ARGS-without--T.
t= n=$#
while [ "$n" -gt 0 ]; do
	a=$1; shift; n=$((n - 1))
	case $a in
	-T) t=$1; shift; n=$((n - 1)) ;;
	-T*) t=${a#-T} ;;
	*) set -- "$@" "$a" ;;
	esac
done
[ -n "$t" ] && exec /bin/busybox timeout "$t" /bin/busybox wget "$@"
exec /bin/busybox wget "$@"
SCRIPT
chmod +x "$ctx/wget"
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "mkdir", "-p", "/usr/bin", "/sbin", "/usr/sbin", "/tmp", "/etc"]
RUN ["/bin/busybox", "--install", "-s"]
RUN ["/bin/busybox", "rm", "/usr/bin/wget"]
COPY wget /usr/bin/wget
CMD ["sh"]
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t busybox:1.37.0 "$ctx" >/dev/null
labimg busybox:1.37.0
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $LAB_BASE
RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
DOCKERFILE
DOCKER_BUILDKIT=0 docker build -q -t nginx:1.27.3-alpine "$ctx" >/dev/null
labimg nginx:1.27.3-alpine
rm -rf "$ctx"

# Second names under kubeadm's default repository (same order in both lists).
for i in "${!ours[@]}"; do
	[[ ${defaults[$i]} == "${ours[$i]}" ]] && continue
	docker tag "${ours[$i]}" "${defaults[$i]}"
	refs+=("${defaults[$i]}")
done
docker save -o "$out" "${refs[@]}"
printf '%s\n' "${refs[@]}" >"$out.list"
