// The wasm build trains exactly like the native build: the same preset, seed and iterations give the same losses
// (relative difference <= 1e-4) for the hello seed and the sine seed. The native side is a program built from
// the same library by scripts/test.sh in the same test command (native/native_losses.cpp, one JSON line per
// iteration as the CLI's `train --jsonl` prints); RNNLAB_NATIVE_LOSSES overrides its path.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { loadTestRnnlab, repoRoot } from './load_wasm.js';

const ITERATIONS = 100;
const TOLERANCE = 1e-4;
const native = process.env.RNNLAB_NATIVE_LOSSES ?? path.join(repoRoot, 'build/release/native_losses');
const rnnlab = await loadTestRnnlab();

/**
 * @param {'hello' | 'sine'} task
 * @param {number} seed
 * @returns {number[]}
 */
function nativeLosses(task, seed) {
  assert.ok(existsSync(native), `${native} is missing: scripts/test.sh builds it`);
  const out = execFileSync(native, [task, String(ITERATIONS), String(seed)], { encoding: 'utf8' });
  const lines = out.trim().split('\n').map((l) => JSON.parse(l));
  lines.forEach((l, i) => assert.equal(l.iteration, i + 1));
  return lines.map((l) => l.loss);
}

for (const task of /** @type {const} */ (['hello', 'sine'])) {
  for (const seed of [0, 7]) {
    test(`${task}, seed ${seed}: ${ITERATIONS} iterations, wasm losses = native losses`, () => {
      const expected = nativeLosses(task, seed);
      const trainer = rnnlab.createTrainer({ task: task === 'hello' ? 'seq' : 'sine', seed });
      const got = Array.from(trainer.step(ITERATIONS).losses);
      trainer.dispose();
      assert.equal(got.length, expected.length);
      let worst = 0;
      for (let i = 0; i < got.length; ++i) worst = Math.max(worst, Math.abs(got[i] - expected[i]) / Math.abs(expected[i]));
      console.log(`${task} seed ${seed}: first loss ${got[0]}, last ${got[ITERATIONS - 1]} (native ${expected[ITERATIONS - 1]}), worst relative difference ${worst.toExponential(2)}`);
      assert.ok(worst <= TOLERANCE, `worst relative difference ${worst} > ${TOLERANCE}`);
    });
  }
}
