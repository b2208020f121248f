#!/usr/bin/env bash
# Builds the WebAssembly modules with Debian's Emscripten (CMake preset "wasm") and puts the browser files where
# the page's Vite build serves and copies them (web/public/wasm/, not in git):
#   build/wasm/web/rnnlab.mjs + rnnlab.wasm   the page's first module: the core task family (seq, sine)
#   build/wasm/web/rnnlab_{memory,text,digits}.mjs + .wasm   the other families, loaded when their task is picked
#                                                             -> web/public/wasm/
#   build/wasm/web/rnnlab_node.js             CommonJS, .wasm inside, for the Node tests (web/test/node/)
#   build/wasm/web/rnnlab_export.mjs + .wasm  "Open in PyTorch", loaded by the page on demand -> web/public/wasm/
#   build/wasm/web/rnnlab_export_node.js      the same for the Node test
# Prints the sizes, raw and gzip -9. Flags and measurements: docs/wasm.md.
set -euo pipefail
cd "$(dirname "$0")/.."

# Emscripten's JS optimizer needs acorn, which Debian installs in /usr/share/nodejs (docs/toolchain.md, pitfall 1).
export NODE_PATH=/usr/share/nodejs
cmake --preset wasm >/dev/null
# rnnlab_web: the page's training modules, one per task family (src/wasm/CMakeLists.txt).
cmake --build --preset wasm --target rnnlab_web rnnlab_node rnnlab_export_web rnnlab_export_node

# Every browser module (.mjs + .wasm): the families' and the export's; the Node builds are .js.
mkdir -p web/public/wasm
rm -f web/public/wasm/*.mjs web/public/wasm/*.wasm
cp build/wasm/web/*.mjs build/wasm/web/*.wasm web/public/wasm/

echo "wasm build: file, bytes, gzip -9 bytes"
for f in build/wasm/web/*.wasm build/wasm/web/*.mjs build/wasm/web/rnnlab_node.js; do
  printf '  %-32s %8d %8d\n' "$f" "$(wc -c <"$f")" "$(gzip -9 -c "$f" | wc -c)"
done
