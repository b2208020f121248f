// W7's LSTM by rows in headless Chromium's worker for two or more builds of the digits module at once: one trainer
// per build in one worker, their steps in alternating chunks (a burst of load on the shared machine hits all
// alike), each chunk timed by the wall clock (Chromium has no CPU clock). Prints each build's median seconds per
// chunk, its ratio to the first build and the last losses (equal builds train alike). Measures, does not assert.
//   node bench/micro/w7_ab_chromium.mjs STEPS CHUNK A.mjs B.mjs ...   (paths of rnnlab_digits.mjs copies under the
//   repository, each with its .wasm beside it; e.g. web/dist/wasm/rnnlab_digits.mjs after the page's build)
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { serveStatic, launchBrowser } from '../../web/test/browser/host.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [steps, chunk] = [Number(process.argv[2] ?? 250), Number(process.argv[3] ?? 25)];
const builds = process.argv.slice(4);
if (builds.length === 0) throw new Error('usage: w7_ab_chromium.mjs STEPS CHUNK A.mjs [B.mjs ...]');
const server = await serveStatic(root, { pages: { '/ab.html': '<!doctype html><title>W7 A/B</title>' } });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}ab.html`);
  const result = await page.evaluate(
    ({ moduleUrls, steps, chunk }) =>
      new Promise((resolve) => {
        const worker = new Worker('/bench/micro/w7_ab_worker.js', { type: 'module' });
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => resolve({ type: 'error', message: event.message });
        worker.postMessage({ moduleUrls, digitsUrl: new URL('/data/digits/mnist/', location.href).href, steps, chunk });
      }),
    { moduleUrls: builds.map((b) => `/${path.relative(root, path.resolve(b))}`), steps, chunk },
  );
  if (result.type !== 'done') throw new Error(result.message);
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(result.chunks[0]);
  builds.forEach((b, i) => {
    const m = median(result.chunks[i]);
    console.log(`${b}: median ${(1000 * m).toFixed(1)} ms per ${chunk} steps (${result.chunks[i].length} chunks, ` +
      `min ${(1000 * Math.min(...result.chunks[i])).toFixed(1)}), ${(base / m).toFixed(3)}x the first; last loss ${result.losses[i].at(-1)}`);
  });
} finally {
  await browser.close();
  await server.close();
}
