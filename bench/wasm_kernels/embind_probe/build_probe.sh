#!/bin/sh
# Builds embind_probe.cpp in the flag sets compared in docs/wasm-simd.md, runs the Node checks on each Node
# build and prints sizes (raw and gzip -9) of every .wasm and .js.
#   usage: bench/wasm_kernels/embind_probe/build_probe.sh [out_dir]   (default: <repo>/build-wasmlab/probe)
# Browser builds (ES6) are checked with:
#   bench/wasm_kernels/browser/run_in_chromium.py <out_dir> --page 'probe.html?js=<name>.mjs'
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
out=${1:-$repo/build-wasmlab/probe}
mkdir -p "$out"
cp "$here/probe_checks.mjs" "$out/"
export NODE_PATH=/usr/share/nodejs  # acorn for Emscripten's JS optimizer at -O2+

common="-std=c++20 -DNDEBUG -I/usr/include/eigen3 -msimd128"
module="--bind -sALLOW_MEMORY_GROWTH=1 -sMODULARIZE=1 -sEXPORT_NAME=createProbe"
node_env="-sENVIRONMENT=node"
web_env="-sENVIRONMENT=web,worker -sEXPORT_ES6=1"

build() {  # name suffix(js|mjs) flags...
  name=$1; ext=$2; shift 2
  echo "== $name: $*"
  em++ $common $module "$@" "$here/embind_probe.cpp" -o "$out/$name.$ext"
}

# Exception modes (Node builds: checks + speed; web builds: size + Chromium)
for opt in O3 Os; do
  build node-$opt-noexc js -$opt $node_env
  build node-$opt-jsexc js -$opt -fexceptions $node_env
  build node-$opt-wasmexc js -$opt -fwasm-exceptions $node_env
  build web-$opt-noexc mjs -$opt $web_env
  build web-$opt-jsexc mjs -$opt -fexceptions $web_env
  build web-$opt-wasmexc mjs -$opt -fwasm-exceptions $web_env
done
# Size levers on the candidate product build
build web-Oz-wasmexc mjs -Oz -fwasm-exceptions $web_env
# Closure needs a closure-compiler newer than Debian's (2013): set CLOSURE=/path/to/google-closure-compiler (npm).
if [ -n "${CLOSURE:-}" ]; then
  (export EM_CLOSURE_COMPILER="$CLOSURE"; build web-O3-wasmexc-closure mjs -O3 -fwasm-exceptions --closure 1 $web_env) ||
    echo "(closure build failed)"
fi
build web-O3-wasmexc-nofs mjs -O3 -fwasm-exceptions -sFILESYSTEM=0 $web_env
build web-O3-wasmexc-sse mjs -O3 -fwasm-exceptions -msse4.1 -I"$repo/cmake/wasm/shims" \
  -include "$repo/cmake/wasm/shims/eigen_wasm_sse.h" $web_env

echo
echo "== Node checks"
for f in "$out"/node-*.js; do
  echo "-- $(basename "$f")"
  node "$here/probe_node.mjs" "$f" || echo "(exit $?)"
done

echo
echo "== sizes (bytes): file raw gzip-9"
for f in "$out"/*.wasm "$out"/*.js "$out"/*.mjs; do
  case $f in *probe_checks.mjs) continue ;; esac
  printf '%s\t%s\t%s\n' "$(basename "$f")" "$(wc -c < "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
