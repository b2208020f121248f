// W7's LSTM by rows (docs/benchmarks.md, "W7") a whole epoch at a time in Node, by CPU time (process.cpuUsage), for
// comparing wasm builds in one process: the epochs of build A and build B alternate, so a burst of load on the
// shared machine hits both alike. Prints each epoch's training CPU seconds (all but its last step), its last step
// with the held-out evaluation, the total, the held-out accuracy and the mean loss. Measures, does not assert.
//   node bench/micro/w7_epoch_cpu.mjs [epochs = 2] [buildA = build/wasm/web/rnnlab_node.js] [buildB ...]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadRnnlab } from '../../web/src/api/rnnlab.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const epochs = Number(process.argv[2] ?? 2);
const builds = process.argv.length > 3 ? process.argv.slice(3) : ['build/wasm/web/rnnlab_node.js'];
const require = createRequire(import.meta.url);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

const dir = path.join(root, 'data/digits/mnist');
const digits = {
  images: new Uint8Array(gunzipSync(readFileSync(path.join(dir, 't10k-images-idx3-ubyte.gz'))).subarray(16)),
  labels: new Uint8Array(gunzipSync(readFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz'))).subarray(8)),
};
const runs = [];
for (const build of builds) {
  const rnnlab = await loadRnnlab({ factory: require(path.resolve(root, build)) });
  const trainer = rnnlab.createTrainer({ task: 'digits', model: 'lstm', hidden: 128, optim: 'adam', lr: 1e-3 }, { digits });
  runs.push({ build, trainer, steps: /** @type {any} */ (trainer.predict()).stepsPerEpoch });
}
for (let epoch = 1; epoch <= epochs; ++epoch)
  for (const r of runs) {
    const c0 = cpu();
    const out = r.trainer.step(r.steps - 1);
    const c1 = cpu();
    r.trainer.step(1);  // the epoch's last step evaluates the held-out images
    const c2 = cpu();
    const p = /** @type {any} */ (r.trainer.predict());
    const loss = out.losses.reduce((/** @type {number} */ a, /** @type {number} */ b) => a + b, 0) / out.losses.length;
    console.log(`${r.build} epoch ${epoch}: training ${(c1 - c0).toFixed(2)} s CPU (${(1e3 * (c1 - c0) / (r.steps - 1)).toFixed(2)} ms a step), last step + held-out evaluation ${(c2 - c1).toFixed(3)} s, epoch ${(c2 - c0).toFixed(2)} s; held out ${(100 * p.heldOutAccuracy).toFixed(2)}%, mean loss ${loss.toFixed(6)}`);
  }
