#!/usr/bin/env bash
# The benchmark harness in one go (docs/benchmarks.md): builds what it needs (native release, the wasm module,
# the page), then runs W1-W5 on rnnlab native, rnnlab's wasm in headless Chromium and in Node, TensorFlow.js's
# wasm backend in the same Chromium and PyTorch (one thread), and prints one table (bench/harness/run.mjs).
#   bash scripts/bench.sh            the full run (about 10 minutes here); writes build/bench/results.{md,json}
#   bash scripts/bench.sh --smoke    tiny sizes, checks the table is well formed (CI); asserts no speed
#   bash scripts/bench.sh --micro    also runs the Google Benchmark microbenchmarks of the fused layers
# Run scripts/install-deps.sh first on a fresh machine (scripts/test.sh and start.sh do).
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=() micro=0
for a in "$@"; do
  case "$a" in
    --smoke) smoke=(--smoke) ;;
    --micro) micro=1 ;;
    *) echo "usage: bash scripts/bench.sh [--smoke] [--micro]" >&2; exit 2 ;;
  esac
done

cmake --preset release >/dev/null
cmake --build --preset release --target rnnlab_bench_native $([ "$micro" = 1 ] && echo rnnlab_micro)
bash scripts/build-wasm.sh >/dev/null
NODE_PATH=/usr/share/nodejs cmake --build --preset wasm --target rnnlab_bench_web rnnlab_bench_node  # build/wasm/bench
(cd web && npx vite build --logLevel error)

mkdir -p build/bench
node bench/harness/run.mjs ${smoke[@]+"${smoke[@]}"} --out build/bench/results.md --json build/bench/results.json

if [ "$micro" = 1 ]; then
  build/release/bench/micro/rnnlab_micro --benchmark_min_time=0.2 | tee build/bench/micro.txt
fi
