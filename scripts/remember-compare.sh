#!/usr/bin/env bash
# RNN vs LSTM vs GRU on "remember the first symbol" (T = 50, 8 symbols, hidden 32, seed 0; the remember task's
# preset): trains each cell for ITERS steps with `rnnlab train remember` and prints its progress lines, held-out
# accuracy and |dh_T/dh_1| every EVERY steps. The numbers quoted in docs/remember.md come from this script.
# Usage: bash scripts/remember-compare.sh [ITERS] [EVERY] [extra flags for every run...]
#        (default 8000 1000; e.g. bash scripts/remember-compare.sh 3000 500 --length 20)
set -euo pipefail
cd "$(dirname "$0")/.."
rnnlab=${RNNLAB:-build/release/rnnlab}
iters=${1:-8000}
every=${2:-1000}
shift $(( $# > 2 ? 2 : $# ))
for cell in rnn lstm gru; do
  echo "== $cell"
  "$rnnlab" train remember --cell "$cell" --iters "$iters" --every "$every" "$@"
done
