#!/bin/sh
# count_simd.sh: counts the WebAssembly SIMD instructions in a .wasm file, to check that a build really uses SIMD.
#
#   usage: scripts/count_simd.sh [-v] file.wasm
#     prints "<file>: <n> SIMD instructions"; with -v also the count per opcode (most frequent first)
#   exit status: 0 if the module has SIMD instructions, 1 if it has none, 2 on a usage or tool error
#
# Counts the v128.* and <lane type>.* operations (f32x4, f64x2, i8x16, i16x8, i32x4, i64x2) in the text that
# binaryen's wasm-dis prints (Debian package `binaryen`). Types in signatures (param/result/local v128) are not
# instructions and are not counted.
set -eu
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi
if [ $# -ne 1 ]; then
  echo "usage: $0 [-v] file.wasm" >&2
  exit 2
fi
wasm=$1
if [ ! -f "$wasm" ]; then
  echo "$0: no such file: '$wasm'" >&2
  exit 2
fi
if ! command -v wasm-dis >/dev/null 2>&1; then
  echo "$0: wasm-dis not found (install the Debian package binaryen)" >&2
  exit 2
fi
text=$(mktemp)
trap 'rm -f "$text"' EXIT
if ! wasm-dis "$wasm" -o "$text" 2>"$text.err"; then
  echo "$0: wasm-dis could not read '$wasm':" >&2
  cat "$text.err" >&2
  rm -f "$text.err"
  exit 2
fi
rm -f "$text.err"
ops=$(grep -oE '\((v128|f32x4|f64x2|i8x16|i16x8|i32x4|i64x2)\.[a-z0-9_]+' "$text" | sed 's/^(//' || true)
if [ -z "$ops" ]; then
  count=0
else
  count=$(printf '%s\n' "$ops" | wc -l | tr -d ' ')
fi
echo "$wasm: $count SIMD instructions"
if [ "$verbose" = 1 ] && [ "$count" -gt 0 ]; then
  printf '%s\n' "$ops" | sort | uniq -c | sort -rn
fi
[ "$count" -gt 0 ]
