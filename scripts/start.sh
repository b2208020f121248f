#!/usr/bin/env bash
# The main job: install what is missing, build, and run rnnlab.
# Until the playground page exists, the main job is the native hello -> ohlol demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
./build/release/rnnlab train hello
