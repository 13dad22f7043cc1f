#!/usr/bin/env bash
# Installs the pinned client packages the client tests drive: Python ones (requirements.txt) into a venv with pip,
# Node ones (package.json + package-lock.json) with npm. They go to a cache outside the build,
#   ${JFOUNDRY_TEST_CLIENTS:-${XDG_CACHE_HOME:-~/.cache}/jfoundry/test-clients}/<hash of the pins and interpreters>/
# so a second build, a `mvn clean` or another checkout with the same pins does nothing. The folder is built beside
# and renamed into place, under a lock, so parallel builds never see half an install.
#
#   install-clients.sh                 install (or find) the clients; print the folder; exit non-zero on failure
#   install-clients.sh --report FILE   the same, but always exit 0 and write `ready=<folder>` or `failed=<reason>`
#                                      to FILE: the build goes on, and each client test fails with that reason
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
report=""
if [[ "${1:-}" == "--report" ]]; then
  report="$2"
  mkdir -p "$(dirname "$report")"
  rm -f "$report"
fi

fail() {
  echo "install-clients: $*" >&2
  if [[ -n "$report" ]]; then
    printf 'failed=%s\n' "$*" > "$report"
    exit 0
  fi
  exit 1
}

command -v python3 >/dev/null || fail "python3 is not on PATH (needed for the Python client tests)"
command -v npm >/dev/null || fail "npm is not on PATH (needed for the Node client tests)"
command -v node >/dev/null || fail "node is not on PATH (needed for the Node client tests)"

# The pins, the script itself and the interpreters' versions decide the folder.
hash="$( { cat "$here/requirements.txt" "$here/package.json" "$here/package-lock.json" "$0"
           python3 --version 2>&1; node --version; } | sha256sum | cut -c1-16)"
root="${JFOUNDRY_TEST_CLIENTS:-${XDG_CACHE_HOME:-$HOME/.cache}/jfoundry/test-clients}"
target="$root/$hash"
mkdir -p "$root"

install() {
  local work="$target.partial.$$"
  rm -rf "$work"
  mkdir -p "$work/node"
  echo "install-clients: installing into $target (once)" >&2
  python3 -m venv "$work/venv" || { rm -rf "$work"; fail "python3 -m venv failed"; }
  "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2 \
    || { rm -rf "$work"; fail "pip install -r requirements.txt failed (is PyPI reachable?)"; }
  cp "$here/package.json" "$here/package-lock.json" "$work/node/"
  (cd "$work/node" && npm ci --no-audit --no-fund --loglevel=error >&2) \
    || { rm -rf "$work"; fail "npm ci failed (is the npm registry reachable?)"; }
  # A venv records its own path in its scripts; the interpreter itself (all the tests use) does not mind the move.
  mv "$work" "$target"
  touch "$target/ready"
}

(
  flock 9
  [[ -f "$target/ready" ]] || install
) 9>"$root/.lock"
if [[ ! -f "$target/ready" ]]; then
  [[ -n "$report" && -s "$report" ]] && exit 0 # the reason is written already
  fail "the install did not complete"
fi

if [[ -n "$report" ]]; then
  printf 'ready=%s\n' "$target" > "$report"
fi
echo "$target"
