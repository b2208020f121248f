// The wasm side of bench/workloads: the same workloads through the JS API (web/src/api/rnnlab.js) under Node,
// with the same configs as workloads.cpp's trainer path. Prints one JSON line per run, like the native driver:
//   node bench/workloads/workloads.mjs --workload W3 [--iters N] [--warmup N] [--wasm path/to/rnnlab_node.js]
// (after scripts/build-wasm.sh; --wasm defaults to build/wasm/web/rnnlab_node.js, or $RNNLAB_WASM_NODE).
// W4 (batch 16) has no JS equivalent: the seq task trains one sequence.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { loadRnnlab } from '../../web/src/api/rnnlab.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
/** @param {string} name */
const arg = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const id = arg('--workload');
const wasm = path.resolve(arg('--wasm') ?? process.env.RNNLAB_WASM_NODE ?? path.join(repoRoot, 'build/wasm/web/rnnlab_node.js'));

/** Symbol p of a char workload's corpus with vocabulary v (workloads.cpp). */
const corpus = (/** @type {number} */ begin, /** @type {number} */ length, /** @type {number} */ v) =>
  Array.from({ length }, (_, k) => String.fromCharCode(48 + ((37 * (begin + k) + 11) % v))).join('');
const charConfig = (/** @type {number} */ v, /** @type {number} */ hidden, /** @type {number} */ steps) => ({
  task: 'seq', input: corpus(0, steps, v), target: corpus(1, steps, v), arch: 'layer', cell: 'lstm', hidden, lr: 1e-3,
});
const workloads = {
  W2: { config: { task: 'sine' }, tokens: 59, iters: 6000 },
  W3: { config: charConfig(64, 128, 64), tokens: 64, iters: 300 },
  W5: { config: charConfig(16, 32, 32), tokens: 32, iters: 3000 },
};
const w = workloads[/** @type {'W2'} */ (id)];
if (!w) {
  console.error('usage: node workloads.mjs --workload W2|W3|W5 [--iters N] [--warmup N] [--wasm rnnlab_node.js]');
  process.exit(2);
}
const iters = Number(arg('--iters') ?? w.iters);
const warmup = Number(arg('--warmup') ?? Math.floor(iters / 10));

const rnnlab = await loadRnnlab({ factory: createRequire(import.meta.url)(wasm) });
const trainer = rnnlab.createTrainer(/** @type {any} */ (w.config));
if (warmup > 0) trainer.step(warmup);  // also lets V8 tier up the hot functions
const cpuStart = process.cpuUsage();
const start = performance.now();
const r = trainer.step(iters);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;  // what a shared machine's preemption does not inflate
trainer.dispose();
const tokens = r.steps * w.tokens;
console.log(JSON.stringify({ workload: id, path: 'trainer', runtime: `node ${process.versions.node}`, iters: r.steps, tokens,
  seconds: Number(seconds.toFixed(6)), tokens_per_s: Math.round(tokens / seconds), ms_per_iter: Number((1000 * seconds / r.steps).toFixed(4)),
  cpu_seconds: Number(cpuSeconds.toFixed(6)), tokens_per_cpu_s: Math.round(tokens / cpuSeconds) }));
