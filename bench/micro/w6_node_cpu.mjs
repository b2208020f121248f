// W6's training step (the text task's preset on Tiny Shakespeare) and W7's LSTM by rows in Node, by CPU time
// (process.cpuUsage), for comparing two wasm builds in one process: steps of build A and build B alternate, so a
// burst of load on the shared machine hits both alike; the figure is the median CPU time per step. Measures, does
// not assert (docs/benchmarks.md, "W6", run 4; "W7").
//   node bench/micro/w6_node_cpu.mjs [steps = 40] [buildA = build/wasm/web/rnnlab_node.js] [buildB ...]
//   W7=1 node bench/micro/w6_node_cpu.mjs ...    the digits task's LSTM by rows instead (B = 64, 28 steps)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadRnnlab } from '../../web/src/api/rnnlab.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const steps = Number(process.argv[2] ?? 40);
const builds = process.argv.length > 3 ? process.argv.slice(3) : ['build/wasm/web/rnnlab_node.js'];
const w7 = process.env.W7 === '1';
const require = createRequire(import.meta.url);

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const median = (/** @type {number[]} */ v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const runs = [];
for (const build of builds) {
  const rnnlab = await loadRnnlab({ factory: require(path.resolve(root, build)) });
  let trainer, tokens;
  if (w7) {
    const dir = path.join(root, 'data/digits/mnist');
    const digits = {
      images: new Uint8Array(gunzipSync(readFileSync(path.join(dir, 't10k-images-idx3-ubyte.gz'))).subarray(16)),
      labels: new Uint8Array(gunzipSync(readFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz'))).subarray(8)),
    };
    trainer = rnnlab.createTrainer({ task: 'digits', model: 'lstm', hidden: 128, optim: 'adam', lr: 1e-3 }, { digits });
    tokens = 64;  // images per step
  } else {
    const corpus = readFileSync(path.join(root, 'data/corpora/tinyshakespeare.txt'), 'utf8');
    trainer = rnnlab.createTrainer({ task: 'text', valEvery: 1000000 }, { corpus });
    const { seqLen, batch } = trainer.config();
    tokens = seqLen * batch;
  }
  trainer.step(2);  // warm-up: tiers up the code, grows the heap
  runs.push({ build, trainer, tokens, times: /** @type {number[]} */ ([]), losses: /** @type {number[]} */ ([]) });
}
for (let s = 0; s < steps; ++s)
  for (const r of runs) {
    const t0 = cpu();
    const out = r.trainer.step(1);
    r.times.push(cpu() - t0);
    r.losses.push(out.loss);
  }
for (const r of runs) {
  const t = median(r.times);
  console.log(`${r.build}: median ${(1e3 * t).toFixed(2)} ms CPU per step, ${(r.tokens / t).toFixed(0)} ${w7 ? 'images' : 'tokens'} per CPU second; last loss ${r.losses.at(-1)}`);
}
