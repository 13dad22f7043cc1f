#!/usr/bin/env bash
# Places ONNX Runtime's GPU build (1.31.1, CUDA 13) into a foundry home:
#   <home>/native/onnxruntime-gpu-1.31.1/libonnxruntime.so
#   <home>/native/onnxruntime-gpu-1.31.1/libonnxruntime_providers_shared.so, libonnxruntime_providers_cuda.so
#
# Maven Central's com.microsoft.onnxruntime:onnxruntime_gpu lags behind, so the libraries come from the PyPI wheel
# onnxruntime-gpu, fetched with pip and checked against pinned SHA-256 sums (wheel and libraries). The CUDA provider
# must sit beside libonnxruntime.so: ONNX Runtime loads it from there when a session asks for CUDA.
#
# Usage: native-headers/fetch-ort-gpu.sh [FOUNDRY_HOME]     (default: $FOUNDRY_HOME, else ~/.foundry)
# Prints the library's path on success: set FOUNDRY_ORT_LIBRARY (or ortLibraryPath in the settings) to it. Running
# it again with the libraries in place does nothing. The CUDA 13 libraries themselves (CUDA runtime, cuBLAS, cuDNN 9,
# cuFFT, cuRAND, NVRTC) are not included: see adapters-ort-ffm/README.md.
set -euo pipefail

ORT_VERSION=1.31.1
WHEEL=onnxruntime_gpu-${ORT_VERSION}-cp312-cp312-manylinux_2_28_x86_64.whl
WHEEL_SHA256=05d548956197b9d01f59b625de740e0d6be3593f874e241a12dc0362650ecdf7
declare -A LIBRARY_SHA256=(
    [libonnxruntime.so.1.31.1]=5104254339ecadae808da771bd0b63b240f0dbd466514234905e54372435c303
    [libonnxruntime_providers_shared.so]=086ec1d5388f64153d9c63470d126693db9a182c8ce236d3a1119068471b8a0d
    [libonnxruntime_providers_cuda.so]=8387867e857499e045caff5d13ac6a5de29571c801562fa2dde0e45f1f31de52
)

home=${1:-${FOUNDRY_HOME:-$HOME/.foundry}}
target_dir=$home/native/onnxruntime-gpu-$ORT_VERSION
target=$target_dir/libonnxruntime.so

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

installed() {
    [[ -f $target && $(sha256_of "$target") == "${LIBRARY_SHA256[libonnxruntime.so.$ORT_VERSION]}" ]] || return 1
    for name in libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so; do
        [[ -f $target_dir/$name && $(sha256_of "$target_dir/$name") == "${LIBRARY_SHA256[$name]}" ]] || return 1
    done
}

if installed; then
    echo "$target"
    exit 0
fi
if [[ $(uname -s) != Linux || $(uname -m) != x86_64 ]]; then
    echo "fetch-ort-gpu.sh: only linux x86_64 is provided (this is $(uname -s) $(uname -m))" >&2
    exit 2
fi
pip=$(command -v pip3 || command -v pip || true)
if [[ -z $pip ]]; then
    echo "fetch-ort-gpu.sh: pip is needed to download the onnxruntime-gpu wheel from PyPI" >&2
    exit 2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# --require-hashes makes pip refuse a wheel whose SHA-256 differs from the pinned one.
echo "onnxruntime-gpu==$ORT_VERSION --hash=sha256:$WHEEL_SHA256" > "$scratch/requirements.txt"
"$pip" download --quiet --no-deps --require-hashes -r "$scratch/requirements.txt" \
    --only-binary=:all: --platform manylinux_2_28_x86_64 --python-version 3.12 --implementation cp --abi cp312 \
    -d "$scratch" >&2
[[ $(sha256_of "$scratch/$WHEEL") == "$WHEEL_SHA256" ]] || { echo "fetch-ort-gpu.sh: wheel checksum mismatch" >&2; exit 1; }

python3 - "$scratch/$WHEEL" "$scratch" "${!LIBRARY_SHA256[@]}" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    for name in sys.argv[3:]:
        wheel.extract("onnxruntime/capi/" + name, sys.argv[2])
PY

mkdir -p "$target_dir"
for name in "${!LIBRARY_SHA256[@]}"; do
    library=$scratch/onnxruntime/capi/$name
    [[ $(sha256_of "$library") == "${LIBRARY_SHA256[$name]}" ]] || { echo "fetch-ort-gpu.sh: $name checksum mismatch" >&2; exit 1; }
    destination=$target_dir/$name
    [[ $name == libonnxruntime.so.* ]] && destination=$target
    # Copy then rename, so a reader never sees half a library.
    cp "$library" "$destination.partial"
    chmod 0755 "$destination.partial"
    mv -f "$destination.partial" "$destination"
done
echo "$target"
