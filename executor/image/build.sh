#!/usr/bin/env bash
# Builds the juez runtime image if it does not exist yet, and prints its tag (`build.sh --tag`: prints it only).
# Tags derive from the content of the recipe, so a changed recipe rebuilds and an unchanged one is reused.
# The same rule is implemented by runtimeImageTag() in executor/sandbox/runtime-image.ts; a test checks
# that both agree.
#   base layer    juez-base:<hash of base-packages.txt + build-base.sh + the chosen packages/*.txt>
#                 (debootstrap, minutes)
#   runtime image juez-runtime:<hash of every file directly in this folder + the chosen packages/*.txt>
#                 (supervisor, users, runtime warm-ups: a minute)
# JUEZ_IMAGE_LANGUAGES (comma-separated language ids, e.g. `c,cpp,python,java`; default: every file in
# packages/) chooses the languages whose packages the image carries: a host may hold only some. The
# executor serves the languages its image really has (their version commands succeed there).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

content_hash() { # content_hash <file...>: sha256 of the files' contents, concatenated in the order given
  cat "$@" | sha256sum | cut -c1-16
}

# The chosen packages/<id>.txt, in byte order of their names, each once.
if [ -z "${JUEZ_IMAGE_LANGUAGES:-}" ] || [ "${JUEZ_IMAGE_LANGUAGES}" = all ]; then
  mapfile -t chosen < <(find "$here/packages" -maxdepth 1 -type f -name '*.txt' -printf '%f\n' 2>/dev/null | LC_ALL=C sort)
else
  mapfile -t chosen < <(tr ',' '\n' <<<"$JUEZ_IMAGE_LANGUAGES" | tr -d ' ' | grep -v '^$' | sed 's/$/.txt/' | LC_ALL=C sort -u)
  for file in "${chosen[@]}"; do
    [ -f "$here/packages/$file" ] || { echo "JUEZ_IMAGE_LANGUAGES: no language '${file%.txt}' (no executor/image/packages/$file)" >&2; exit 2; }
  done
fi
chosen_paths=("${chosen[@]/#/$here/packages/}")

base_tag="juez-base:$(content_hash "$here/base-packages.txt" "$here/build-base.sh" "${chosen_paths[@]}")"
mapfile -t all_files < <(find "$here" -maxdepth 1 -type f -printf '%f\n' | LC_ALL=C sort)
runtime_tag="juez-runtime:$(cd "$here" && content_hash "${all_files[@]}" "${chosen_paths[@]}")"

if [ "${1:-}" = --tag ]; then # the tag only, nothing built (tests compare it with runtimeImageTag())
  echo "$runtime_tag"
  exit 0
fi
if docker image inspect "$runtime_tag" >/dev/null 2>&1; then
  echo "$runtime_tag"
  exit 0
fi
if ! docker image inspect "$base_tag" >/dev/null 2>&1; then
  echo "[image] building $base_tag (takes a few minutes)" >&2
  bash "$here/build-base.sh" "$base_tag" "${chosen_paths[@]}" >&2
fi
echo "[image] building $runtime_tag" >&2
docker build -q --force-rm --build-arg "BASE=$base_tag" -t "$runtime_tag" "$here" >&2
echo "$runtime_tag"
