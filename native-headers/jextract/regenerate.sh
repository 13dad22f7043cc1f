#!/usr/bin/env bash
# Regenerates the FFM bindings from the full upstream onnxruntime_c_api.h with jextract.
#
#   native-headers/jextract/regenerate.sh /path/to/onnxruntime_c_api.h [output-dir]
#
# jextract is not on any registry these machines reach; install it from https://jdk.java.net/jextract/ and put it on
# PATH (or set JEXTRACT). The header comes from Debian's libonnxruntime-dev (/usr/include/onnxruntime/) or the
# onnxruntime release archives. The output goes to a scratch folder: compare it with
# adapters-ort-ffm/src/main/java/org/jfoundry/adapters/ort/internal/bindings/ and carry over what changed. Without
# jextract, scripts/generate-ffm-bindings.py writes OrtApi.java from src/main/c/ort_api_subset.h.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
header="${1:?usage: regenerate.sh /path/to/onnxruntime_c_api.h [output-dir]}"
output="${2:-$here/../target/jextract}"
jextract="${JEXTRACT:-jextract}"

if ! command -v "$jextract" >/dev/null 2>&1; then
  echo "jextract not found (set JEXTRACT or add it to PATH); see the comment at the top of $0" >&2
  exit 2
fi
version="$(grep -m1 -E '#define ORT_API_VERSION' "$header" | awk '{print $3}')"
if [[ "$version" -lt 23 ]]; then
  echo "$header declares ORT_API_VERSION $version; the bindings need 23 or newer" >&2
  exit 1
fi

mkdir -p "$output"
"$jextract" @"$here/onnxruntime.jextract-args" --output "$output" "$header"
echo "generated bindings for ORT_API_VERSION $version in $output"
