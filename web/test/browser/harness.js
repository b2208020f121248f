// The browser tests' harness: serves the built page (web/dist) on 127.0.0.1 from this process and drives
// Debian's Chromium through playwright-core (both from host.js), and opens and drives the playground. Every
// console error and page error is collected so a test can assert none.
import { serveStatic, launch } from './host.js';

// The server and the browser are host.js's (shared with the benchmark, the screenshots and the Node tests).
export { DIST, CHROMIUM, CHROMIUM_FLAGS, serveStatic, launch, launchBrowser } from './host.js';

/**
 * Opens the page (at `hash`) in a new tab and waits until the worker has configured a model. Returns the page and
 * the list it fills with console errors and uncaught exceptions.
 */
export async function openPage(context, baseUrl, { hash = '', viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('worker', (worker) => worker.on('console', (message) => { if (message.type() === 'error') errors.push(`worker console: ${message.text()}`); }));
  await page.goto(`${baseUrl}${hash ? `#${hash.replace(/^#/, '')}` : ''}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30_000 });
  return { page, errors };
}

/** Clicks a run-bar button by its action ('train', 'step', 'reset'). */
export async function runAction(page, action) {
  await page.click(`.rl-run-bar button[data-action="${action}"]`);
}

/** Waits until training has stopped: the run bar says so and the worker confirmed any pause. */
export async function waitIdle(page, timeout = 60_000) {
  await page.waitForFunction(() => document.querySelector('#run-bar')?.dataset.running === 'false' && window.rnnlab.settled, null, { timeout });
}

/**
 * One server and one browser for a test file: `const suite = useBrowser(); ... suite.open(hash)`.
 * Registers node:test before/after hooks.
 */
export function useBrowser({ before, after }) {
  const suite = { server: null, browser: null, pages: [] };
  before(async () => {
    suite.server = await serveStatic();
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  /** @returns {Promise<{page: import('playwright-core').Page, errors: string[]}>} */
  suite.open = async (hash = '', options = {}) => openPage(suite.browser.context, suite.server.url, { hash, ...options });
  return suite;
}

/** The config the worker confirmed, as the page holds it. */
export function pageConfig(page) {
  return page.evaluate(() => window.rnnlab.config);
}

/** The number of training iterations the page has seen. */
export function pageIteration(page) {
  return page.evaluate(() => window.rnnlab.iteration);
}

/** Replaces the text of an input as a person would (select all, type), firing input events per key. */
export async function typeInto(page, selector, text) {
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.type(selector, text, { delay: 5 });
}

/** Waits until the views have drawn `value` into an attribute (they draw in the next animation frame). */
export async function waitForAttribute(page, selector, name, value, timeout = 10_000) {
  await page.waitForFunction(([s, n, v]) => document.querySelector(s)?.getAttribute(n) === v, [selector, name, value], { timeout })
    .catch(async () => {
      const actual = await page.getAttribute(selector, name);
      throw new Error(`${selector}[${name}] is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`);
    });
}

/** Resolves with `promise`, or rejects after `ms`: a tab stuck in a loop never answers. */
export function within(ms, promise, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms (the page hangs)`)), ms))]);
}

/** The JS heap of a page's main thread in bytes, from Chromium (CDP). */
export async function heapBytes(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}
