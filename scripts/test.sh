#!/usr/bin/env bash
# Every test: install what is missing, then the native suite (release, then ASan+UBSan).
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
