// The inspector's work as CPU time, for a machine too loaded for wall-clock medians to mean much: the same
// measures as run.mjs (W6's model, 2,000 characters of validation text), on the same .wasm in Node's V8 (the
// engine Chromium runs), timed with process.cpuUsage() (user + system time of this process, which runs the module
// on one thread) and with performance.now(). Prints median CPU ms and median wall ms per measure.
//
//   bash scripts/build-wasm.sh && node bench/inspect/node_cpu.mjs [--repeats 15]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1]) || 15;
const require = createRequire(import.meta.url);
const m = await require(path.join(root, 'build/wasm/web/rnnlab_node.js'))();
const corpus = readFileSync(path.join(root, 'data/corpora/tinyshakespeare.txt'), 'utf8');
const h = new m.TrainerHandle();
const check = (v) => { if (v instanceof Error) throw v; return v; };
const config = check(h.configure({ task: 'text', corpus: 'tinyshakespeare' }, corpus, undefined));
h.step(3);
const text = m.inspectOwnText(h, 2000);
const times = { activations: [], saliency: [], 'saliency@1000': [], ranking: [] };
const cpu = Object.fromEntries(Object.keys(times).map((k) => [k, []]));
const measure = (name, call) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  check(call());
  times[name].push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu[name].push((c.user + c.system) / 1000);
};
for (let r = 0; r < repeats; r++) {
  h.step(1);  // new weights: nothing reused
  measure('activations', () => m.inspectActivations(h, text));
  measure('saliency', () => m.inspectSaliency(h, text, 2000, -1));
  measure('saliency@1000', () => m.inspectSaliency(h, text, 1000, -1));
  h.step(1);
  measure('ranking', () => m.inspectUnitRanking(h, text, 5));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`model hidden ${config.hidden} x ${config.layers} ${config.cell}, embedding ${config.embedding}; ${[...text].length} characters; ${repeats} repeats`);
console.log('measure        cpu ms   wall ms');
for (const name of Object.keys(times))
  console.log(`${name.padEnd(14)} ${median(cpu[name]).toFixed(1).padStart(6)} ${median(times[name]).toFixed(1).padStart(9)}`);
