#!/usr/bin/env bash
# Every test: install what is missing, then the native suite (release, then ASan+UBSan; between them the torch
# export's programs run under python3-torch, scripts/test_torch_export.py), a short fuzz pass of the
# loaders (scripts/fuzz.sh), then the WebAssembly
# build and its JS tests in Node (the real .wasm: parity with the native build, trace, memory, errors, worker),
# then the page built by Vite and driven in headless Chromium (web/test/browser/), then a smoke pass of the
# benchmark harness (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
for preset in release debug; do
  echo "== build: $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
done
echo "== tests: release"
ctest --preset release
echo "== tests: the torch export (every task's exported program run under Debian's python3-torch)"
/usr/bin/python3 scripts/test_torch_export.py
echo "== tests: debug (AddressSanitizer + UndefinedBehaviorSanitizer)"
ctest --preset debug
echo "== fuzz: the state-dict loader and the config, 30 s each (libFuzzer + ASan + UBSan)"
bash scripts/fuzz.sh 30
echo "== build: wasm"
bash scripts/build-wasm.sh
echo "== tests: JS types (tsc --checkJs)"
(cd web && npm run -s typecheck)
echo "== tests: wasm in Node (node --test)"
(cd web && node --test --test-reporter=spec test/node/)
echo "== build: page (vite -> web/dist)"
(cd web && node_modules/.bin/vite build)
echo "== tests: the page in Chromium (node --test web/test/browser/)"
node --test --test-concurrency=1 --test-reporter=spec web/test/browser/
echo "== bench: smoke pass (every harness on tiny sizes; checks the table is well formed, not the speed)"
bash scripts/bench.sh --smoke
