#!/usr/bin/env bash
# The benchmark harness in one go (docs/benchmarks.md): builds what it needs (native release, the wasm module,
# the page), then runs W1-W5 on rnnlab native, rnnlab's wasm in headless Chromium and in Node, TensorFlow.js's
# wasm backend in the same Chromium and PyTorch (one thread), and prints one table (bench/harness/run.mjs).
#   bash scripts/bench.sh            the full run (about 4 minutes here, plus 10 for W6); writes build/bench/results.{md,json}
#   bash scripts/bench.sh --smoke    tiny sizes, checks the table is well formed and every microbenchmark runs
#                                    (CI; about 15 s once built); asserts no speed
#   bash scripts/bench.sh --micro    also runs the Google Benchmark microbenchmarks (fused layers, digits classifiers)
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
# bench/micro is built only where Google Benchmark is installed (libbenchmark-dev, from install-deps.sh).
have_micro=0
if ninja -C build/release -t targets all 2>/dev/null | grep -q '^rnnlab_micro:'; then have_micro=1; fi
if [ "$micro" = 1 ] && [ "$have_micro" = 0 ]; then echo "bench: --micro needs Google Benchmark (libbenchmark-dev)" >&2; exit 1; fi
cmake --build --preset release --target rnnlab_bench_native rnnlab $([ "$have_micro" = 1 ] && echo rnnlab_micro)
bash scripts/build-wasm.sh >/dev/null
NODE_PATH=/usr/share/nodejs cmake --build --preset wasm --target rnnlab_bench_web rnnlab_bench_node  # build/wasm/bench
(cd web && npx vite build --logLevel error)

mkdir -p build/bench
node bench/harness/run.mjs ${smoke[@]+"${smoke[@]}"} --out build/bench/results.md --json build/bench/results.json

if [ "$micro" = 1 ]; then
  build/release/bench/micro/rnnlab_micro --benchmark_min_time=0.2 | tee build/bench/micro.txt
elif [ ${#smoke[@]} -gt 0 ] && [ "$have_micro" = 1 ]; then
  # Smoke: every microbenchmark runs once and reports a finite time (3 cells x 4 sizes x forward, forward+backward,
  # and the digits MLP and CNN training steps).
  build/release/bench/micro/rnnlab_micro --benchmark_min_time=0.0001 --benchmark_format=json 2>/dev/null >build/bench/micro-smoke.json
  node -e '
    const runs = JSON.parse(require("fs").readFileSync("build/bench/micro-smoke.json", "utf8")).benchmarks;
    const bad = runs.filter((b) => !(b.cpu_time > 0 && Number.isFinite(b.cpu_time)));
    if (runs.length !== 26 || bad.length) { console.error(`bench: microbenchmarks: ${runs.length} of 26 ran, ${bad.length} without a time`); process.exit(1); }
    console.error("bench: microbenchmarks smoke OK (26 ran)");'
fi
