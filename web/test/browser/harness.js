// The browser tests' harness: serves the built page (web/dist) on 127.0.0.1 from this process and drives
// Debian's Chromium through playwright-core, with the flags of docs/toolchain.md (no first-run, no background
// networking, a fresh profile). Every console error and page error is collected so a test can assert none.
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
  '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** A static file server for `root` on 127.0.0.1 (a free port); like any plain static host, no special headers. */
export async function serveStatic(root = DIST, { prefix = '/' } = {}) {
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://127.0.0.1');
      let relative = decodeURIComponent(url.pathname);
      if (!relative.startsWith(prefix)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      relative = relative.slice(prefix.length);
      let file = path.resolve(root, `./${relative}`);
      if (!file.startsWith(root)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Launches Chromium with a fresh profile; returns {browser, close}. */
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
