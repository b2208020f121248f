// Compare mode on the digits task: the digits task's own button starts it with the seeds' three networks (an LSTM
// reading one row per step, the MLP, the CNN), each in its own worker on the same split and seed; one epoch each,
// then one table (a row per model: its parameters as its worker counts them, its held-out accuracy and seconds per
// epoch as its worker measured them) and one chart of the held-out accuracy per epoch, by epoch or by seconds. The
// widget: the same button sets its `compare` attribute.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.js';
import { makeSite, serveSite, openSite, addWidget } from './widget-site.js';
import { visibleTexts, englishWords } from './visible-text.js';

const suite = useBrowser({ before, after });

// The parameter counts of the three networks (docs/digits.md), as torch counts them.
const H = 128;
const PARAMETERS = {
  LSTM: 4 * H * (28 + H) + 8 * H + (H * 10 + 10),             // LSTM(28, 128) by rows + Linear(128, 10): 82,186
  MLP: 784 * 256 + 256 + 256 * 10 + 10,                        // 203,530
  CNN: 30 * 25 + 30 + 4320 * 100 + 100 + 100 * 10 + 10,        // 433,890
};

test('digits compare: the button starts LSTM, MLP and CNN in three workers; one epoch each fills one table and one chart', async () => {
  const { page, errors } = await suite.open('task=digits&epochs=1');
  await page.waitForFunction(() => window.rnnlab.config?.task === 'digits' && window.rnnlab.ready, null, { timeout: 60_000 });
  await page.click('#digits .rl-digits-compare');
  await page.waitForFunction(() => document.querySelector('#compare')?.dataset.ready === 'true', null, { timeout: 60_000 });
  assert.match(await page.evaluate(() => location.hash), /^#task=digits&epochs=1&compare=lstm,mlp,cnn$/);
  assert.equal(await page.getAttribute('#compare', 'data-layout'), 'epochs');
  assert.equal(await page.isVisible('#compare .rl-compare-epochs-table'), true);
  assert.equal(await page.isVisible('#compare .rl-compare-chart'), false, 'the loss-by-update chart steps aside');
  assert.equal(await page.isVisible('#compare .rl-sweep-root'), false);
  assert.deepEqual(await page.evaluate(() => window.rnnlabCompare.runs.map((run) => [run.config.task, run.config.model, run.config.seed])),
    [['digits', 'lstm', 0], ['digits', 'mlp', 0], ['digits', 'cnn', 0]]);
  assert.equal(page.workers().length, 4, 'the page\'s own worker and one per model');

  // The parameters, counted in each worker from its model's weights, before any training.
  await page.waitForFunction(() => [...document.querySelectorAll('#compare .rl-compare-epochs-table tbody tr')].every((row) => row.dataset.parameters));
  const counted = await page.evaluate(() => [...document.querySelectorAll('#compare .rl-compare-epochs-table tbody tr')]
    .map((row) => [row.querySelector('th').textContent, Number(row.dataset.parameters), row.cells[1].textContent]));
  assert.deepEqual(counted, [['LSTM', PARAMETERS.LSTM, '82,186'], ['MLP', PARAMETERS.MLP, '203,530'], ['CNN', PARAMETERS.CNN, '433,890']]);

  // One epoch each (the run's epochs = 1: 125 steps of 64; the CNN's own batch 32, 250), in parallel.
  const started = Date.now();
  await page.click('#compare .rl-compare-bar button[data-action="train"]');
  await page.waitForFunction(() => document.querySelector('#compare')?.dataset.iterations === '125,125,250'
    && document.querySelector('#compare')?.dataset.status === 'done', null, { timeout: 120_000 });
  const wall = (Date.now() - started) / 1000;
  await page.waitForFunction(() => [...document.querySelectorAll('#compare .rl-compare-epochs-table tbody tr')]
    .every((row) => JSON.parse(row.dataset.accuracy).length === 1));
  const rows = await page.evaluate(() => [...document.querySelectorAll('#compare .rl-compare-epochs-table tbody tr')].map((row) => ({
    accuracy: JSON.parse(row.dataset.accuracy), seconds: JSON.parse(row.dataset.seconds), latest: Number(row.dataset.latest),
    cells: [...row.cells].map((cell) => cell.textContent) })));
  // What each worker sent: the table shows its numbers, not numbers of its own.
  const sent = await page.evaluate(() => window.rnnlabCompare.runs.map((run) => ({
    accuracy: Array.from(run.lastSnapshot.prediction.accuracyPerEpoch), seconds: Array.from(run.lastSnapshot.prediction.secondsPerEpoch),
    latest: run.lastSnapshot.prediction.heldOutAccuracy })));
  console.log(`one epoch each in ${wall.toFixed(1)} s: ${rows.map((r, k) => `${Object.keys(PARAMETERS)[k]} ${(100 * r.accuracy[0]).toFixed(2)}% in ${r.seconds[0].toFixed(2)} s`).join(', ')}`);
  rows.forEach((row, k) => {
    const name = Object.keys(PARAMETERS)[k];
    assert.deepEqual({ accuracy: row.accuracy, seconds: row.seconds, latest: row.latest }, sent[k], name);
    assert.ok(row.accuracy[0] > 0.1 && row.accuracy[0] <= 1, `${name}: ${row.accuracy[0]} (above chance, at most 100%)`);
    assert.equal(Math.fround(row.latest), row.accuracy[0], `${name}: the latest evaluation is the epoch's (a float32 copy of it)`);
    assert.ok(row.seconds[0] > 0 && row.seconds[0] <= wall, `${name}: ${row.seconds[0]} s of ${wall} s`);
    assert.equal(row.cells[2], (100 * row.accuracy[0]).toFixed(1), `${name}: the accuracy cell`);
    assert.equal(row.cells[4], `${(100 * row.accuracy[0]).toFixed(1)}% after epoch 1`, `${name}: the latest cell rounds as the list`);
  });
  // One chart, a point per model at epoch 1; by seconds, each model at its own time.
  assert.equal(await page.locator('#compare .rl-compare-epochs canvas').count(), 1, 'one chart for all');
  await page.waitForFunction(() => document.querySelector('#compare .rl-compare-epochs')?.dataset.points === '1');
  await page.check('#compare .rl-compare-epochs-axis input[value="seconds"]');
  await page.waitForFunction(() => Number(document.querySelector('#compare .rl-compare-epochs')?.dataset.points) >= 2);
  assert.match(await page.textContent('#compare .rl-compare-epochs .rl-chart-readout'), /^Best so far: (LSTM|MLP|CNN), \d+\.\d% held out after its latest epoch\.$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('digits compare in 简体中文: after an epoch the table and the chart speak Chinese (names and the models field aside); axe finds nothing serious', async () => {
  const { page, errors } = await suite.open('task=digits&epochs=1&lang=zh-CN&compare=mlp,cnn');
  await page.waitForFunction(() => document.querySelector('#compare')?.dataset.ready === 'true', null, { timeout: 60_000 });
  await page.click('#compare .rl-compare-bar button[data-action="train"]');
  await page.waitForFunction(() => document.querySelector('#compare')?.dataset.status === 'done', null, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('#compare .rl-compare-epochs')?.dataset.points === '1');
  await page.waitForTimeout(300);  // the table redraws at most every 250 ms
  const allowed = new Set(['LSTM', 'MLP', 'CNN', 'RNN', 'GRU', 'epoch', 'worker', 'rnn', 'lstm', 'gru', 'mlp', 'cnn', 'lr']);
  const texts = (await visibleTexts(page)).filter(({ where }) => where.includes('rl-compare'));
  assert.ok(texts.length > 20, `${texts.length} texts in compare mode`);
  const english = texts.filter(({ text }) => englishWords(text, allowed).length > 0).map(({ where, text }) => `${where}: ${text}`);
  assert.deepEqual(english, []);
  // axe: no serious or critical violation in the table, the x-axis choice and the chart's numbers (opened)
  const { AxeBuilder } = await import('@axe-core/playwright');
  await page.evaluate(() => { for (const d of document.querySelectorAll('#compare details')) d.open = true; });
  await page.waitForTimeout(300);
  const results = await new AxeBuilder({ page }).include('#compare').analyze();
  assert.deepEqual(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)), []);
  assert.match(await page.textContent('#compare .rl-compare-epochs-table tbody tr:first-child'), /^MLP203,530\d+\.\d( · \d+\.\d)*\d+\.\d第 1 个 epoch 后 \d+\.\d%$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('digits compare: a model of another task is named, and nothing starts', async () => {
  const { page, errors } = await suite.open('task=remember&length=5&compare=rnn,mlp');
  await page.waitForFunction(() => /model 2 \("mlp"\): model is a setting of digits, not of remember/
    .test(document.querySelector('#compare .rl-compare-messages')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.rnnlabCompare.runs.length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('digits compare in the widget: the digits view\'s button sets compare="lstm mlp cnn"; a table row per model with its parameters', async () => {
  const site = await makeSite();
  const server = await serveSite(site.root);
  try {
    const { page, errors } = await openSite(suite.browser.context, `${server.url}blank.html`);
    const id = await addWidget(page, { task: 'digits', model: 'mlp', views: 'prediction' });
    await page.locator(`#${id} .rl-digits-compare`).click();
    await page.waitForFunction((id) => document.getElementById(id).getAttribute('compare') === 'lstm mlp cnn'
      && document.getElementById(id).compare?.ready, id, { timeout: 60_000 });
    await page.waitForFunction((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('.rl-compare-epochs-table tbody tr')]
      .every((row) => row.dataset.parameters), id);
    const rows = await page.evaluate((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('.rl-compare-epochs-table tbody tr')]
      .map((row) => [row.querySelector('th').textContent, Number(row.dataset.parameters), Number(row.dataset.latest)]), id);
    assert.deepEqual(rows.map(([name, parameters]) => [name, parameters]), Object.entries(PARAMETERS));
    // Before training: each worker's evaluation of its initial weights, a share of the 2,000 held-out digits.
    for (const [name, , latest] of rows) assert.ok(latest >= 0 && latest <= 1 && Number.isInteger(Math.round(latest * 2000)), `${name}: ${latest}`);
    assert.equal(await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.rl-compare')?.dataset.layout, id), 'epochs');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
    await site.remove();
  }
});
