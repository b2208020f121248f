// Compare mode: two or three models trained side by side, each in its own worker, from a link
// (#task=remember&compare=rnn,lstm,gru): the curves of every model drawn in one chart, the gradients through time
// stacked on one shared log axis, the list of models editable and written back into the link, and the sweep
// over the length T with its CSV and PNG. The widget's `compare` attribute: tutorial.test.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser } from './harness.js';

const suite = useBrowser({ before, after });

/** Waits until compare mode is set up (its models configured in their workers). */
const compareReady = (page) => page.waitForFunction(() => document.querySelector('#compare')?.dataset.ready === 'true', null, { timeout: 30_000 });

test('compare: three workers train RNN, LSTM and GRU; curves and stacked gradients drawn; the link round-trips', async () => {
  const { page, errors } = await suite.open('task=remember&length=8&compare=rnn,lstm,gru&epochs=60');
  await compareReady(page);
  assert.equal(await page.getAttribute('html', 'data-mode'), 'compare');
  assert.equal(await page.isVisible('#compare-card'), true);
  assert.equal(await page.isVisible('#loss-chart'), false, 'the one model\'s chart steps aside');
  // Three workers of their own, besides the page's one model's.
  assert.equal(await page.evaluate(() => window.rnnlabCompare.runs.length), 3);
  assert.equal(page.workers().length, 4);
  assert.deepEqual(await page.evaluate(() => window.rnnlabCompare.runs.map((run) => run.config.cell)), ['rnn', 'lstm', 'gru']);
  await page.click('#compare .rl-compare-bar button[data-action="train"]');
  await page.waitForFunction(() => document.querySelector('#compare')?.dataset.iterations === '60,60,60'
    && document.querySelector('#compare')?.dataset.status === 'done', null, { timeout: 60_000 });
  // Every series has points: 60 losses each, and the held-out accuracy of update 0 and of later evaluations (every
  // 25 updates, as far as the snapshots, at most 4 a second, caught them).
  await page.waitForFunction(() => JSON.parse(document.querySelector('#compare .rl-compare-chart')?.dataset.series ?? '[]')
    .every((s) => s.loss === 60 && s.accuracy >= 2));
  const series = JSON.parse(await page.getAttribute('#compare .rl-compare-chart', 'data-series'));
  assert.deepEqual(series.map((s) => s.model), ['RNN', 'LSTM', 'GRU']);
  assert.equal(await page.locator('#compare .rl-compare-chart canvas').count(), 1, 'one chart for all');
  // The stacked gradients: one row per model, every row on the stack's one axis, which holds every row's values.
  await page.waitForFunction(() => [...document.querySelectorAll('#compare .rl-grad-bars')].every((bars) => bars.dataset.jacobian?.split(',').length === 8));
  await page.waitForTimeout(400);  // the stack redraws at most every 250 ms
  const rows = await page.evaluate(() => [...document.querySelectorAll('#compare .rl-grad-bars')].map((bars) => ({
    decades: bars.dataset.decades, values: bars.dataset.values.split(',').map(Number), jacobian: bars.dataset.jacobian.split(',').map(Number) })));
  const shared = await page.getAttribute('#compare .rl-compare-gradients', 'data-decades');
  assert.equal(rows.length, 3);
  const [lo, hi] = shared.split(',').map(Number);
  for (const row of rows) {
    assert.equal(row.decades, shared, 'every row draws on the shared axis');
    for (const v of [...row.values, ...row.jacobian].filter((v) => v > 0)) assert.ok(Math.log10(v) >= lo && Math.log10(v) <= hi, `${v} on 1e${lo}..1e${hi}`);
  }
  const summary = await page.textContent('#compare .rl-compare-grad-summary');
  assert.match(summary, /RNN: ‖dh_T\/dh_1‖ = \S+, \|dL\/dh_1\| = \S+LSTM: ‖dh_T\/dh_1‖ = .*GRU: ‖dh_T\/dh_1‖ = /);
  // The link says what is compared; a new list goes into it; a bad one is named with its limit and nothing changes.
  assert.match(await page.evaluate(() => location.hash), /^#task=remember&length=8&epochs=60&compare=rnn,lstm,gru$/);
  await page.fill('#compare .rl-compare-models', 'rnn cell:tpu');
  await page.press('#compare .rl-compare-models', 'Enter');
  await page.waitForSelector('#compare .rl-compare-models[aria-invalid="true"]');
  assert.match(await page.textContent('#compare .rl-compare-messages'), /compare: model 2 \("cell:tpu"\): cell: got "tpu", expected rnn, lstm or gru/);
  assert.equal(await page.evaluate(() => window.rnnlabCompare.runs.length), 3);
  await page.fill('#compare .rl-compare-models', 'rnn gru');
  await page.press('#compare .rl-compare-models', 'Enter');
  await page.waitForFunction(() => location.hash.includes('compare=rnn,gru') && window.rnnlabCompare?.ready && window.rnnlabCompare.runs.length === 2);
  assert.equal(await page.locator('#compare .rl-grad-bars').count(), 2);
  // The same link in a new tab comes back as it was.
  const hash = await page.evaluate(() => location.hash);
  const again = await suite.open(hash);
  await compareReady(again.page);
  assert.deepEqual(await again.page.evaluate(() => window.rnnlabCompare.runs.map((run) => run.config.cell)), ['rnn', 'gru']);
  assert.equal(await again.page.inputValue('#compare .rl-compare-models'), 'rnn gru');
  // Back to one model: the link forgets the comparison and its workers end.
  await again.page.click('#compare-toggle');
  await again.page.waitForFunction(() => !document.documentElement.dataset.mode && !location.hash.includes('compare'));
  assert.equal(await again.page.isVisible('#loss-chart'), true);
  assert.deepEqual(again.errors, []);
  await again.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('sweep: a tiny sweep finishes; the CSV has a row per length and model with numbers in range; the PNG is a PNG', async () => {
  const { page, errors } = await suite.open('task=remember&compare=rnn,gru&sweep=3,5&sweepSteps=30');
  await compareReady(page);
  assert.equal(await page.isVisible('#compare .rl-sweep'), true);
  assert.equal(await page.inputValue('#compare .rl-sweep input[name="lengths"]'), '3 5');
  // Bad settings are named with the limit, and nothing starts.
  await page.fill('#compare .rl-sweep input[name="lengths"]', '3 500');
  await page.click('#compare .rl-sweep button[type="submit"]');
  await page.waitForSelector('#compare .rl-sweep input[name="lengths"][aria-invalid="true"]');
  assert.match(await page.textContent('#compare .rl-sweep-messages'), /sweep: got "500", expected lengths from 2 to 200/);
  assert.equal(await page.getAttribute('#compare .rl-sweep', 'data-running'), null);
  await page.fill('#compare .rl-sweep input[name="lengths"]', '3 5');
  await page.click('#compare .rl-sweep button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#compare .rl-sweep')?.dataset.done === '4'
    && document.querySelector('#compare .rl-sweep')?.dataset.running === 'false', null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.rnnlabSweep.pool.length), 0, 'the pool\'s workers ended with the sweep');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#compare .rl-sweep button[data-format="csv"]')]);
  assert.equal(csv.suggestedFilename(), 'rnnlab-sweep-rnn-gru-30-steps.csv');
  const lines = (await readFile(await csv.path(), 'utf8')).trimEnd().split('\r\n');
  assert.equal(lines[0], 'length,model,steps,held_out_accuracy,held_out_at_step,last_loss,jacobian_norm_dhT_dh1,state');
  assert.deepEqual(lines.slice(1).map((line) => line.split(',').slice(0, 2).join(',')), ['3,RNN', '3,GRU', '5,RNN', '5,GRU']);
  for (const line of lines.slice(1)) {
    const [, , steps, accuracy, at, loss, jacobian, state] = line.split(',');
    assert.equal(Number(steps), 30);
    assert.ok(Number(accuracy) >= 0 && Number(accuracy) <= 1, line);
    assert.equal(Number(at), 30, 'the last held-out evaluation: after the last step');
    assert.ok(Number(loss) > 0 && Number(loss) < 5, line);  // cross-entropy over 8 symbols: ln 8 = 2.08 at chance
    assert.ok(Number(jacobian) > 0 && Number.isFinite(Number(jacobian)), line);
    assert.equal(state, 'done');
  }
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#compare .rl-sweep button[data-format="png"]')]);
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'the PNG signature');
  assert.ok(bytes.length > 2000, `${bytes.length} bytes`);
  assert.match(await page.evaluate(() => location.hash), /sweep=3,5&sweepSteps=30/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare and sweep, en and zh-CN: axe finds no serious or critical violation, Tab reaches every control, Space trains all', async () => {
  const { AxeBuilder } = await import('@axe-core/playwright');
  for (const lang of ['en', 'zh-CN']) {
    const { page, errors } = await suite.open(`task=remember&length=6&epochs=0&compare=rnn,gru&sweep=3&sweepSteps=5&lang=${lang}`);
    await compareReady(page);
    await page.click('#compare .rl-compare-bar button[data-action="step"]');
    await page.waitForFunction(() => document.querySelector('#compare')?.dataset.iterations === '1,1');
    await page.click('#compare .rl-sweep button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#compare .rl-sweep')?.dataset.done === '2'
      && document.querySelector('#compare .rl-sweep')?.dataset.running === 'false', null, { timeout: 30_000 });
    await page.evaluate(() => { for (const d of document.querySelectorAll('#compare details')) d.open = true; });
    await page.waitForTimeout(400);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    assert.deepEqual(serious, [], lang);
    if (lang === 'zh-CN') {
      // The stacked bars take their words from the page's language, as every view does.
      assert.match(await page.textContent('#compare .rl-grad-caption'), /[\u4e00-\u9fff]/);
      assert.match(await page.textContent('#compare .rl-sweep'), /扫描序列长度 T/);
    }
    // Tab from the control before the models field reaches each of compare mode's controls in turn.
    const reached = new Set();
    const wanted = ['models', 'train', 'step', 'reset', 'lengths', 'steps', 'png', 'csv'];
    await page.focus('#compare .rl-compare-models');
    await page.keyboard.press('Shift+Tab');
    for (let k = 0; k < 60 && !wanted.every((w) => reached.has(w)); ++k) {
      await page.keyboard.press('Tab');
      const what = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e?.closest('#compare')) return '';
        return e.dataset.action ?? e.dataset.format ?? e.getAttribute('name') ?? (e.classList.contains('rl-compare-models') ? 'models' : e.textContent.trim().slice(0, 20));
      });
      if (what) reached.add(what);
    }
    for (const control of wanted) assert.ok(reached.has(control), `${lang}: Tab reaches ${control} (${[...reached]})`);
    // Space (outside a field) trains every model; again, pauses them.
    await page.focus('#compare-title').catch(() => {});
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('#compare')?.dataset.running === 'true');
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('#compare')?.dataset.running === 'false' && !window.rnnlabCompare.running);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
