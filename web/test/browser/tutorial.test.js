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

// Latin words the Chinese tutorial may show outside its code: names (PyTorch, RNN, LSTM, Adam, sigmoid, tanh, the
// seed's hello and ohlol, epoch, worker), the math's symbols, and the language switch's "English".
const ALLOWED = new Set(['rnnlab', 'PyTorch', 'RNN', 'LSTM', 'GRU', 'Adam', 'BPTT', 'sigmoid', 'tanh', 'hello',
  'ohlol', 'epoch', 'worker', 'playground', 'English', 'MSE', 'float',
  // compare mode's field takes cell and model names and keys as typed; file formats
  'rnn', 'lstm', 'gru', 'mlp', 'cnn', 'lr', 'PNG', 'CSV']);
// Code, math, and what the widgets draw as data (the predicted characters, the seed's log lines).
const NOT_PROSE = 'code, .math, .rl-predicted-text, .rl-char, .rl-cell-input, .log, #log';

test('tutorial in 简体中文 (#lang=zh-CN, a Chinese browser, the switch): no English prose left; back to English', async () => {
  const { visibleTexts, englishWords } = await import('./visible-text.js');
  const { launchBrowser } = await import('./harness.js');
  const chinese = await launchBrowser();
  try {
    for (const [how, open] of [
      ['#lang=zh-CN', async () => { const page = await browser.context.newPage(); await page.goto(`${server.url}examples/tutorial.html#lang=zh-CN`); return page; }],
      ['a Chinese browser', async () => { const page = await (await chinese.newContext({ locale: 'zh-CN' })).newPage(); await page.goto(`${server.url}examples/tutorial.html`); return page; }],
    ]) {
      const page = await open();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await waitWidgetsReady(page);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN', how);
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('rnn-playground')].map((w) => w.getAttribute('lang'))),
        Array(7).fill('zh-CN'), `${how}: every widget in Chinese`);
      assert.equal(await page.innerText('h1'), '循环神经网络，一步一步来');
      assert.match(await page.title(), /^循环神经网络/);
      const left = (await visibleTexts(page, { skip: NOT_PROSE }))
        .filter(({ text }) => englishWords(text, ALLOWED).length > 0).map(({ where, text }) => `${where}: ${text}`);
      assert.deepEqual(left, [], `${how}: English left in the Chinese tutorial`);
      // Each section has its Chinese prose (as many blocks shown as the English page shows).
      assert.equal(await page.locator('main [data-lang="zh-CN"]:visible').count(), await page.locator('main [data-lang="en"]').count());
      assert.equal(await page.locator('main [data-lang="en"]:visible').count(), 0);
      assert.deepEqual(errors, []);
      await page.close();
    }
    // The switch: English, written into the link; the widgets follow.
    const page = await browser.context.newPage();
    await page.goto(`${server.url}examples/tutorial.html#lang=zh-CN`);
    await waitWidgetsReady(page);
    await page.selectOption('#lang-switch', 'en');
    assert.equal(await page.evaluate(() => location.hash), '#lang=en');
    assert.equal(await page.textContent('h1 [data-lang="en"]'), 'Recurrent networks, one step at a time');
    assert.equal(await page.locator('main [data-lang="zh-CN"]:visible').count(), 0);
    await page.waitForFunction(() => [...document.querySelectorAll('rnn-playground')].every((w) => w.getAttribute('lang') === 'en' && w.ready));
    await page.close();
  } finally {
    await chinese.close();
  }
});
