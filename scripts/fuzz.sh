#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with -fsanitize=fuzzer,address,undefined) and runs each for the
# given number of seconds (default 60) from its committed seed corpus, one after the other on one core.
#   bash scripts/fuzz.sh 30                  # CI: every target 30 s
#   bash scripts/fuzz.sh 600 fuzz_config     # one target, 10 minutes
# New inputs that reach new code go to build/fuzz/corpus/<target>/ (not committed); a crash leaves
# build/fuzz/crash-* and fails the script. Reproduce with: build/fuzz/<target> <crash file>.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_state_dict fuzz_config fuzz_idx fuzz_png)

cxx=$(command -v clang++ || command -v clang++-14)
cmake -S fuzz -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
# Quiet when it builds; the whole log when it does not (ninja writes the compiler's errors to stdout).
log=$(cmake --build build/fuzz -j2 2>&1) || { printf '%s\n' "$log"; exit 1; }

for t in "${targets[@]}"; do
  short=${t#fuzz_}
  mkdir -p "build/fuzz/corpus/$short"
  echo "== fuzz: $t for ${seconds}s"
  # -rss_limit_mb: a request the memory budget should refuse must not get far enough to use 1 GB.
  (cd build/fuzz && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 UBSAN_OPTIONS=print_stacktrace=1 \
    ./"$t" -max_total_time="$seconds" -rss_limit_mb=1024 -malloc_limit_mb=1024 -timeout=20 \
      -max_len=65536 -dict=../../fuzz/json.dict -print_final_stats=1 \
      "corpus/$short" "../../fuzz/corpus/$short" 2>&1 | grep -E "^(Done|stat::|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written|INFO: (seed|Loaded))" )
done
