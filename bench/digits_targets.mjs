// The digits page's accuracy targets in Chromium (docs/benchmarks.md, W7): the built page (web/dist) trains each
// model with the settings it applies when the model is picked (web/src/state/digits-data.js, digitsModelSettings)
// in its own worker, Train pressed, speed max; the wall time from the press to the end of each epoch (the moment
// the page receives that epoch's held-out accuracy) and the accuracy, then whether the target was met in time:
// the LSTM by rows >= 96% within 60 s, the CNN >= 98% within 30 s, the MLP >= 94% within 5 s.
//   node bench/digits_targets.mjs [lstm|cnn|mlp ...]      needs scripts/build-wasm.sh and the vite build
// Prints one line per epoch and one verdict per model; the machine's load average before and after.
import os from 'node:os';
import { serveStatic, launch } from '../web/test/browser/host.js';
import { digitsModelSettings } from '../web/src/state/digits-data.js';

const TARGETS = { lstm: { accuracy: 0.96, seconds: 60, epochs: 8 }, cnn: { accuracy: 0.98, seconds: 30, epochs: 8 }, mlp: { accuracy: 0.94, seconds: 5, epochs: 4 } };
const models = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['mlp', 'cnn', 'lstm'];
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

const server = await serveStatic();
const browser = await launch();
console.log(`digits targets in ${browser.version?.() ?? 'Chromium'}, load average ${load()} (2 cores)`);
try {
  for (const model of models) {
    const target = TARGETS[/** @type {'lstm'} */ (model)];
    const settings = digitsModelSettings(/** @type {'lstm'} */ (model));
    if (!target) throw new Error(`unknown model ${model}: lstm, cnn or mlp`);
    const page = await browser.context.newPage();
    const hash = new URLSearchParams({ task: 'digits', model, ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])), epochs: String(target.epochs) });
    await page.goto(`${server.url}#${hash}`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('#digits .rl-digits-picker input')?.max === '2000', null, { timeout: 60_000 });
    // Epoch ends seen from the page: each snapshot's prediction carries the epochs done and the accuracy per epoch.
    const epochs = await page.evaluate(async (count) => {
      const w = /** @type {any} */ (window);
      const seen = [];
      const start = performance.now();
      /** @type {HTMLButtonElement} */ (document.querySelector('.rl-run-bar button[data-action="train"]')).click();
      await new Promise((resolve) => {
        const poll = () => {
          const p = w.rnnlab.lastSnapshot?.prediction;
          while (p && seen.length < p.epoch) seen.push({ epoch: seen.length + 1, seconds: (performance.now() - start) / 1000, accuracy: p.accuracyPerEpoch[seen.length] });
          if (seen.length >= count) resolve(undefined); else setTimeout(poll, 20);
        };
        poll();
      });
      return seen;
    }, target.epochs);
    const config = await page.evaluate(() => /** @type {any} */ (window).rnnlab.config);
    console.log(`${model}: ${JSON.stringify(settings)} (the worker's config: optim ${config.optim}, lr ${config.lr}, clip ${config.clip}, batch ${config.batch})`);
    for (const e of epochs) console.log(`  epoch ${e.epoch}: ${e.seconds.toFixed(1)} s, held-out ${(100 * e.accuracy).toFixed(2)}%`);
    const met = epochs.find((e) => e.accuracy >= target.accuracy);
    console.log(`  target ${(100 * target.accuracy).toFixed(0)}% within ${target.seconds} s: ${met ? `reached at epoch ${met.epoch}, ${met.seconds.toFixed(1)} s: ${met.seconds <= target.seconds ? 'met' : 'NOT met in time'}` : 'not reached'}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`load average after: ${load()}`);
