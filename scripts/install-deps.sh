#!/usr/bin/env bash
# Installs what rnnlab needs on a fresh Debian 12 machine (as root), skipping what is already there.
# libclang-rt-14-dev: the libFuzzer and sanitizer runtimes for scripts/fuzz.sh (only recommended by clang-14).
set -euo pipefail
cd "$(dirname "$0")/.."

# fonts-wqy-microhei: a small CJK font (4 MB), so Chromium renders the 简体中文 page here as a reader's system does
# (the screenshots; the page itself names each system's own CJK fonts and downloads none).
APT_PACKAGES=(cmake ninja-build g++ clang libclang-rt-14-dev libeigen3-dev doctest-dev emscripten binaryen nodejs chromium fonts-dejavu-core fonts-wqy-microhei)
# The benchmarks (docs/benchmarks.md): Google Benchmark for bench/micro, PyTorch as a peer in bench/harness (and the
# reference the fixtures come from); scripts/bench.sh --smoke runs every harness.
APT_PACKAGES+=(libbenchmark-dev python3-torch)
# The digits task: zlib reads the gzip'd IDX files natively; Fashion-MNIST lands in /usr/share/datasets/fashion-mnist.
APT_PACKAGES+=(zlib1g-dev dataset-fashion-mnist)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian's nodejs is only needed when no node is installed (this image ships NodeSource's node 20).
if command -v node >/dev/null; then missing=("${missing[@]/nodejs}"); fi
missing=(${missing[@]+"${missing[@]}"})
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci when node_modules is missing or older than the lock file (someone added a package), or lacks a package the
# tests import (@axe-core/playwright, the browser tests' accessibility check).
if [ -f web/package.json ] && { [ ! -f web/node_modules/.package-lock.json ] ||
                                [ web/package-lock.json -nt web/node_modules/.package-lock.json ] ||
                                [ ! -d web/node_modules/@axe-core/playwright ]; }; then
  echo "install-deps: npm ci in web/"
  # The registry here lacks some other platforms' optional packages (e.g. @rollup/rollup-android-arm-eabi), so
  # `npm ci` finds the lock "out of sync"; `npm install --no-save` installs from the same lock and writes nothing.
  (cd web && { npm ci --no-audit --no-fund 2>/dev/null || npm install --no-save --no-audit --no-fund; })
fi
