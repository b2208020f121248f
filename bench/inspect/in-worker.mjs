// What bench/inspect/run.mjs and digits.mjs share: the built page served, Chromium launched, the measuring script
// run in a dedicated module worker of that page (as the page runs the inspector), and the medians printed.
import { serveStatic, launch } from '../../web/test/browser/host.js';

/**
 * Runs `source` (a module worker's code: it receives {origin, repeats} and posts {times: {name: ms[]}, ...}) in a
 * worker of the served page and returns what it posted.
 * @param {string} source @param {number} repeats @returns {Promise<any>}
 */
export async function runInPageWorker(source, repeats) {
  const server = await serveStatic();
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    return await page.evaluate(async ({ source, repeats }) => {
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const worker = new Worker(url, { type: 'module' });
      return new Promise((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage({ origin: location.origin, repeats });
      });
    }, { source, repeats });
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One line per measure: its name, the median and the minimum in ms, with `digits` decimals. */
export function printMedians(/** @type {Record<string, number[]>} */ times, digits = 1) {
  const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, xs] of Object.entries(times))
    console.log(`${name.padEnd(12)} ${median(xs).toFixed(digits).padStart(7 + digits - 1)} ${Math.min(...xs).toFixed(digits).padStart(7 + digits - 1)}`);
}
