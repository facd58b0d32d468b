#!/usr/bin/env bash
# Build the kataster GitLab CI image: the static x86_64-unknown-linux-musl binary, then the
# image from gitlab-ci-image/Dockerfile, with buildah or, when buildah is missing, docker.
#
# Usage: gitlab-ci-image/build.sh
# Environment:
#   IMAGE         the image name (default: localhost/kataster:VERSION)
#   BASE_IMAGE    the base image, any with /bin/sh (default: a local base built FROM scratch
#                 with Debian's busybox-static, localhost/kataster-base:busybox, since no
#                 registry may be reachable; e.g. BASE_IMAGE=busybox:stable-musl elsewhere)
#   BUILDER       buildah or docker (default: buildah when installed, else docker)
#   STORAGE_DRIVER  buildah's storage driver (default: vfs, which works everywhere)
# The last line of the output is the image name.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

target=x86_64-unknown-linux-musl
target_dir=${CARGO_TARGET_DIR:-$root/target}
context=$target_dir/gitlab-ci-image/context
storage=${STORAGE_DRIVER:-vfs}

step() { printf '==> %s\n' "$*" >&2; }

builder=${BUILDER:-}
if [ -z "$builder" ]; then
  if command -v buildah >/dev/null; then
    builder=buildah
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    builder=docker
  else
    echo "build.sh: neither buildah nor a running docker is available" >&2
    exit 1
  fi
fi

build() { # build DOCKERFILE TAG [--build-arg ...]
  local dockerfile=$1 tag=$2
  shift 2
  if [ "$builder" = buildah ]; then
    buildah --storage-driver "$storage" bud --isolation chroot --layers=false --quiet \
      -f "$dockerfile" -t "$tag" "$@" "$context" >/dev/null
  else
    docker build --quiet -f "$dockerfile" -t "$tag" "$@" "$context" >/dev/null
  fi
}

exists() { # exists IMAGE
  if [ "$builder" = buildah ]; then
    buildah --storage-driver "$storage" inspect --type image "$1" >/dev/null 2>&1
  else
    docker image inspect "$1" >/dev/null 2>&1
  fi
}

step "static binary ($target)"
if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  rustup target add "$target" >&2
fi
if command -v musl-gcc >/dev/null; then
  export CC_x86_64_unknown_linux_musl=musl-gcc
fi
# Small over fast, to keep the image under 10 MB: optimised for size, whole-program LTO in one
# codegen unit, no symbols (about 6.7 MB instead of 11 MB; checking catalogs stays fast).
cargo build --release --locked --target "$target" -p kataster-cli \
  --config 'profile.release.strip="symbols"' --config 'profile.release.opt-level="z"' \
  --config 'profile.release.lto="fat"' --config 'profile.release.codegen-units=1' >&2
binary=$target_dir/$target/release/kataster
version=$("$binary" --version | awk '{print $2}')
revision=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)

rm -rf "$context"
mkdir -p "$context"
install -m 0755 "$binary" "$context/kataster"

base=${BASE_IMAGE:-}
if [ -z "$base" ]; then
  busybox=/bin/busybox
  base_version=$(dpkg-query -W -f='${Version}' busybox-static 2>/dev/null || true)
  base_version=$(printf '%s' "${base_version#*:}" | tr -c 'A-Za-z0-9_.-' '_')
  if [ -z "$base_version" ] || [ ! -x "$busybox" ]; then
    echo "build.sh: set BASE_IMAGE, or install Debian's busybox-static for the local base" >&2
    exit 1
  fi
  base=localhost/kataster-base:busybox-$base_version
  if ! exists "$base"; then
    step "local base image $base (busybox-static $base_version)"
    rootfs=$(mktemp -d)
    trap 'rm -rf "$rootfs"' EXIT
    mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,tmp,root}
    cp "$busybox" "$rootfs/bin/busybox"
    for applet in $("$busybox" --list-full); do
      [ "$applet" = bin/busybox ] || [ -e "$rootfs/$applet" ] || ln -s /bin/busybox "$rootfs/$applet"
    done
    chmod 1777 "$rootfs/tmp"
    chmod 0700 "$rootfs/root"
    printf 'root:x:0:0:root:/root:/bin/sh\nkataster:x:10001:10001:kataster:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
    printf 'root:x:0:\nkataster:x:10001:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
    tar -C "$rootfs" --numeric-owner --owner=0 --group=0 -cf "$context/rootfs.tar" .
    build "$here/Dockerfile.base" "$base"
    rm -f "$context/rootfs.tar"
  fi
fi

image=${IMAGE:-localhost/kataster:$version}
step "image $image on $base ($builder)"
build "$here/Dockerfile" "$image" \
  --build-arg "BASE_IMAGE=$base" \
  --build-arg "VERSION=$version" \
  --build-arg "REVISION=$revision"
echo "$image"
