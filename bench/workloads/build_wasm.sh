#!/usr/bin/env bash
# Builds the native driver's source (workloads.cpp) as a plain wasm program against the wasm build's core library,
# so the model path (W4, batch 16, which the JS API cannot express) is measured in wasm too:
#   bench/workloads/build_wasm.sh [core-library] [output]
#   default: build/wasm/librnnlab_core.a -> build/wasm/rnnlab_workloads.js;  node build/wasm/rnnlab_workloads.js --workload W4
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export NODE_PATH=/usr/share/nodejs  # Emscripten 3.1.6's JS optimizer needs Debian's acorn (docs/wasm-simd.md)
em++ -std=c++20 -O3 -msimd128 -fwasm-exceptions -DNDEBUG -I"$root/src" -I/usr/include/eigen3 \
  "$root/bench/workloads/workloads.cpp" "$root/bench/harness/native/char_lstm_workload.cpp" "${1:-$root/build/wasm/librnnlab_core.a}" \
  -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node -sSINGLE_FILE=1 -o "${2:-$root/build/wasm/rnnlab_workloads.js}"
echo "${2:-$root/build/wasm/rnnlab_workloads.js}"
