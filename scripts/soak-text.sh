#!/usr/bin/env bash
# Text soak: the text task (Tiny Shakespeare, the task's W6 preset) trains for 30 minutes in headless Chromium in a
# module worker through the JS API on the page's shipped build; prints wasm memory, malloc use, the worker's and
# the page's JS heaps, the validation loss and tokens/s every minute (bench/harness/soak_text.mjs). Not in CI.
#   bash scripts/soak-text.sh [seconds = 1800] [every = 60]     (after scripts/build-wasm.sh and vite build)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f web/dist/wasm/rnnlab.mjs ] || { echo "soak-text: web/dist is missing: (cd web && node_modules/.bin/vite build)" >&2; exit 1; }
node bench/harness/soak_text.mjs "${1:-1800}" "${2:-60}"
