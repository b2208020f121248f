#!/bin/sh
# Builds kernels.cpp in every variant compared in docs/wasm-simd.md.
#   usage: bench/wasm_kernels/build.sh [out_dir]     (default: <repo>/build-wasmlab/kernels)
# Variants (binary name = build label):
#   native-march   g++ -O3 -march=native   (this machine: AVX-512, Eigen uses AVX512+FMA)
#   native-sse2    g++ -O3                 (x86-64 baseline: SSE2)
#   wasm-scalar    em++ -O3                (no SIMD)
#   wasm-simd128   em++ -O3 -msimd128      (route a: Eigen scalar code + LLVM autovectorizer; hand = wasm_simd128)
#   wasm-sse       em++ -O3 -msimd128 -msse4.1 + shims   (route b: Eigen's SSE path on wasm SIMD)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-$repo/build-wasmlab/kernels}
mkdir -p "$out"
shims=$repo/cmake/wasm/shims
# Emscripten 3.1.6 runs its JS optimizer (acorn) under Node at -O2+; Debian installs acorn in /usr/share/nodejs.
export NODE_PATH=/usr/share/nodejs

common="-std=c++20 -DNDEBUG -I$repo/src -I/usr/include/eigen3"
# Memory growth: the accuracy grid needs more than the default 16 MB.
wasm_link="-sALLOW_MEMORY_GROWTH=1"

build() {  # label compiler flags...
  label=$1; cxx=$2; shift 2
  echo "== $label: $cxx $*"
  case $cxx in
    g++) g++ $common "$@" -DBUILD_LABEL="\"$label\"" "$here/kernels.cpp" -o "$out/$label" ;;
    em++) em++ $common "$@" -DBUILD_LABEL="\"$label\"" "$here/kernels.cpp" $wasm_link -o "$out/$label.js" ;;
  esac
}

build native-march g++ -O3 -march=native
build native-sse2 g++ -O3
build wasm-scalar em++ -O3
build wasm-simd128 em++ -O3 -msimd128
build wasm-sse em++ -O3 -msimd128 -msse4.1 -I"$shims" -include "$shims/eigen_wasm_sse.h"
ls -l "$out"
