// Runs a module script in Debian's headless Chromium (playwright-core, no downloaded browser) against a small
// static server of the repository, so browser checks load the real ES module build, web/src/api/rnnlab.js and
// the real web/src/worker/worker.js. Used by chromium.test.js.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { repoRoot } from './load_wasm.js';

export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };

/**
 * Serves the repository read-only, and `/check.html` as a page that runs `script` (a module) and stores its
 * result (or error) in window.__result.
 * @param {string} script
 */
async function serve(script) {
  const page = `<!doctype html><meta charset="utf-8"><script type="module">
try { window.__result = await (async () => { ${script} })(); } catch (e) { window.__result = { failed: String(e && e.stack || e) }; }
</script>`;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/check.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const file = path.join(repoRoot, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(repoRoot + path.sep)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[/** @type {keyof TYPES} */ (path.extname(file))] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(null)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/**
 * Runs `script` (the body of an async function, as a module: it may use import() and await) in a page of
 * headless Chromium and returns what it returned.
 * @param {string} script
 * @param {number} [timeoutMs]
 * @returns {Promise<any>}
 */
export async function runInChromium(script, timeoutMs = 60000) {
  const { chromium } = await import('playwright-core');
  const { server, origin } = await serve(script);
  /** @type {import('playwright-core').Browser | null} */
  let browser = null;
  try {
    // Playwright gives the browser a fresh temporary profile of its own.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
             '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    /** @type {string[]} */
    const console_ = [];
    page.on('console', (m) => console_.push(m.text()));
    page.on('pageerror', (e) => console_.push(String(e)));
    await page.goto(`${origin}/check.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).__result !== undefined, null, { timeout: timeoutMs });
    const result = await page.evaluate(() => /** @type {any} */ (window).__result);
    if (result?.failed) throw new Error(`in Chromium: ${result.failed}\n${console_.join('\n')}`);
    return result;
  } finally {
    await browser?.close();
    server.close();
  }
}
