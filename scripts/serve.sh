#!/usr/bin/env bash
# Serves the built playground (web/dist) on 127.0.0.1 and prints its URL. Build it first with scripts/start.sh
# (or scripts/build-wasm.sh and `npm run build` in web/). Any static host works as well: web/dist uses relative
# paths and needs no special headers.
#   bash scripts/serve.sh             # http://127.0.0.1:4173/
#   PORT=8080 bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-4173}
if [ ! -f web/dist/index.html ] || [ ! -f web/dist/wasm/rnnlab.wasm ]; then
  echo "serve: web/dist is not built (or lacks wasm/rnnlab.wasm); run: bash scripts/start.sh" >&2
  exit 1
fi
echo
echo "  rnnlab playground: http://127.0.0.1:${port}/"
echo "  (Ctrl-C stops the server)"
echo
if [ -x web/node_modules/.bin/vite ]; then
  cd web && exec node_modules/.bin/vite preview --host 127.0.0.1 --port "$port" --strictPort
fi
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory web/dist
