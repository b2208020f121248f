// The example tutorial as a reader first sees it: every widget shows its network before anything is pressed
// (the untrained network's prediction and unrolled cells, from a forward and backward pass without an update),
// and the page loads without a single failed request. Training in it: widget.test.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launch } from './harness.js';
import { waitWidgetsReady } from './widget-site.js';

let server;
let browser;
before(async () => {
  server = await serveStatic();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('tutorial: no failed request; before any step each widget shows its untrained network, not a blank box', async () => {
  const page = await browser.context.newPage();
  const failed = [];
  const errors = [];
  page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.url}examples/tutorial.html`);
  await waitWidgetsReady(page);
  const seen = (id) => page.evaluate((id) => {
    const w = document.getElementById(id);
    const root = w.shadowRoot;
    const visible = (node) => !!node && node.getClientRects().length > 0;
    return {
      iteration: w.iteration,
      cells: root.querySelectorAll('.cells .rl-cell').length,
      blank: [...root.querySelectorAll('.rl-empty')].filter(visible).map((n) => n.textContent),
      predicted: root.querySelector('.predicted')?.dataset.predicted ?? null,
    };
  }, id);
  await page.waitForFunction(() => document.getElementById('one-hot-widget').shadowRoot.querySelectorAll('.cells .rl-cell').length === 5);
  const oneHot = await seen('one-hot-widget');
  assert.equal(oneHot.iteration, 0);
  assert.equal(oneHot.cells, 5, 'the unrolled hello cell, five steps');
  assert.deepEqual(oneHot.blank, []);
  const hello = await seen('hello-widget');
  assert.equal(hello.iteration, 0);
  assert.equal([...hello.predicted].length, 5, `the untrained prediction: "${hello.predicted}"`);
  const lstm = await seen('lstm-widget');
  assert.ok(lstm.cells > 0, 'the LSTM widget draws its cells at once');
  // Section 7: the compare widget (compare="rnn lstm gru") sets up three models, each in its own worker, and
  // draws their gradients through time after one Step.
  await page.waitForFunction(() => document.getElementById('compare-widget').ready, null, { timeout: 30_000 });
  const compare = () => page.evaluate(() => {
    const w = document.getElementById('compare-widget');
    const root = w.shadowRoot;
    return {
      models: w.compare.runs.map((run) => run.config.cell),
      length: w.compare.runs[0].config.length,
      legend: [...root.querySelectorAll('.rl-compare-legend strong')].map((n) => n.textContent),
      rows: [...root.querySelectorAll('.rl-grad-bars')].map((bars) => bars.dataset.jacobian?.split(',').length ?? 0),
      decades: [...root.querySelectorAll('.rl-grad-bars')].map((bars) => bars.dataset.decades),
    };
  });
  const before = await compare();
  assert.deepEqual(before.models, ['rnn', 'lstm', 'gru']);
  assert.equal(before.length, 50);
  assert.deepEqual(before.legend, ['RNN', 'LSTM', 'GRU']);
  await page.evaluate(() => document.getElementById('compare-widget').step());
  await page.waitForFunction(() => [...document.getElementById('compare-widget').shadowRoot.querySelectorAll('.rl-grad-bars')]
    .every((bars) => bars.dataset.jacobian?.split(',').length === 50), null, { timeout: 20_000 });
  await page.waitForTimeout(400);  // the stack shares its axis on its next draw (at most every 250 ms)
  const stepped = await compare();
  assert.equal(new Set(stepped.decades).size, 1, `one axis for the three: ${stepped.decades}`);
  // The attribute changes the comparison: two models now.
  await page.evaluate(() => document.getElementById('compare-widget').setAttribute('compare', 'rnn gru'));
  await page.waitForFunction(() => document.getElementById('compare-widget').compare?.ready
    && document.getElementById('compare-widget').compare.runs.length === 2, null, { timeout: 30_000 });
  assert.deepEqual((await compare()).legend, ['RNN', 'GRU']);
  assert.deepEqual(failed, []);
  assert.deepEqual(errors, []);
  await page.close();
});
