// Text soak (scripts/soak-text.sh): the text task (W6: Tiny Shakespeare, the task's preset) trains for a given
// time in headless Chromium in a module worker through the JS API on the page's shipped build
// (browser/rnnlab.html's runText, browser/text_worker.js). Every `every` seconds of training it prints the wasm
// memory, what malloc holds, the worker's JS heap (read over the DevTools protocol: a worker cannot measure its
// own), the page's JS heap, the validation loss and the tokens per second of the stretch. Memory must stay flat.
// Measures, does not assert: not in CI.
//   node bench/harness/soak_text.mjs [seconds = 1800] [every = 60]
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { serveStatic, launchBrowser } from '../../web/test/browser/host.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seconds = Number(process.argv[2] ?? 1800);
const every = Number(process.argv[3] ?? 60);
const MB = 1024 * 1024;
const server = await serveStatic(ROOT);
const browser = await launchBrowser();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The worker's JS heap: Runtime.getHeapUsage in the worker's own DevTools session (auto-attached, flat).
  const cdp = await context.newCDPSession(page);
  /** @type {Promise<number> | null} */
  let workerHeap = null;
  const workerSessions = [];
  cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') workerSessions.push(e.sessionId); });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let nextMessage = 1;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (pending.has(m.id)) { pending.get(m.id)(m.result); pending.delete(m.id); }
  });
  const heapOfWorker = async () => {
    if (workerSessions.length === 0) return NaN;
    const id = nextMessage++;
    const reply = new Promise((resolve) => pending.set(id, resolve));
    try {
      await cdp.send('Target.sendMessageToTarget', { sessionId: workerSessions.at(-1), message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
    } catch {
      return NaN;  // the worker has ended
    }
    const r = await Promise.race([reply, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
    return r ? r.usedSize : NaN;
  };

  await page.goto(`${server.origin}/bench/harness/browser/rnnlab.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const plan = { seconds, valEverySeconds: every, windowSeconds: every, checkpoints: [] };
  const run = page.evaluate((p) => window.runText(p), plan);
  console.log('train s    steps   val nats   wasm MB  malloc MB  worker JS MB  page JS MB  tokens/s (stretch)');
  let shown = 0, last = null;
  const show = async () => {
    const progress = await page.evaluate(() => window.textProgress);
    for (; shown < progress.length; ++shown) {
      const p = progress[shown];
      const rate = last ? ((p.steps - last.steps) * 2048) / (p.seconds - last.seconds) : NaN;
      const pageHeap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
      const wheap = await heapOfWorker();
      console.log([p.seconds.toFixed(0).padStart(7), String(p.steps).padStart(8), p.val.toFixed(3).padStart(10),
        (p.heapBytes / MB).toFixed(2).padStart(9), (p.inUseBytes / MB).toFixed(3).padStart(10),
        (wheap / MB).toFixed(2).padStart(13), (pageHeap / MB).toFixed(2).padStart(11),
        Number.isFinite(rate) ? rate.toFixed(0).padStart(10) : ''.padStart(10)].join(' '));
      last = p;
    }
  };
  let done = false;
  run.finally(() => { done = true; });
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    await show();
  }
  const result = await run;
  await show();
  console.log(`soak: ${result.result.steps} steps, ${(result.result.seconds).toFixed(0)} s of training, ${(result.result.tokens / result.result.seconds).toFixed(0)} tokens/s overall; wasm memory before the trainer ${(result.before.heapBytes / MB).toFixed(2)} MB; page errors: ${errors.length ? errors.join('; ') : 'none'}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
