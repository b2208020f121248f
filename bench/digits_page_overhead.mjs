// How much slower the digits page trains than the same module in a bare worker. Interleaved in one Chromium: (a) the
// bare worker (bench/harness/browser/digits_probe_worker.js: steps only, then the cost of each snapshot part), (b)
// the built page (web/dist, #task=digits, the model's own settings, Train pressed, speed max), whose epoch ends are
// read from its snapshots as bench/digits_targets.mjs reads them, with the main thread's busy time over the run
// (CDP Performance.getMetrics TaskDuration). Medians of the seconds per epoch (epoch 1 and the rest).
//   node bench/digits_page_overhead.mjs [model=cnn] [epochs=2] [rounds=2] [other built page folder]
// needs scripts/build-wasm.sh and the vite build; with another build of the page (a copy of web/dist made before a
// change), that page runs too, in the same rounds, for a before/after comparison.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launch } from '../web/test/browser/host.js';
import { digitsModelSettings } from '../web/src/state/digits-data.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [model = 'cnn', epochsArg = '2', roundsArg = '2', otherDist] = process.argv.slice(2);
const epochs = Number(epochsArg), rounds = Number(roundsArg);
const settings = digitsModelSettings(/** @type {'cnn'} */ (model));
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const site = await serveStatic();
const other = otherDist ? await serveStatic(path.resolve(otherDist)) : null;
const repo = await serveStatic(ROOT, { pages: { '/probe.html': '<!doctype html><title>probe</title>' } });
const browser = await launch();
console.log(`digits ${model} ${JSON.stringify(settings)}, ${epochs} epochs x ${rounds} rounds, load average ${load()} (2 cores)`);

async function bare() {
  const page = await browser.context.newPage();
  await page.goto(`${repo.url}probe.html`);
  const result = await page.evaluate(({ config, epochs }) => new Promise((resolve, reject) => {
    const worker = new Worker('/bench/harness/browser/digits_probe_worker.js', { type: 'module' });
    worker.onmessage = (event) => { worker.terminate(); if (event.data.type === 'done') resolve(event.data); else reject(new Error(event.data.message)); };
    worker.onerror = (event) => { worker.terminate(); reject(new Error(`probe worker: ${event.message}`)); };
    worker.postMessage({ moduleUrl: '/web/dist/wasm/rnnlab_digits.mjs', digitsUrl: `${location.origin}/web/dist/digits/mnist/`, config, epochs });
  }), { config: { task: 'digits', model, ...settings }, epochs });
  await page.close();
  return /** @type {any} */ (result);
}

async function onPage(server = site) {
  const page = await browser.context.newPage();
  const hash = new URLSearchParams({ task: 'digits', model, epochs: String(epochs) });
  await page.goto(`${server.url}#${hash}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('#digits .rl-digits-picker input')?.max === '2000', null, { timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
  const before = await busy();
  const seen = await page.evaluate(async (count) => {
    const w = /** @type {any} */ (window);
    const out = [];
    let snapshots = 0, last = null;
    const start = performance.now();
    /** @type {HTMLButtonElement} */ (document.querySelector('.rl-run-bar button[data-action="train"]')).click();
    await new Promise((resolve) => {
      const poll = () => {
        const s = w.rnnlab.lastSnapshot;
        if (s && s !== last) { last = s; snapshots += 1; }
        const p = s?.prediction;
        while (p && out.length < p.epoch) out.push({ seconds: (performance.now() - start) / 1000, accuracy: p.accuracyPerEpoch[out.length] });
        if (out.length >= count) resolve(undefined); else setTimeout(poll, 10);
      };
      poll();
    });
    return { epochs: out, snapshots, wall: (performance.now() - start) / 1000 };
  }, epochs);
  const mainBusy = (await busy()) - before;
  await page.close();
  return { ...seen, mainBusy };
}

/** @type {Record<string, number[][]>} */
const rows = { bare: [], page: [], ...(other ? { other: [] } : {}) };
try {
  for (let round = 1; round <= rounds; ++round) {
    const b = await bare();
    rows.bare.push(b.epochs.map((/** @type {any} */ e) => e.seconds));
    console.log(`round ${round} bare worker: ${b.epochs.map((/** @type {any} */ e) => `${e.seconds.toFixed(1)} s ${(100 * e.accuracy).toFixed(1)}%`).join(', ')}; per snapshot part (ms): ${Object.entries(b.parts).map(([k, v]) => `${k} ${(/** @type {number} */ (v)).toFixed(2)}`).join(', ')}; load ${load()}`);
    for (const [name, server] of /** @type {[string, any][]} */ ([['page', site], ['other', other]])) {
      if (!server) continue;
      const p = await onPage(server);
      const per = p.epochs.map((/** @type {any} */ e, /** @type {number} */ i) => e.seconds - (i > 0 ? p.epochs[i - 1].seconds : 0));
      rows[name].push(per);
      console.log(`round ${round} ${name}: ${per.map((s, i) => `${s.toFixed(1)} s ${(100 * p.epochs[i].accuracy).toFixed(1)}%`).join(', ')}; ${p.snapshots} snapshots seen in ${p.wall.toFixed(1)} s, main thread busy ${p.mainBusy.toFixed(1)} s; load ${load()}`);
    }
  }
} finally {
  await browser.close();
  await site.close();
  await other?.close();
  await repo.close();
}
for (const [name, runs] of Object.entries(rows))
  console.log(`${name}: median s/epoch ${runs[0].map((_, i) => median(runs.map((r) => r[i])).toFixed(1)).join(', ')}`);
console.log(`load average after: ${load()}`);
