// The one browser host of the repository's browser runs (the page and widget tests, the Node tests' Chromium
// check, the benchmark harness, the screenshots, the soak): a static file server on 127.0.0.1 and Debian's
// Chromium launched through playwright-core with the flags of docs/toolchain.md (no first-run, no background
// networking; `npx playwright install` cannot work here). harness.js re-exports it for the page tests.
import { createServer } from 'node:http';
import { readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.resolve(HERE, '../../dist');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.map': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

/**
 * A static file server for `root` on 127.0.0.1 (a free port); like any plain static host, no special headers and
 * no cache. A directory serves its index.html; anything outside `root` or `prefix` is a 404.
 * @param {string} [root]
 * @param {{prefix?: string, cors?: boolean, pages?: Record<string, string>}} [options]
 *   prefix: the URL path `root` is served under; cors: send `access-control-allow-origin: *` (as a CDN does);
 *   pages: HTML served at these paths instead of files.
 * @returns {Promise<{url: string, origin: string, requests: string[], close: () => Promise<void>}>}
 *   url: the origin + prefix; requests: every path asked for, in order.
 */
export async function serveStatic(root = DIST, { prefix = '/', cors = false, pages = {} } = {}) {
  /** @type {string[]} */
  const requests = [];
  const headers = { 'cache-control': 'no-store', ...(cors ? { 'access-control-allow-origin': '*' } : {}) };
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      requests.push(url.pathname);
      if (Object.hasOwn(pages, url.pathname)) {
        response.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
        response.end(pages[url.pathname]);
        return;
      }
      let relative = decodeURIComponent(url.pathname);
      if (!relative.startsWith(prefix)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      relative = relative.slice(prefix.length);
      let file = path.resolve(root, `./${relative}`);
      if (!file.startsWith(root)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'content-type': TYPES[/** @type {keyof TYPES} */ (path.extname(file))] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(null)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}${prefix}`, origin, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Launches Chromium with a fresh profile of its own, as one persistent context (one window, as a person's
 * browser); returns {context, close}. `close` also removes the profile.
 */
export async function launch() {
  const profile = await mkdtemp(path.join(tmpdir(), 'rnnlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Launches Chromium as a playwright Browser (Playwright gives it a fresh temporary profile), for runs that want
 * a fresh context per job (`browser.newContext()`) or the browser's version.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS.filter((f) => f !== '--headless') });
}
