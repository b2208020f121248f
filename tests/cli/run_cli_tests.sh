#!/usr/bin/env bash
# The rnnlab executable as a process: main() passes the words, exit status and streams through, and detects a
# terminal. (Everything else is tested in-process through run_cli, tests/cli/test_cli_*.cpp.)
#   bash tests/cli/run_cli_tests.sh build/release/rnnlab
set -uo pipefail
RNNLAB=${1:?usage: run_cli_tests.sh path/to/rnnlab}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Success: stdout only, exit 0.
"$RNNLAB" train hello >"$TMP/out" 2>"$TMP/err"; code=$?
[ $code -eq 0 ] || fail "train hello: exit $code"
[ "$(wc -l <"$TMP/out")" -eq 15 ] || fail "train hello: expected 15 lines"
[ "$(tail -n 1 "$TMP/out")" = "Predicted string: ohlol, Epoch [15/15] loss=2.2813" ] || fail "train hello: last line $(tail -n 1 "$TMP/out")"
[ -s "$TMP/err" ] && fail "train hello: stderr not empty"

# A bad flag: one line on stderr, nothing on stdout, exit 2.
"$RNNLAB" train sine --iters nine >"$TMP/out" 2>"$TMP/err"; code=$?
[ $code -eq 2 ] || fail "bad flag: exit $code, expected 2"
[ -s "$TMP/out" ] && fail "bad flag: stdout not empty"
[ "$(cat "$TMP/err")" = "rnnlab: train sine: --iters: got 'nine', expected an integer from 1 to 100000000" ] ||
  fail "bad flag: stderr '$(cat "$TMP/err")'"

# A diverging run: exit 1.
"$RNNLAB" train hello --lr 1e30 >"$TMP/out" 2>"$TMP/err"; code=$?
[ $code -eq 1 ] || fail "diverging run: exit $code, expected 1"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "diverging run: expected one line on stderr"

# --help goes to stdout with exit 0.
"$RNNLAB" --help >"$TMP/out" 2>"$TMP/err"; code=$?
[ $code -eq 0 ] && head -n 1 "$TMP/out" | grep -q '^usage: rnnlab' || fail "--help"

# In a pipe sine prints lines; on a terminal (script(1) gives it one) a bar redrawn with \r.
"$RNNLAB" train sine --iters 100 >"$TMP/out" 2>&1 || fail "sine in a pipe"
grep -q '^Iteration \[100/100\] loss=' "$TMP/out" || fail "sine in a pipe: no progress lines"
grep -q $'\r' "$TMP/out" && fail "sine in a pipe: a carriage return"
if command -v script >/dev/null; then
  script -qec "$RNNLAB train sine --iters 100" /dev/null >"$TMP/tty" 2>&1 || fail "sine on a terminal"
  grep -q $'\r\\[#' "$TMP/tty" || fail "sine on a terminal: no bar"
  grep -q '100/100' "$TMP/tty" || fail "sine on a terminal: the bar never reached 100/100"
else
  echo "skipped: the terminal check needs script(1)"
fi

if [ $failures -eq 0 ]; then echo "cli process tests: ok"; else echo "cli process tests: $failures failed"; exit 1; fi
