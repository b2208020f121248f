// The .wasm the page ships contains WebAssembly SIMD instructions (v128 / f32x4 ... operations in wasm-dis's
// text), counted by scripts/count_simd.sh when it is there, else by the same count done here.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { repoRoot, wasmDir } from './load_wasm.js';

const shipped = path.join(wasmDir, 'rnnlab.wasm');

/** Per-opcode counts of SIMD instructions, from wasm-dis. */
function simdOps() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rnnlab-simd-'));
  try {
    const text = path.join(dir, 'rnnlab.wat');
    execFileSync('wasm-dis', [shipped, '-o', text]);
    /** @type {Map<string, number>} */
    const counts = new Map();
    for (const m of readFileSync(text, 'utf8').matchAll(/\((v128|f32x4|f64x2|i8x16|i16x8|i32x4|i64x2)\.([a-z0-9_]+)/g)) {
      const op = `${m[1]}.${m[2]}`;
      counts.set(op, (counts.get(op) ?? 0) + 1);
    }
    return counts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the shipped rnnlab.wasm is built with SIMD: float lanes multiply and add', () => {
  assert.ok(existsSync(shipped), `${shipped} is missing: run scripts/build-wasm.sh`);
  const counts = simdOps();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([op, n]) => `${op} ${n}`).join(', ');
  console.log(`${shipped}: ${total} SIMD instructions (${top})`);
  assert.ok(total >= 500, `only ${total} SIMD instructions`);
  for (const op of ['f32x4.mul', 'f32x4.add', 'v128.load', 'v128.store']) assert.ok((counts.get(op) ?? 0) > 0, `no ${op}`);
});

test('scripts/count_simd.sh agrees', () => {
  const script = path.join(repoRoot, 'scripts/count_simd.sh');
  const out = execFileSync('sh', [script, shipped], { encoding: 'utf8' });
  const n = Number(/: (\d+) SIMD instructions/.exec(out)?.[1]);
  const total = [...simdOps().values()].reduce((a, b) => a + b, 0);
  assert.equal(n, total);
});
