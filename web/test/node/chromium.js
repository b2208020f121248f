// Runs a module script in Debian's headless Chromium against a static server of the repository (both from
// web/test/browser/host.js), so browser checks load the real ES module build, web/src/api/rnnlab.js and
// the real web/src/worker/worker.js. Used by chromium.test.js.
import { existsSync } from 'node:fs';

import { repoRoot } from './load_wasm.js';

export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

/** The page that runs `script` (a module) and stores its result (or error) in window.__result. */
function checkPage(/** @type {string} */ script) {
  return `<!doctype html><meta charset="utf-8"><script type="module">
try { window.__result = await (async () => { ${script} })(); } catch (e) { window.__result = { failed: String(e && e.stack || e) }; }
</script>`;
}

/**
 * Runs `script` (the body of an async function, as a module: it may use import() and await) in a page of
 * headless Chromium and returns what it returned.
 * @param {string} script
 * @param {number} [timeoutMs]
 * @returns {Promise<any>}
 */
export async function runInChromium(script, timeoutMs = 60000) {
  // The browser runs' one host (web/test/browser/host.js), loaded only when a check runs.
  const { serveStatic, launchBrowser } = await import('../browser/host.js');
  const server = await serveStatic(repoRoot, { pages: { '/check.html': checkPage(script) } });
  /** @type {import('playwright-core').Browser | null} */
  let browser = null;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    /** @type {string[]} */
    const console_ = [];
    page.on('console', (m) => console_.push(m.text()));
    page.on('pageerror', (e) => console_.push(String(e)));
    await page.goto(`${server.origin}/check.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).__result !== undefined, null, { timeout: timeoutMs });
    const result = await page.evaluate(() => /** @type {any} */ (window).__result);
    if (result?.failed) throw new Error(`in Chromium: ${result.failed}\n${console_.join('\n')}`);
    return result;
  } finally {
    await browser?.close();
    await server.close();
  }
}
