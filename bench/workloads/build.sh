#!/usr/bin/env bash
# Builds the native workload driver against a built core library:
#   bench/workloads/build.sh [preset-dir-or-library] [output]
# default: build/release/librnnlab_core.a -> build/release/rnnlab_workloads
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lib=${1:-$root/build/release}
[[ -d $lib ]] && lib=$lib/librnnlab_core.a
out=${2:-$(dirname "$lib")/rnnlab_workloads}
g++ -std=c++20 -O3 -march=native -DNDEBUG -I"$root/src" -I/usr/include/eigen3 \
  "$root/bench/workloads/workloads.cpp" "$root/bench/harness/native/char_lstm_workload.cpp" "$lib" -o "$out"
echo "$out"
