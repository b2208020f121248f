// Browser soak (scripts/soak-browser.sh), two runs of 100,000 hello iterations in the page's worker:
//   1. Train at full speed: the worker runs 8 ms chunks and streams snapshots with traces to the views.
//   2. Step by step: 100,000 `step` requests, each answered by a snapshot with the trace that every view draws
//      (the page's paced mode without its pause): the heaviest path for the message and view code.
// Every 10,000 iterations it prints the worker's wasm memory and malloc use, the page's JS heap (a worker's own
// is not measurable from inside it: docs/js-api.md, `memory`), and the iterations per second of the stretch. Memory must stay flat and speed
// constant. Measures, does not assert: not in CI.
import { serveStatic, launch, openPage } from '../browser/harness.js';

const total = Number(process.argv[2] ?? 100_000);
const every = Math.max(1, Math.floor(total / 10));
const MB = 1024 * 1024;
const server = await serveStatic();
const browser = await launch();
try {
  const { page, errors } = await openPage(browser.context, server.url, { hash: `task=seq&epochs=${total}&speed=max` });
  const sample = () => page.evaluate(async () => {
    const m = await window.rnnlab.client.request('memory');
    const pageHeap = /** @type {any} */ (performance).memory?.usedJSHeapSize ?? null;
    return { iteration: window.rnnlab.iteration, ...m, pageHeap, running: window.rnnlab.running };
  });
  const show = (s, rate) => console.log([
    String(s.iteration).padStart(9), (s.heapBytes / MB).toFixed(2).padStart(10), (s.inUseBytes / MB).toFixed(3).padStart(10),
    (s.pageHeap === null ? '-' : (s.pageHeap / MB).toFixed(2)).padStart(10), (rate ? rate.toFixed(0) : '').padStart(8),
  ].join(' '));
  console.log('iteration  wasm MB  malloc MB  page JS MB  it/s (stretch)');
  show(await sample());
  await page.click('.rl-run-bar button[data-action="train"]');
  const start = performance.now();
  let next = every, lastT = start, lastIt = 0;
  for (;;) {
    await page.waitForTimeout(100);
    const s = await sample();
    if (s.iteration >= next || (!s.running && s.iteration >= total)) {
      const now = performance.now();
      show(s, ((s.iteration - lastIt) * 1000) / (now - lastT));
      lastT = now; lastIt = s.iteration;
      while (next <= s.iteration) next += every;
    }
    if (s.iteration >= total && !s.running) break;
    if (performance.now() - start > 600_000) throw new Error(`soak: only ${s.iteration} iterations in 10 minutes`);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`train: ${total} iterations in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} it/s overall)`);

  console.log('step by step, a snapshot with the trace after each:');
  await page.click('.rl-run-bar button[data-action="reset"]');
  await page.waitForFunction(() => window.rnnlab.iteration === 0);
  const stepStart = performance.now();
  lastT = stepStart;
  lastIt = 0;
  for (let done = 0; done < total; done += every) {
    await page.evaluate(async (n) => {
      for (let i = 0; i < n; i += 1) await window.rnnlab.client.request('step', { n: 1, trace: true });
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));  // let the views draw
    }, every);
    const s = await sample();
    const now = performance.now();
    show(s, ((s.iteration - lastIt) * 1000) / (now - lastT));
    lastT = now; lastIt = s.iteration;
  }
  const stepSeconds = (performance.now() - stepStart) / 1000;
  console.log(`step: ${total} iterations in ${stepSeconds.toFixed(1)} s (${(total / stepSeconds).toFixed(0)} it/s overall); page errors: ${errors.length ? errors.join('; ') : 'none'}`);
  await page.close();
} finally {
  await browser.close();
  await server.close();
}
