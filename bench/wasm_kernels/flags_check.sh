#!/bin/sh
# Does a product-level flag change the kernels' speed? Builds kernels.cpp (route: -msimd128, hand kernels) with
# each flag variant below and runs the W3 and W5 kernels under Node, alternating variants, `runs` times.
#   usage: bench/wasm_kernels/flags_check.sh [runs=4] [out_dir]   then: flags_table.py <out_dir>/results/*.tsv
# Separate processes cannot be interleaved sample by sample, so the variants alternate run by run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=${1:-4}
out=${2:-$repo/build-wasmlab/flags}
mkdir -p "$out/results"
export NODE_PATH=/usr/share/nodejs
common="-std=c++20 -DNDEBUG -I$repo/src -I/usr/include/eigen3 -msimd128"
variants="O3 O2 O3-wasmexc O3-jsexc O3-fixedmem"
for v in $variants; do
  case $v in
    O3) flags="-O3 -sALLOW_MEMORY_GROWTH=1" ;;
    O2) flags="-O2 -sALLOW_MEMORY_GROWTH=1" ;;
    O3-wasmexc) flags="-O3 -fwasm-exceptions -sALLOW_MEMORY_GROWTH=1" ;;
    O3-jsexc) flags="-O3 -fexceptions -sALLOW_MEMORY_GROWTH=1" ;;
    O3-fixedmem) flags="-O3 -sINITIAL_MEMORY=128MB" ;;
  esac
  echo "== $v: $flags"
  em++ $common $flags -DBUILD_LABEL="\"wasm-$v\"" "$here/kernels.cpp" -o "$out/$v.js"
done
rm -f "$out"/results/*.tsv
for run in $(seq 1 "$runs"); do
  for v in $variants; do
    echo "== run $run: $v"
    for w in W3/ W5/; do
      node --no-experimental-fetch "$out/$v.js" --no-accuracy --only=$w
    done > "$out/results/$v.$run.tsv"
  done
done
