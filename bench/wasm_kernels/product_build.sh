#!/bin/sh
# Builds product_kernels.cpp natively and for wasm: bench/wasm_kernels/product_build.sh [out_dir]
# (default <repo>/build-wasmlab/product); the product sources it needs are compiled in directly.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/build-wasmlab/product}
mkdir -p "$out"
export NODE_PATH=/usr/share/nodejs
srcs="$here/product_kernels.cpp $repo/src/nn/recurrent_input_projection.cpp $repo/src/core/rng.cpp $repo/src/core/tensor.cpp"
flags="-std=c++20 -O3 -DNDEBUG -I$repo/src -I/usr/include/eigen3"
g++ $flags -march=native $srcs -o "$out/native"
em++ $flags -msimd128 -fwasm-exceptions $srcs -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sSINGLE_FILE=1 -o "$out/wasm.js"
echo "$out/native $out/wasm.js"
