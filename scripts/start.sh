#!/usr/bin/env bash
# The main job: install what is missing, build the WebAssembly module and the playground page, and serve it on
# 127.0.0.1 (the URL is printed; PORT=8080 picks another port).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "== build: wasm"
bash scripts/build-wasm.sh
echo "== build: page (vite -> web/dist)"
(cd web && node_modules/.bin/vite build)
exec bash scripts/serve.sh
