// A long run in CI's reach: 60 s of training at full speed, on the page and in a widget at once (one
// browser, two tabs), both with a loss that goes to 0. Every 5 s it reads each tab's JS heap (CDP) and the loss
// chart's points. Asserts: no page error, each tab still answering and training, at most 4000 points kept, and
// a JS heap under HEAP_LIMIT throughout. (The loss chart once grew an endless array here: loss-chart.test.js.)
// The measuring soaks, longer and not in CI: scripts/soak-browser.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, openPage, runAction, within, heapBytes } from './harness.js';
import { widgetSuite, openSite, addWidget } from './widget-site.js';

const env = widgetSuite();
const MB = 1024 * 1024;
const SECONDS = 60;
// The page idles at about 3 MB and trains at 5-20 MB (the views' garbage sawtooth, soak in docs/robustness.md);
// 64 MB is three times the largest seen, and 30 times below where the old chart died (2 GB).
const HEAP_LIMIT = 64 * MB;

test('soak: 60 s at full speed on the page and in a widget, the loss going to 0: no error, JS heap under 64 MB', { timeout: (SECONDS + 90) * 1000 }, async () => {
  const server = await serveStatic();
  try {
    // The page: the attack's second link (2 LSTM layers of 64) with lr 0.01, so that its loss reaches 0 (about
    // 10,000 iterations; with lr 0.1 it wanders around 20 on this machine).
    const { page, errors: pageErrors } = await openPage(env.browser.context, server.url, {
      hash: 'task=seq&input=the%20quick%20brown%20fox&target=he%20quick%20brown%20foxt&arch=layer&cell=lstm&hidden=64&layers=2&lr=0.01&epochs=0&speed=max',
    });
    // The widget: the attack's first case (abc2 -> bca2).
    const { page: site, errors: siteErrors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
    const id = await addWidget(site, { task: 'seq', input: 'abc2', target: 'bca2', arch: 'layer', hidden: '8', epochs: '0', speed: 'max', views: 'prediction loss cells' });
    await runAction(page, 'train');
    await site.evaluate((id) => document.getElementById(id).train(), id);

    const tabs = {
      page: { tab: page, read: () => page.evaluate(() => {
        const chart = window.rnnlab.views.lossChart;
        return { iteration: window.rnnlab.iteration, points: chart.pointCount, loss: window.rnnlab.lastSnapshot?.loss, zeros: chart.losses.filter((v) => v === 0).length };
      }) },
      widget: { tab: site, read: () => site.evaluate((id) => {
        const w = document.getElementById(id);
        const chart = w.playground.views.lossChart;
        return { iteration: w.iteration, points: chart.pointCount, loss: w.loss, zeros: chart.losses.filter((v) => v === 0).length };
      }, id) },
    };
    const peak = { page: 0, widget: 0 };
    const last = { page: null, widget: null };
    const started = Date.now();
    while (Date.now() - started < SECONDS * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      for (const [name, { tab, read }] of Object.entries(tabs)) {
        const heap = await within(15_000, heapBytes(tab), `${name} heap`);
        const state = await within(15_000, read(), `${name} state`);
        peak[name] = Math.max(peak[name], heap);
        assert.ok(heap < HEAP_LIMIT, `${name}: JS heap ${(heap / MB).toFixed(1)} MB at ${state.iteration} iterations`);
        assert.ok(state.points <= 4000, `${name}: ${state.points} points`);
        last[name] = state;
      }
    }
    for (const name of ['page', 'widget']) {
      console.log(`${name}: ${last[name].iteration} iterations in ${SECONDS} s, last loss ${last[name].loss}, ${last[name].points} points, JS heap peak ${(peak[name] / MB).toFixed(1)} MB`);
      assert.ok(last[name].zeros > 0, `${name}: the loss went to 0 (last ${last[name].loss})`);
    }
    assert.ok(await page.evaluate(() => window.rnnlab.running), 'the page still trains');
    assert.ok(await site.evaluate((id) => document.getElementById(id).running, id), 'the widget still trains');
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(siteErrors, []);
    await page.close();
    await site.close();
  } finally {
    await server.close();
  }
});
