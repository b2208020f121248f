#!/bin/sh
# Runs every build of kernels.cpp (made by build.sh) several times, alternating builds, and keeps the raw output.
#   usage: bench/wasm_kernels/run_all.sh [runs=3] [build_dir] [extra kernels options...]
# Output: <build_dir>/results/<build>.<run>.tsv ; then: python3 summarize.py <build_dir>/results/*.tsv
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=${1:-3}
dir=${2:-$repo/build-wasmlab/kernels}
shift $(( $# > 2 ? 2 : $# ))
mkdir -p "$dir/results"
for run in $(seq 1 "$runs"); do
  for b in native-march native-sse2 wasm-scalar wasm-simd128 wasm-sse; do
    echo "== run $run: $b"
    case $b in
      native-*) "$dir/$b" "$@" > "$dir/results/$b.$run.tsv" ;;
      # Node 20's global fetch breaks the 3.1.6 loader for a .wasm next to the .js: disable it.
      wasm-*) node --no-experimental-fetch "$dir/$b.js" "$@" > "$dir/results/$b.$run.tsv" ;;
    esac
  done
done
