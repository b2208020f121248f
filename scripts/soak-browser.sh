#!/usr/bin/env bash
# Browser soak: the built page (web/dist) trains hello 100,000 iterations in its worker, snapshots streaming, in
# headless Chromium; prints wasm memory, malloc use, JS heaps and iterations/s every 10,000 iterations.
#   bash scripts/soak-browser.sh [iterations]     (after scripts/build-wasm.sh and vite build)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f web/dist/index.html ] || { echo "soak-browser: web/dist is missing: (cd web && node_modules/.bin/vite build)" >&2; exit 1; }
node web/test/soak/soak-browser.js "${1:-100000}"
