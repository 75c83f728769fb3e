#!/usr/bin/env bash
# debcheck.sh DEB: install a kubetutor .deb on a clean Debian and run it there.
#
# The Debian is a minbase root filesystem: the node image's (hack/nodeimage keeps its
# rootfs tars in $CACHE_DIR/nodeimage) when one is there, else one debootstrap makes once
# (cached in $CACHE_DIR/debcheck). It is unpacked into a temporary directory, the package
# is installed with dpkg in a chroot (no Docker), and the script checks that
# `kubetutor version`, `kubetutor read --print`, the hand-over to kubetutor-lab (validate,
# lab check), the man pages (French and English) and the bash completion work there.
# Needs root (chroot, mount).
set -euo pipefail
deb=${1:?usage: debcheck.sh PACKAGE.deb}
[[ -f $deb ]] || { echo "debcheck: no such package: $deb" >&2; exit 1; }
deb=$(readlink -f "$deb")
: "${CACHE_DIR:=${XDG_CACHE_HOME:-$HOME/.cache}/kubetutor-dev}"
suite=${DEBIAN_SUITE:-bookworm}
log() { echo "debcheck: $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

mirror() {
	local m
	m=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
	[[ -n $m ]] || m=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
	[[ -n $m ]] || { log "no Debian mirror configured for apt: set MIRROR"; exit 1; }
	echo "${MIRROR:-$m}"
}

# A rootfs tar: the smallest of the node image's (hack/nodeimage), else our own minbase.
rootfs_tar() {
	local t
	t=$(ls -S "$CACHE_DIR"/nodeimage/rootfs-*.tar 2>/dev/null | tail -1 || true)
	if [[ -n $t ]]; then
		echo "$t"
		return
	fi
	t=$CACHE_DIR/debcheck/rootfs-$suite-minbase.tar
	if [[ ! -f $t ]]; then
		command -v debootstrap >/dev/null || {
			[[ $(id -u) == 0 ]] && command -v apt-get >/dev/null || fail "debootstrap is missing"
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
		}
		local dir
		dir=$(mktemp -d)
		log "debootstrap --variant=minbase $suite (once, cached)"
		debootstrap --variant=minbase "$suite" "$dir" "$(mirror)" >/dev/null
		rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
		mkdir -p "$(dirname "$t")"
		tar -C "$dir" -cf "$t.tmp" . && mv "$t.tmp" "$t"
		rm -rf "$dir"
	fi
	echo "$t"
}

[[ $(id -u) == 0 ]] || fail "needs root (chroot)"
start=$(date +%s)
tar=$(rootfs_tar)
root=$(mktemp -d)
cleanup() {
	umount "$root/proc" 2>/dev/null || true
	rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$tar"
log "clean Debian from $(basename "$tar"): $(chroot "$root" cat /etc/debian_version)"
chroot "$root" dpkg-query -W kubetutor >/dev/null 2>&1 && fail "kubetutor is already in the clean root"
mount -t proc proc "$root/proc" 2>/dev/null || log "no /proc in the chroot (mount refused)"
cp "$deb" "$root/tmp/kubetutor.deb"
run() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 KUBETUTOR_HOME=/tmp/kt "$@"; }
run dpkg -i /tmp/kubetutor.deb >/dev/null || fail "dpkg -i"
[[ $(run dpkg-query -W -f '${Status}' kubetutor) == "install ok installed" ]] || fail "not installed"
[[ $(run sh -c 'command -v kubetutor') == /usr/bin/kubetutor ]] || fail "kubetutor not on PATH"

v=$(run kubetutor version) || fail "kubetutor version"
log "kubetutor version: ${v//$'\n'/ | }"
[[ $v =~ commit\ [0-9a-f]{7,40}, ]] || fail "the commit is not stamped: $v"
run kubetutor version --json | grep -q '"commit"' || fail "version --json"

out=$(run kubetutor read --print --style notty) || fail "kubetutor read --print"
[[ $out == *Kubernetes* ]] || fail "read --print printed no course"
log "kubetutor read --print: $(wc -l <<<"$out") lines"
en=$(run kubetutor read --print --style notty --lang en | head -c 2000)
[[ -n $en ]] || fail "read --print --lang en"

# The light kubetutor hands lab commands over to kubetutor-lab, installed beside it.
[[ -x $root/usr/bin/kubetutor-lab ]] || fail "kubetutor-lab is not installed beside kubetutor"
run kubetutor validate >/dev/null || fail "kubetutor validate (handed over to kubetutor-lab)"
out=$(run kubetutor lab check inspect --lang en 2>&1) && fail "lab check passed without a cluster"
[[ $out == *cluster* && $out != *kubetutor-lab* ]] || fail "lab check was not handed over: $out"
log "hand-over: kubetutor validate and lab check ran in kubetutor-lab"

for f in /usr/share/man/man1/kubetutor.1.gz /usr/share/man/fr/man1/kubetutor.1.gz \
	/usr/share/man/man1/kubetutor-version.1.gz /usr/share/bash-completion/completions/kubetutor \
	/usr/share/zsh/vendor-completions/_kubetutor /usr/share/fish/vendor_completions.d/kubetutor.fish; do
	[[ -s $root$f ]] || fail "missing $f"
done
zcat "$root/usr/share/man/fr/man1/kubetutor.1.gz" | grep -q '^\.SH NOM' || fail "French man page"
run bash -c 'source /usr/share/bash-completion/completions/kubetutor && declare -F __start_kubetutor >/dev/null' ||
	fail "bash completion does not load"

run dpkg -r kubetutor >/dev/null || fail "dpkg -r"
[[ ! -e $root/usr/bin/kubetutor && ! -e $root/usr/bin/kubetutor-lab ]] || fail "dpkg -r left a binary in /usr/bin"
log "ok: installed, ran and removed $(basename "$deb") in $(($(date +%s) - start)) s"
