// The wasm workloads (W2, W3, W5; same configs as workloads.mjs) in headless Chromium, the page's engine.
//   node bench/workloads/workloads_chromium.mjs [--runs 5] [--module /build/wasm/web/rnnlab.mjs ...]
// Each --module is a repository path of an ES module build (rnnlab.mjs next to its rnnlab.wasm); several are
// timed interleaved, round by round. Chromium has no CPU clock (and coarsens performance.now()), so figures are
// wall-clock medians; prints one JSON line per module and workload.
import { runInChromium } from '../../web/test/node/chromium.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 5);
const modules = args.flatMap((a, i) => (a === '--module' ? [args[i + 1]] : []));
if (modules.length === 0) modules.push('/build/wasm/web/rnnlab.mjs');

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

const result = await runInChromium(`
  const { loadRnnlab } = await import('/web/src/api/rnnlab.js');
  const modules = ${JSON.stringify(modules)};
  const workloads = ${JSON.stringify(workloads)};
  const libs = [];
  for (const m of modules) libs.push(await loadRnnlab({ moduleUrl: m }));
  const seconds = {};
  for (let r = 0; r < ${runs}; ++r)
    for (const [id, w] of Object.entries(workloads))
      for (let k = 0; k < libs.length; ++k) {
        const t = libs[k].createTrainer(w.config);
        t.step(Math.floor(w.iters / 10));  // warm-up, tier-up
        const start = performance.now();
        t.step(w.iters);
        const s = (performance.now() - start) / 1000;
        t.dispose();
        (seconds[modules[k] + ' ' + id] ??= []).push(s);
      }
  return { userAgent: navigator.userAgent, seconds };
`, 900000);
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [key, xs] of Object.entries(result.seconds)) {
  const [module, id] = key.split(' ');
  const w = workloads[/** @type {'W2'} */ (id)];
  const s = median(xs);
  console.log(JSON.stringify({ workload: id, module, runtime: result.userAgent.match(/Chrome\/[\d.]+/)?.[0],
    iters: w.iters, seconds: Number(s.toFixed(4)), tokens_per_s: Math.round(w.iters * w.tokens / s), runs: xs.length }));
}
