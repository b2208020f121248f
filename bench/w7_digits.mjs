// W7 (docs/benchmarks.md): the digits task's three models, batch 64 on the 8,000 / 2,000 MNIST split, trained for a
// few epochs by rnnlab native (the CLI), rnnlab's WebAssembly build in Node (the JS API, the same module the page's
// worker loads, without SIMD differences: it is the page's build) and PyTorch 1.13 on one thread, one after the
// other in one run. Each epoch's time is the CPU time of its training and its held-out evaluation (the machine is
// shared: wall time also counts waiting for a core; both are printed).
//   node bench/w7_digits.mjs [epochs of lstm] [epochs of mlp] [epochs of cnn]     (default 2 3 2)
// Needs build/release/rnnlab (cmake --preset release) and build/wasm/web/rnnlab_node.js (scripts/build-wasm.sh).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadRnnlab } from '../web/src/api/rnnlab.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [lstmEpochs, mlpEpochs, cnnEpochs] = process.argv.slice(2).map(Number);
const models = [
  { model: 'lstm', epochs: lstmEpochs || 2, config: { model: 'lstm', hidden: 128, optim: 'adam', lr: 1e-3 } },
  { model: 'mlp', epochs: mlpEpochs || 3, config: { model: 'mlp', optim: 'sgd', lr: 0.1 } },
  { model: 'cnn', epochs: cnnEpochs || 2, config: { model: 'cnn', optim: 'adam', lr: 1e-3 } },
];

/** @type {{system: string, model: string, epoch: number, loss: number, accuracy: number, cpu: number, wall: number}[]} */
const rows = [];

function native(m) {
  const flags = Object.entries(m.config).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const out = execFileSync(path.join(root, 'build/release/rnnlab'), ['train', 'digits', ...flags, '--epochs', String(m.epochs)], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) {
    const r = /^epoch (\d+)  loss ([0-9.]+)  held-out accuracy ([0-9.]+)%  ([0-9.]+) s  \(cpu ([0-9.]+) s\)$/.exec(line);
    if (!r) throw new Error(`native: unexpected line ${line}`);
    rows.push({ system: 'native', model: m.model, epoch: +r[1], loss: +r[2], accuracy: +r[3] / 100, wall: +r[4], cpu: +r[5] });
  }
}

async function wasm(m) {
  const require = createRequire(import.meta.url);
  const rnnlab = await loadRnnlab({ factory: require(path.join(root, 'build/wasm/web/rnnlab_node.js')) });
  const dir = path.join(root, 'data/digits/mnist');
  const digits = {
    images: new Uint8Array(gunzipSync(readFileSync(path.join(dir, 't10k-images-idx3-ubyte.gz'))).subarray(16)),
    labels: new Uint8Array(gunzipSync(readFileSync(path.join(dir, 't10k-labels-idx1-ubyte.gz'))).subarray(8)),
  };
  const trainer = rnnlab.createTrainer({ task: 'digits', ...m.config }, { digits });
  const steps = /** @type {any} */ (trainer.predict()).stepsPerEpoch;
  for (let epoch = 1; epoch <= m.epochs; ++epoch) {
    const c0 = process.cpuUsage(), w0 = performance.now();
    const r = trainer.step(steps);  // the last step of the epoch evaluates the held-out images
    const cpu = process.cpuUsage(c0), wall = (performance.now() - w0) / 1000;
    const p = /** @type {any} */ (trainer.predict());
    const loss = r.losses.reduce((a, b) => a + b, 0) / r.losses.length;
    rows.push({ system: 'wasm (Node)', model: m.model, epoch, loss, accuracy: p.heldOutAccuracy, cpu: (cpu.user + cpu.system) / 1e6, wall });
  }
  trainer.dispose();
}

function torch(m) {
  const out = execFileSync('/usr/bin/python3', [path.join(root, 'bench/w7_digits_torch.py'), m.model, String(m.epochs)], { encoding: 'utf8' });
  for (const line of out.trim().split('\n')) rows.push(JSON.parse(line));
}

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
for (const m of models) {
  native(m);
  await wasm(m);
  torch(m);
  console.error(`W7: ${m.model} done`);
}
const load2 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

console.log(`W7, ${new Date().toISOString()}, load average ${load} before, ${load2} after (2 cores)\n`);
console.log('| model | system | epoch | loss | held-out accuracy | CPU s / epoch | wall s / epoch | PyTorch CPU / this CPU |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const t = rows.find((x) => x.system === 'pytorch' && x.model === r.model && x.epoch === r.epoch);
  console.log(`| ${r.model} | ${r.system} | ${r.epoch} | ${r.loss.toFixed(4)} | ${(100 * r.accuracy).toFixed(2)}% | ${r.cpu.toFixed(2)} | ${r.wall.toFixed(2)} | ${t ? (t.cpu / r.cpu).toFixed(1) + 'x' : ''} |`);
}
