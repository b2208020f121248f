// A test site for the widget, laid out as the README's "Embed rnnlab in your tutorial" tells an author to:
//   <root>/rnnlab/           a copy of web/dist/widget/ (the element, its worker, its wasm)
//   <root>/index.html        the README's snippet, pasted as it is
//   <root>/blank.html        only the script tag; tests add their own widgets
//   <root>/mirror/rnnlab/    a second copy, for the `assets` attribute
// served by the harness's static server, which logs every request and, if asked, sends CORS headers (a CDN
// does; a cross-origin worker script and wasm need them).
import { readFile, mkdtemp, rm, cp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { DIST, launch, serveStatic } from './harness.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const README = path.resolve(HERE, '../../../README.md');

/** The first ```html block of the README's "Embed rnnlab in your tutorial" section. */
export async function readmeSnippet() {
  const text = await readFile(README, 'utf8');
  const start = text.indexOf('## Embed rnnlab in your tutorial');
  if (start < 0) throw new Error('README.md has no "## Embed rnnlab in your tutorial" section');
  const block = /```html\n([\s\S]*?)```/.exec(text.slice(start));
  if (!block) throw new Error('the Embed section has no ```html block');
  return block[1];
}

export async function makeSite() {
  const root = await mkdtemp(path.join(tmpdir(), 'rnnlab-widget-site-'));
  await cp(path.join(DIST, 'widget'), path.join(root, 'rnnlab'), { recursive: true });
  await cp(path.join(DIST, 'widget'), path.join(root, 'mirror/rnnlab'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), await readmeSnippet());
  await writeFile(path.join(root, 'blank.html'),
    '<!doctype html><meta charset="utf-8"><title>widget test</title>\n<script type="module" src="rnnlab/rnn-playground.js"></script>\n<body></body>\n');
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Serves `root` (with CORS headers if `cors`); `requests` lists every path asked for. */
export function serveSite(root, { cors = false } = {}) {
  return serveStatic(root, { cors });
}

/** Opens `url` and collects console errors and page errors (the 404 of a favicon aside). */
export async function openSite(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|Failed to load resource.*404/.test(`${m.text()} ${m.location()?.url ?? ''}`)) errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}\n${error.stack}`));
  page.on('worker', (worker) => worker.on('console', (m) => { if (m.type() === 'error') errors.push(`worker console: ${m.text()}`); }));
  await page.goto(url);
  return { page, errors };
}

/** Waits until every <rnn-playground> on the page has loaded its network. */
export async function waitWidgetsReady(page, timeout = 60_000) {
  await page.waitForFunction(() => {
    const widgets = [...document.querySelectorAll('rnn-playground')];
    return widgets.length > 0 && widgets.every((w) => w.ready);
  }, null, { timeout });
}

/** Adds a widget with these attributes to the end of <body> (or after `afterSelector`); returns its id. */
export async function addWidget(page, attributes, { id = `w${Math.random().toString(36).slice(2, 8)}` } = {}) {
  await page.evaluate(([id, attributes]) => {
    const widget = document.createElement('rnn-playground');
    widget.id = id;
    for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
    document.body.append(widget);
  }, [id, attributes]);
  await page.waitForFunction((id) => document.getElementById(id)?.ready, id, { timeout: 60_000 });
  return id;
}

/** A widget's state as numbers: iteration, loss, running, and its confirmed config. */
export function widgetState(page, id) {
  return page.evaluate((id) => {
    const w = document.getElementById(id);
    return { iteration: w.iteration, loss: w.loss, running: w.running, config: w.config };
  }, id);
}

/** The messages shown inside a widget's shadow root. */
export function widgetMessages(page, id) {
  return page.evaluate((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('.rl-message')].map((m) => m.textContent), id);
}

/**
 * The set-up every widget test file shares: a copy of web/dist as a site, served (and, with `cors`, served again
 * on a second origin as `cdn`), and a Chromium. The returned object is filled in before the tests run.
 * @param {{cors?: boolean}} options
 */
export function widgetSuite({ cors = false } = {}) {
  /** @type {{site?: any, server?: any, cdn?: any, browser?: any}} */
  const env = {};
  before(async () => {
    env.site = await makeSite();
    env.server = await serveSite(env.site.root);
    if (cors) env.cdn = await serveSite(env.site.root, { cors: true });
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.cdn?.close();
    await env.server?.close();
    await env.site?.remove();
  });
  return env;
}
