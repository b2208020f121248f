// The README's snippet works when pasted: a folder laid out as the README says (web/dist/widget/ copied as
// rnnlab/, the snippet as index.html) on a plain static server. The `assets` attribute moves the worker and
// .wasm to another folder or another origin (a CDN with CORS headers), and a wrong one is reported in the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widgetSuite, openSite, waitWidgetsReady, addWidget, widgetState, widgetMessages } from './widget-site.js';

const env = widgetSuite({ cors: true });

test('the README snippet, pasted into a page next to a copy of web/dist/widget/, trains', async () => {
  const { page, errors } = await openSite(env.browser.context, env.server.url);
  await waitWidgetsReady(page);
  const configs = await page.evaluate(() => [...document.querySelectorAll('rnn-playground')].map((w) => w.config));
  assert.equal(configs.length, 2);
  assert.equal(configs[0].task, 'seq');
  assert.deepEqual([configs[1].task, configs[1].cell, configs[1].hidden], ['sine', 'lstm', 16]);
  await page.evaluate(() => document.querySelector('rnn-playground').shadowRoot.querySelector('[data-action="train"]').click());
  await page.waitForFunction(() => { const w = document.querySelector('rnn-playground'); return w.iteration === 15 && !w.running; }, null, { timeout: 60_000 });
  const predicted = await page.evaluate(() => document.querySelector('rnn-playground').shadowRoot.querySelector('.rl-predicted-text').textContent);
  assert.equal(predicted, 'ohlol');
  // One ES module, its worker and its wasm, each fetched from the copied folder.
  for (const file of ['/rnnlab/rnn-playground.js', '/rnnlab/rnnlab-worker.js', '/rnnlab/wasm/rnnlab.mjs', '/rnnlab/wasm/rnnlab.wasm']) {
    assert.ok(env.server.requests.includes(file), `${file} was fetched`);
  }
  assert.deepEqual([...new Set(env.server.requests.filter((r) => /\.m?js$/.test(r)))].sort(),
    ['/rnnlab/rnn-playground.js', '/rnnlab/rnnlab-worker.js', '/rnnlab/wasm/rnnlab.mjs'],
    `the widget is one module, its worker and the wasm glue, no other chunk: ${env.server.requests.join(', ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('assets: another folder of the same site, or another origin through the blob trampoline', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const before = env.server.requests.length;
  const mirrored = await addWidget(page, { task: 'hello', assets: 'mirror/rnnlab/' });
  const fetched = env.server.requests.slice(before);
  assert.ok(fetched.includes('/mirror/rnnlab/rnnlab-worker.js'), fetched.join(', '));
  assert.ok(fetched.includes('/mirror/rnnlab/wasm/rnnlab.wasm'), fetched.join(', '));
  assert.ok(!fetched.includes('/rnnlab/rnnlab-worker.js'));

  const cdnBefore = env.cdn.requests.length;
  const remote = await addWidget(page, { task: 'hello', assets: `${env.cdn.url}mirror/rnnlab` });
  const fromCdn = env.cdn.requests.slice(cdnBefore);
  assert.deepEqual(fromCdn.filter((r) => r !== '/favicon.ico').sort(),
    ['/mirror/rnnlab/rnnlab-worker.js', '/mirror/rnnlab/wasm/rnnlab.mjs', '/mirror/rnnlab/wasm/rnnlab.wasm']);
  assert.notEqual(new URL(env.cdn.url).origin, new URL(env.server.url).origin);
  for (const id of [mirrored, remote]) {
    await page.evaluate((id) => document.getElementById(id).step(), id);
    const state = await widgetState(page, id);
    assert.equal(state.iteration, 1);
  }
  // Same config, same seed: the same first loss wherever the wasm came from.
  assert.equal((await widgetState(page, mirrored)).loss, (await widgetState(page, remote)).loss);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a wrong assets URL is reported inside the widget', async () => {
  const { page } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  await page.evaluate(() => {
    const widget = document.createElement('rnn-playground');
    widget.id = 'lost';
    widget.setAttribute('assets', 'nowhere/');
    document.body.append(widget);
  });
  await page.waitForFunction(() => document.getElementById('lost').shadowRoot.querySelector('.rl-message'), null, { timeout: 40_000 });
  const messages = await widgetMessages(page, 'lost');
  assert.match(messages.join(' '), /worker/);
  assert.equal(await page.evaluate(() => document.getElementById('lost').ready), false);
  await page.close();
});
