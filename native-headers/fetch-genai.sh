#!/usr/bin/env bash
# Places libonnxruntime-genai.so (ONNX Runtime GenAI 0.14.1, paired with ONNX Runtime 1.26.0) into a foundry home:
#   <home>/native/onnxruntime-genai-0.14.1/libonnxruntime-genai.so
#
# GenAI is not on Maven Central in a build that loads on glibc 2.36, so the library comes from the PyPI wheel
# onnxruntime-genai, fetched with pip and checked against pinned SHA-256 sums (wheel and library).
#
# Usage: native-headers/fetch-genai.sh [FOUNDRY_HOME]     (default: $FOUNDRY_HOME, else ~/.foundry)
# Prints the library's path on success. Running it again with the library in place does nothing.
#
# The library has no NEEDED entry for ONNX Runtime: it dlopens it at first use (ORT_LIB_PATH, then libonnxruntime.so,
# then libonnxruntime.so.1). The GenAI engine sets ORT_LIB_PATH to the libonnxruntime.so the ORT adapter loaded and
# loads that file first, so both engines share one ONNX Runtime; nothing has to sit beside this library.
set -euo pipefail

GENAI_VERSION=0.14.1
WHEEL=onnxruntime_genai-${GENAI_VERSION}-cp311-cp311-manylinux_2_28_x86_64.whl
WHEEL_SHA256=cd8d6413124cca69c66f1dc347596a69f84e0cd5ad6dbd69de6ae524208990ac
LIBRARY_SHA256=7201c1c4ac72d1ac5364b50d1e9fe89ea977b30f0316f760d3dbde9bb7347725
PAIRED_ORT=1.26.0

home=${1:-${FOUNDRY_HOME:-$HOME/.foundry}}
target_dir=$home/native/onnxruntime-genai-$GENAI_VERSION
target=$target_dir/libonnxruntime-genai.so

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

if [[ -f $target && $(sha256_of "$target") == "$LIBRARY_SHA256" ]]; then
    echo "$target"
    exit 0
fi

if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
    echo "fetch-genai.sh: only linux x86_64 is provided (this is $(uname -s) $(uname -m))" >&2
    exit 2
fi
pip=$(command -v pip3 || command -v pip || true)
if [[ -z $pip ]]; then
    echo "fetch-genai.sh: pip is needed to download the onnxruntime-genai wheel from PyPI" >&2
    exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# --require-hashes makes pip refuse a wheel whose SHA-256 differs from the pinned one.
echo "onnxruntime-genai==$GENAI_VERSION --hash=sha256:$WHEEL_SHA256" > "$scratch/requirements.txt"
"$pip" download --quiet --no-deps --require-hashes -r "$scratch/requirements.txt" \
    --only-binary=:all: --platform manylinux_2_28_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
    -d "$scratch" >&2
[[ $(sha256_of "$scratch/$WHEEL") == "$WHEEL_SHA256" ]] || { echo "fetch-genai.sh: wheel checksum mismatch" >&2; exit 1; }

# A wheel is a zip; python's zipfile is always there when pip is.
python3 - "$scratch/$WHEEL" "$scratch" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for name in ("onnxruntime_genai/libonnxruntime-genai.so", "onnxruntime_genai-0.14.1.dist-info/METADATA"):
        wheel.extract(name, sys.argv[2])
EOF

# The wheel declares the ONNX Runtime it was built for; refuse a pairing the project does not load.
grep -q "^Requires-Dist: onnxruntime>=$PAIRED_ORT\$" "$scratch/onnxruntime_genai-$GENAI_VERSION.dist-info/METADATA" || {
    echo "fetch-genai.sh: the wheel does not pair with ONNX Runtime $PAIRED_ORT" >&2; exit 1; }

library=$scratch/onnxruntime_genai/libonnxruntime-genai.so
[[ $(sha256_of "$library") == "$LIBRARY_SHA256" ]] || { echo "fetch-genai.sh: library checksum mismatch" >&2; exit 1; }

mkdir -p "$target_dir"
# Copy then rename, so a reader never sees half a library.
cp "$library" "$target.partial"
chmod 0755 "$target.partial"
mv -f "$target.partial" "$target"
echo "$target"
