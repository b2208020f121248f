// Accessibility, checked by axe-core (@axe-core/playwright) and by the keyboard: the page and the widget in every
// task the page offers (hello -> ohlol, a typed pair, sine, text on 唐诗三百首, remember, classify, tag, digits) and both languages have no serious
// or critical axe violation, with every panel showing (a step trained, a cell chosen, the settings and the number
// tables open; for text a sample written, the validation loss measured, and the own-text form);
// every control is reached by Tab; the heat maps read out their values on focus and give a table on request;
// a reader who asked for reduced motion gets no animated transitions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { useBrowser, runAction } from './harness.js';
import { makeSite, serveSite, openSite, addWidget } from './widget-site.js';

const suite = useBrowser({ before, after });

const TASKS = [
  { name: 'hello', hash: 'task=hello', attributes: { task: 'hello' } },
  { name: 'own text', hash: 'task=seq&input=the%20cat&target=he%20cat!', attributes: { task: 'seq', input: 'the cat', target: 'he cat!' } },
  { name: 'sine', hash: 'task=sine', attributes: { task: 'sine' } },
  // The smallest bundled corpus (78 KB) and a small model keep the text task quick.
  { name: 'text', hash: 'task=text&corpus=tang300&hidden=32', attributes: { task: 'text', corpus: 'tang300', hidden: '32' }, text: true },
  // Its picker fields, the sequence with the remembered symbol marked, and the bars' Jacobian line and legend.
  { name: 'remember', hash: 'task=remember&cell=gru&length=20', attributes: { task: 'remember', cell: 'gru', length: '20' }, remember: true },
  { name: 'classify', hash: 'task=classify', attributes: { task: 'classify' } },
  // The bidirectional switch in the task section, and the tag columns.
  { name: 'tag', hash: 'task=tag&bidirectional=true', attributes: { task: 'tag', bidirectional: '' } },
  // A small GRU by rows (cells to inspect) and a held-out digit picked from the keyboard: the pad, the answer, the
  // rows, the confusion matrix and the misclassified grid all show.
  { name: 'digits', hash: 'task=digits&model=gru&hidden=16&batch=16', attributes: { task: 'digits', model: 'gru', hidden: '16', batch: '16' }, digits: true },
];
const LANGS = ['en', 'zh-CN'];

/** axe's serious and critical violations, one line each (rule, impact, where, why). */
function serious(results) {
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} :: ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`));
}

/** Opens every <details> in the document and in the widgets' shadow roots (the settings, the number tables). */
function openAllDetails(page) {
  return page.evaluate(() => {
    const open = (root) => {
      for (const d of root.querySelectorAll('details')) d.open = true;
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) open(e.shadowRoot);
    };
    open(document);
  });
}

for (const lang of LANGS) {
  for (const task of TASKS) {
    test(`axe: the page, ${task.name}, ${lang}: no serious or critical violation`, async () => {
      const { page, errors } = await suite.open(`${task.hash}&lang=${lang}`);
      await runAction(page, 'step');
      await page.waitForFunction(() => window.rnnlab.iteration === 1);
      await page.click('#cells .rl-cell[data-step="1"]');
      await page.waitForFunction(() => document.querySelector('#equation')?.dataset.exact !== '');
      await openAllDetails(page);
      await page.focus('#cells .rl-cell[data-step="1"]');
      if (task.text) {
        // The text view with everything it shows: a sample, the validation loss (measured now), the windows.
        await page.waitForFunction(() => document.querySelector('#text-sample')?.dataset.sample, null, { timeout: 60_000 });
        await page.click('#text-sample .rl-text-head button');
        await page.waitForFunction(() => document.querySelector('#text-sample')?.dataset.valLoss, null, { timeout: 60_000 });
      }
      if (task.remember) {
        await page.waitForFunction(() => document.querySelector('#grad-bars')?.dataset.jacobian);
        assert.equal(await page.isVisible('#task input[id$="-length"]'), true, 'the remember fields show');
      }
      if (task.digits) {
        await page.fill('#digits .rl-digits-picker input', '3');
        await page.press('#digits .rl-digits-picker input', 'Enter');
        await page.waitForFunction(() => document.querySelector('#digits .rl-digit-rows')?.dataset.rows === '28');
        await page.waitForFunction(() => document.querySelectorAll('#digits .rl-misclassified-digit').length > 0);
        await openAllDetails(page);
      }
      await page.waitForTimeout(300);  // the views draw on the next frames
      assert.equal(await page.locator('#cells .rl-data-table tbody tr').count() > 0, true, 'the heat map table has rows');
      const results = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(serious(results), []);
      assert.ok(results.passes.length > 20, `axe ran its rules (${results.passes.length} passed)`);
      if (task.text) {
        // The own-text form (shown once "your own text" is picked; the model keeps its corpus until a text is given).
        await page.selectOption('.rl-corpus-picker select', 'own');
        await page.waitForSelector('.rl-own-text:not([hidden])');
        assert.deepEqual(serious(await new AxeBuilder({ page }).include('#task').analyze()), [], 'own text');
      }
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
}

test('axe: the widget with every view and control, each task, both languages: no serious or critical violation', async () => {
  const site = await makeSite();
  const server = await serveSite(site.root);
  try {
    const { page, errors } = await openSite(suite.browser.context, `${server.url}blank.html`);
    for (const lang of LANGS) {
      for (const task of TASKS) {
        const id = await addWidget(page, { ...task.attributes, lang, views: 'prediction loss cells gradients equation log',
          controls: 'train step reset readouts settings file replay' });
        await page.evaluate((id) => document.getElementById(id).step(), id);
        await page.waitForFunction((id) => document.getElementById(id).iteration === 1, id, { timeout: 60_000 });
        if (task.text) {
          await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-text-sample')?.dataset.sample, id, { timeout: 60_000 });
        }
        if (task.digits) {
          await page.locator(`#${id} .rl-digits-picker input`).fill('3');
          await page.locator(`#${id} .rl-digits-picker input`).press('Enter');
          await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-digit-rows')?.dataset.rows === '28', id);
        }
        await openAllDetails(page);
        await page.waitForTimeout(300);
        const results = await new AxeBuilder({ page }).include(`#${id}`).analyze();
        assert.deepEqual(serious(results), [], `${task.name}, ${lang}`);
        await page.evaluate((id) => document.getElementById(id).remove(), id);
      }
    }
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
    await site.remove();
  }
});

/**
 * Tab from the top of the page reaches every enabled, shown control (one radio per group: Tab enters a group
 * once, at its checked one); at least `least` of them.
 * @param {import('playwright-core').Page} page
 * @param {number} least
 */
async function tabReachesEveryControl(page, least) {
  // What should be reachable: every enabled, shown control (one radio per group: Tab enters a group once).
  const expected = await page.evaluate(() => {
    const ids = [];
    let n = 0;
    const groups = new Set();
    for (let e of document.querySelectorAll('button, input, select, summary, a[href], [tabindex="0"]')) {
      if (e.disabled || e.tabIndex < 0 || e.closest('[hidden]') || e.getClientRects().length === 0) continue;
      if (e.type === 'radio') {
        // Tab enters a group of radios once, at its checked one.
        if (groups.has(e.name)) continue;
        groups.add(e.name);
        e = document.querySelector(`input[type=radio][name="${e.name}"]:checked`) ?? e;
      }
      e.dataset.reach = String(n);
      ids.push(`${n++} ${e.localName}${e.type && e.localName === 'input' ? `[${e.type}]` : ''} ${e.getAttribute('aria-label') ?? e.textContent.trim().slice(0, 30)}`);
    }
    return ids;
  });
  assert.ok(expected.length > least, `${expected.length} controls`);
  const reached = new Set();
  await page.evaluate(() => document.activeElement?.blur());
  for (let k = 0; k < expected.length + 40; ++k) {
    await page.keyboard.press('Tab');
    const reach = await page.evaluate(() => document.activeElement?.dataset.reach);
    if (reach !== undefined) reached.add(Number(reach));
  }
  assert.deepEqual(expected.filter((_, k) => !reached.has(k)), []);
}

test('keyboard: Tab reaches every control of the page; a focused cell reads its values, ↑ ↓ move between units', async () => {
  const { page, errors } = await suite.open('task=seq&input=abc&target=bca&arch=layer&hidden=3&layers=2');
  await runAction(page, 'step');
  await page.waitForFunction(() => window.rnnlab.iteration === 1);
  await page.waitForSelector('#cells .rl-cell');
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  await tabReachesEveryControl(page, 30);

  // A cell: focus reads the first unit of its step; ↓ moves on, into the next layer after the last unit.
  await page.focus('#cells .rl-cell[data-step="1"]');
  const info = () => page.textContent('#cells .rl-cells-hover');
  await page.waitForFunction(() => /unit 1, step 2: h = /.test(document.querySelector('#cells .rl-cells-hover').textContent));
  assert.match(await info(), /^layer 1, unit 1, step 2: h = −?\d\.\d{3}$/);
  assert.equal(await page.getAttribute('#cells .rl-cells-hover', 'aria-live'), 'polite');
  for (const expectedText of [/^layer 1, unit 2, step 2/, /^layer 1, unit 3, step 2/, /^layer 2, unit 1, step 2/]) {
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#cells .rl-cells-hover').textContent), expectedText.source);
  }
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => /^layer 1, unit 3, step 2/.test(document.querySelector('#cells .rl-cells-hover').textContent));
  // The table of that step: one row per unit (3), a column per layer's h, the values the heat map draws.
  const table = await page.evaluate(() => {
    const t = document.querySelector('#cells .rl-data-table table');
    return { caption: t.caption.textContent, head: [...t.tHead.rows[0].cells].map((c) => c.textContent), rows: t.tBodies[0].rows.length };
  });
  assert.deepEqual(table, { caption: 'The values at step 2 (input b), one row per unit', head: ['unit', 'layer 1: h', 'layer 2: h'], rows: 3 });
  const traceValue = await page.evaluate(() => {
    const layer = window.rnnlab.lastSnapshot.trace.layers[1];
    return layer.h.data[1 * layer.batch * layer.hiddenSize + 2];
  });
  const cell = await page.textContent('#cells .rl-data-table tbody tr:nth-child(3) td:nth-child(3)');
  assert.ok(Math.abs(Number(cell.replace('−', '-')) - traceValue) <= 0.0005, `${cell} vs ${traceValue}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the loss chart, the sine plot and the gradient bars give their numbers as a table on request', async () => {
  const { page, errors } = await suite.open('task=sine&epochs=30');
  await runAction(page, 'train');
  await page.waitForFunction(() => window.rnnlab.iteration === 30 && window.rnnlab.settled);
  await page.evaluate(() => { for (const d of document.querySelectorAll('.rl-data-table')) d.open = true; });
  await page.waitForTimeout(300);
  const read = (selector) => page.evaluate((s) => [...document.querySelectorAll(`${s} .rl-data-table tbody tr`)].map((r) => [...r.cells].map((c) => c.textContent)), selector);
  const loss = await read('#loss-chart');
  const losses = await page.evaluate(() => Array.from(window.rnnlab.views.lossChart.losses));
  assert.equal(loss.length, 30);
  assert.deepEqual(loss[29][0], '30');
  assert.ok(Math.abs(Number(loss[29][1].replace('−', '-')) - losses[29]) <= 1e-3 * Math.abs(losses[29]) + 1e-6, `${loss[29][1]} vs ${losses[29]}`);
  const sine = await read('#sine');
  assert.ok(sine.length > 10 && sine.length <= 60, `${sine.length} rows`);
  assert.equal(sine[0].length, 4);
  const grad = await read('#grad-bars');
  const steps = await page.evaluate(() => window.rnnlab.lastSnapshot.trace.steps);
  assert.equal(grad.length, steps);
  assert.deepEqual(errors, []);
  await page.close();
});

test('prefers-reduced-motion: reduce turns the transitions off; without it they run', async () => {
  const { page } = await suite.open('task=hello');
  const duration = () => page.evaluate(() => getComputedStyle(document.querySelector('.rl-run-bar .rl-button')).transitionDuration);
  assert.notEqual(await duration(), '0s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await duration(), '0s');
  await page.close();
});

test('keyboard: the text task\'s controls (corpus, own text, file, sample settings) are labelled and reached by Tab', async () => {
  const { page, errors } = await suite.open('task=text&corpus=tang300&hidden=32');
  await runAction(page, 'step');
  await page.waitForFunction(() => document.querySelector('#text-sample')?.dataset.sample, null, { timeout: 60_000 });
  await page.selectOption('.rl-corpus-picker select', 'own');
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  // Each control of the text task has a name a screen reader says (its label), and its hint is described.
  const names = await page.evaluate(() => {
    const name = (e) => [...(e.labels ?? [])].map((l) => l.textContent.replace(/\s+/g, ' ').trim()).join(' ');
    return Object.fromEntries(['.rl-corpus-picker select', '.rl-own-textarea', '.rl-own-file', '.rl-text-temperature input',
      '.rl-text-prime input', '.rl-text-topk input'].map((s) => {
      const e = document.querySelector(s);
      const described = (e.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      return [s, `${name(e)} | ${described}`];
    }));
  });
  assert.deepEqual(names, {
    '.rl-corpus-picker select': 'Corpus | A corpus is downloaded only when you pick it. ',
    '.rl-own-textarea': 'Paste a text | Up to 10 MB of UTF-8 text, at most 8,192 distinct characters.',
    '.rl-own-file': 'or choose a UTF-8 text file | Up to 10 MB of UTF-8 text, at most 8,192 distinct characters.',
    '.rl-text-temperature input': 'Temperature 0.80 | low: safe and repetitive; high: bold and wild',
    '.rl-text-prime input': 'Starts with | characters of the corpus',
    '.rl-text-topk input': 'Top-k | 0 = all characters',
  });
  await tabReachesEveryControl(page, 30);
  // The temperature slider moves with the arrow keys, and says its value.
  await page.focus('.rl-text-temperature input');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.inputValue('.rl-text-temperature input'), '0.85');
  assert.equal(await page.textContent('.rl-text-temperature output'), '0.85');
  assert.deepEqual(errors, []);
  await page.close();
});
