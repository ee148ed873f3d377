#!/usr/bin/env bash
# Builds the juez runtime image if it does not exist yet, and prints its tag.
# Tags derive from the content of the recipe (this folder), so a changed recipe rebuilds and an unchanged one
# is reused. The same rule is implemented by runtimeImageTag() in executor/sandbox/runtime-image.ts;
# a test checks that both agree.
#   base layer    juez-base:<hash of base-packages.txt + build-base.sh>   (debootstrap, ~2 min)
#   runtime image juez-runtime:<hash of every file in this folder>       (supervisor + users, seconds)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

content_hash() { # content_hash <file...>: sha256 of the files' contents, concatenated in the order given
  cat "$@" | sha256sum | cut -c1-16
}

base_tag="juez-base:$(content_hash "$here/base-packages.txt" "$here/build-base.sh")"
mapfile -t all_files < <(find "$here" -maxdepth 1 -type f -printf '%f\n' | LC_ALL=C sort)
runtime_tag="juez-runtime:$(cd "$here" && content_hash "${all_files[@]}")"

if docker image inspect "$runtime_tag" >/dev/null 2>&1; then
  echo "$runtime_tag"
  exit 0
fi
if ! docker image inspect "$base_tag" >/dev/null 2>&1; then
  echo "[image] building $base_tag (takes a couple of minutes)" >&2
  bash "$here/build-base.sh" "$base_tag" >&2
fi
echo "[image] building $runtime_tag" >&2
docker build -q --force-rm --build-arg "BASE=$base_tag" -t "$runtime_tag" "$here" >&2
echo "$runtime_tag"
