#!/usr/bin/env bash
# Every test: install what is missing, then the native suite (release, then ASan+UBSan), then the WebAssembly
# build and its JS tests in Node (the real .wasm: parity with the native build, trace, memory, errors, worker).
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
echo "== tests: debug (AddressSanitizer + UndefinedBehaviorSanitizer)"
ctest --preset debug
echo "== build: wasm"
bash scripts/build-wasm.sh
echo "== tests: JS types (tsc --checkJs)"
(cd web && npm run -s typecheck)
echo "== tests: wasm in Node (node --test)"
(cd web && node --test --test-reporter=spec test/node/)
