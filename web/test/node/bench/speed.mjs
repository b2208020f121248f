// Speed of the wasm build in Node next to the native build, on W2 (the sine seed, 6000 iterations) and a
// W5-like char-LSTM (LSTM(16,32) + Linear(32,16), T = 32, B = 1): for docs/wasm.md, not a unit test.
//   node web/test/node/bench/speed.mjs [rounds]     (needs scripts/build-wasm.sh and build/release/native_losses)
// Each figure is the best of `rounds` runs, alternating wasm and native (the machine is shared and noisy).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { loadTestRnnlab, repoRoot } from '../load_wasm.js';

const rounds = Number(process.argv[2] ?? 5);
const native = process.env.RNNLAB_NATIVE_LOSSES ?? path.join(repoRoot, 'build/release/native_losses');
const rnnlab = await loadTestRnnlab();

const W5 = { task: 'seq', input: 'abcdefghijklmnopabcdefghijklmnop', target: 'bcdefghijklmnopabcdefghijklmnopa', arch: 'layer', cell: 'lstm', hidden: 32, lr: 1e-3 };
const workloads = [
  { name: 'W2 sine, 6000 iterations', native: 'sine', config: { task: 'sine' }, iterations: 6000, tokens: 59 },
  { name: 'W5-like LSTM(16,32), T=32', native: 'w5', config: W5, iterations: 3000, tokens: 32 },
];

/** @param {Record<string, unknown>} config @param {number} iterations */
function wasmSeconds(config, iterations) {
  const trainer = rnnlab.createTrainer(/** @type {any} */ (config));
  trainer.step(20);  // tier-up: V8 compiles the hot functions with TurboFan after a few calls
  trainer.reset();
  const start = performance.now();
  const r = trainer.step(iterations);
  const seconds = (performance.now() - start) / 1000;
  trainer.dispose();
  if (r.steps !== iterations) throw new Error(`stopped after ${r.steps}`);
  return seconds;
}

/** @param {string} task @param {number} iterations */
function nativeSeconds(task, iterations) {
  return JSON.parse(execFileSync(native, [task, String(iterations), '--time'], { encoding: 'utf8' })).seconds;
}

console.log(`| workload | wasm (Node ${process.versions.node}) | native | wasm / native speed |`);
console.log('|---|---|---|---|');
for (const w of workloads) {
  let bestWasm = Infinity, bestNative = Infinity;
  for (let i = 0; i < rounds; ++i) {
    bestWasm = Math.min(bestWasm, wasmSeconds(w.config, w.iterations));
    bestNative = Math.min(bestNative, nativeSeconds(w.native, w.iterations));
  }
  const per = (/** @type {number} */ s) => `${(s * 1000).toFixed(0)} ms (${((1e6 * s) / w.iterations).toFixed(1)} us/it, ${Math.round((w.tokens * w.iterations) / s).toLocaleString('en-US')} tokens/s)`;
  console.log(`| ${w.name} | ${per(bestWasm)} | ${per(bestNative)} | ${(bestNative / bestWasm).toFixed(2)}x |`);
}
