#!/usr/bin/env bash
# Builds the base layer of the runtime image from Debian packages: debootstrap a rootfs, then `docker import`.
# No container registry is involved (the hosts juez runs on may have none).
#   build-base.sh <tag> [packages/<language>.txt ...]
# Installs base-packages.txt (what the image needs whatever its languages) and every package list given.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tag=$1
shift
mirror=${JUEZ_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d /var/tmp/juez-rootfs.XXXXXX)
trap 'rm -rf "$work"' EXIT

packages=$(cat "$here/base-packages.txt" "$@" | grep -v -e '^#' -e '^\s*$' | LC_ALL=C sort -u | paste -sd, -)
echo "[image] debootstrap bookworm with: $packages"
debootstrap --variant=minbase --include="$packages" bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -30 "$work/debootstrap.log"; exit 1; }

# Package caches are dead weight in every container; the image is read-only at run time anyway.
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/usr/share/doc" \
  "$work/rootfs/usr/share/man"
echo "[image] importing $tag"
tar -C "$work/rootfs" -c . | docker import - "$tag" >/dev/null
