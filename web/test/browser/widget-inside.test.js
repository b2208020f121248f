// <rnn-playground views="inside">: a widget trains a step, opens "inside the network", each view draws, pointing and
// the keyboard read values out, and the typed text is never HTML; in zh-CN (a sine widget) it reads Chinese; axe
// finds no serious or critical violation in either. A digits widget (zh-CN) looks inside a held-out digit row by row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { widgetSuite, openSite, addWidget } from './widget-site.js';

const env = widgetSuite();

test('widget views="inside": trains a step, each view draws, pointing reads values, typed text is never HTML', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const input = '<i>ab</i>';
  const id = await addWidget(page, { task: 'seq', input, target: '<img src>', arch: 'layer', cell: 'gru', hidden: '8', views: 'prediction inside' });
  await page.evaluate((id) => document.getElementById(id).step(), id);
  const w = `#${id}`;
  await page.click(`${w} .rl-inside-source button`);
  await page.waitForFunction(([id, n]) => document.getElementById(id).shadowRoot.querySelectorAll('.rl-activation-char').length === n, [id, input.length], { timeout: 30_000 });
  assert.equal(await page.textContent(`${w} .rl-activation-body`), input);
  // Keyboard: focus the text, move, read; Enter: the saliency strip.
  await page.focus(`${w} .rl-activation-body`);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent(`${w} .rl-activation-readout`) ?? '', /^Character 2 “i”: h · layer 0 · unit 0 = −?\d\.\d{3}\. Next: /);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelectorAll('.rl-saliency-char').length === 3, id, { timeout: 30_000 });
  await page.hover(`${w} .rl-saliency-char[data-index="0"]`);
  assert.match(await page.textContent(`${w} .rl-saliency-readout`) ?? '', /^Character 1 “<”: \d/);
  assert.ok((await page.$$(`${w} .rl-unit-button`)).length >= 5);
  assert.equal((await page.$$(`${w} .rl-gate-canvas`)).length, 1);
  // The reader's text with markup: characters, never elements.
  await page.selectOption(`${w} .rl-inside-source select`, 'own');
  await page.fill(`${w} .rl-inside-own`, '</i><i>');
  await page.click(`${w} .rl-inside-source button`);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-activation-body')?.textContent === '</i><i>', id, { timeout: 30_000 });
  const elements = await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll('.inside i, .inside img, .inside script').length, id);
  assert.equal(elements, 0);

  // In Chinese: the panel's title and the view's words.
  const zh = await addWidget(page, { task: 'sine', cell: 'gru', hidden: '4', views: 'inside', lang: 'zh-CN' });
  await page.click(`#${zh} .rl-inside-source button`);
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelectorAll('.rl-activation-char').length === 120, zh, { timeout: 30_000 });
  assert.equal(await page.textContent(`#${zh} .panel.inside h3.label`), '网络内部');
  await page.hover(`#${zh} .rl-activation-char[data-index="1"]`);
  assert.match(await page.textContent(`#${zh} .rl-activation-readout`) ?? '', /^第 2 步，输入 0\.17：/);
  assert.match(await page.textContent(`#${zh} .rl-unit-ranking`) ?? '', /^此处不适用/);
  // axe, over both widgets with their views drawn: no serious or critical violation.
  const results = await new AxeBuilder({ page }).include(`#${id}`).include(`#${zh}`).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.help}`);
  assert.deepEqual(serious, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('widget views="inside" on digits, in Chinese: a held-out digit\'s rows, a row read out, its 784-cell saliency', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const id = await addWidget(page, { task: 'digits', model: 'gru', hidden: '8', views: 'inside', lang: 'zh-CN' });
  await page.evaluate((id) => document.getElementById(id).step(), id);
  const w = `#${id}`;
  // The held-out digits reach the view with the dataset; number 1 is looked at by default.
  await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.rl-inside-digit-source input')?.max === '2000', id, { timeout: 30_000 });
  await page.click(`${w} .rl-inside-source button`);
  await page.waitForFunction((id) => /^基于 \d+ 次更新后的权重；/.test(document.getElementById(id).shadowRoot.querySelector('.rl-inside-status')?.textContent ?? ''), id, { timeout: 30_000 });
  assert.equal(await page.textContent(`${w} .rl-inside-content h3.subhead`), '逐行激活');
  await page.hover(`${w} .rl-inside-digit-activation .rl-inside-digit-row[data-row="4"]`);
  assert.match(await page.textContent(`${w} .rl-inside-digit-activation .rl-inside-digit-readout`) ?? '', /^第 5 行：h · /);
  const cells = await page.evaluate((id) => {
    const canvas = document.getElementById(id).shadowRoot.querySelector('.rl-inside-digit-heat');
    const data = canvas.getContext('2d').getImageData(0, 0, 28, 28).data;
    let n = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p + 3] === 255 && !(data[p] === 204 && data[p + 1] === 42 && data[p + 2] === 138)) n++;
    return n;
  }, id);
  assert.equal(cells, 784);
  assert.match(await page.textContent(`${w} .rl-unit-ranking`) ?? '', /该行的墨量/);
  assert.deepEqual(errors, []);
  await page.close();
});
