// 简体中文 on the page and in the widget: the language comes from the link (#lang=zh-CN), else the browser
// (navigator.language zh* -> zh-CN); the switch in the page's header changes it and writes it into the link; a
// widget takes its `lang` attribute. Everything a reader reads in Chinese is Chinese, except the names a PyTorch
// tutorial also writes in Latin letters, the numbers, and the seed's log lines, which stay as torch prints them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, waitForAttribute, launchBrowser, serveStatic } from './harness.js';
import { makeSite, serveSite, openSite, addWidget } from './widget-site.js';
import { visibleTexts, englishWords } from './visible-text.js';

const suite = useBrowser({ before, after });

// Latin-letter words the Chinese page may show: names (rnnlab, the cells, the optimizers, PyTorch, ...), the
// seed's data (hello, ohlol), Python (the export's file), the version, the language switch's "English", the math of the equation.
const ALLOWED = new Set(['rnnlab', 'RNN', 'LSTM', 'GRU', 'Adam', 'SGD', 'RMSprop', 'tanh', 'ReLU', 'relu',
  'Dropout', 'hello', 'ohlol', 'PyTorch', 'Python', 'WebAssembly', 'SIMD', 'worker', 'state', 'dict', 'JSON', 'torch',
  'MSE', 'English', 'Enter', 'float', 'wasm', 'simd', 'max', 'min', 'epoch', 'Tiny', 'Shakespeare', 'UTF']);
// The data a view shows (typed texts, predicted characters, the text task's sample and windows, the remember
// task's sequence, the tag task's symbols), the seed's log
// lines and the build's name are left out.
const DATA = '#log, .log, .rl-predicted-text, .rl-char, .rl-cell-input, #version, .rl-text-sample-body, .rl-text-data, .rl-remember-sequence, .rl-tag-symbol';

/** The texts of the page (log lines left out) that have English words in them. */
async function englishLeft(page) {
  const texts = await visibleTexts(page, { skip: DATA });
  return texts.filter(({ text }) => englishWords(text, ALLOWED).length > 0).map(({ where, text }) => `${where}: ${text}`);
}

test('#lang=zh-CN: the page is in Chinese, the numbers and the seed\'s log lines are as torch prints them', async () => {
  const { page, errors } = await suite.open('task=hello&lang=zh-CN');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.title(), 'rnnlab：看循环神经网络如何学习');
  assert.equal(await page.textContent('#loss-title'), '损失');
  assert.equal(await page.textContent('.rl-run-bar button[data-action="train"] .rl-button-text'), '训练');
  assert.match(await page.textContent('#predicted .rl-predicted-summary'), /^预测结果： [ehlo]{5} /);
  assert.equal(await page.inputValue('#lang-switch'), 'zh-CN');

  await runAction(page, 'train');
  await waitIdle(page);
  await waitForAttribute(page, '#predicted', 'data-predicted', 'ohlol');
  assert.equal(await page.textContent('#run-bar .rl-status'), '完成');
  assert.equal(await page.textContent('#predicted .rl-predicted-summary'), '预测结果： ohlol ✓ 全部正确');
  const lines = await page.locator('#log li').allTextContents();
  assert.equal(lines.length, 15);
  assert.match(lines[14], /^Predicted string: ohlol, Epoch \[15\/15\] loss=\d+\.\d{4}$/);
  // The equation of a step (one more step, so the weights shown are the ones it ran with), and the link keeps
  // the language.
  await page.click('#cells .rl-cell[data-step="1"]');
  await runAction(page, 'step');
  // The step's snapshot replaces the equation of iteration 15 (exact too) with its own.
  await page.waitForFunction(() => document.querySelector('#equation').dataset.exact === 'true'
    && /第 16 步/.test(document.querySelector('#equation .rl-eq-note')?.textContent ?? ''), null, { timeout: 10_000 }).catch(() => {});
  assert.match(await page.textContent('#equation .rl-eq-title'), /^第 t = 2 步：RNN 单元（tanh）$/);
  assert.match(await page.textContent('#equation .rl-eq-note'), /^这些是第 16 步运行时所用的权重/);
  assert.match(await page.evaluate(() => location.hash), /lang=zh-CN/);
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('#lang=zh-CN: the sine task and the text the page builds for it are Chinese too', async () => {
  const { page, errors } = await suite.open('task=sine&lang=zh-CN&epochs=20');
  await runAction(page, 'train');
  await waitIdle(page);
  await page.click('#cells .rl-cell[data-step="0"]');
  await page.waitForFunction(() => document.querySelector('#equation .rl-eq-note')?.textContent !== '');
  await page.locator('#cells canvas').first().hover();
  assert.match(await page.textContent('#sine .rl-chart-readout'), /^生成误差（与真实曲线的 MSE）：/);
  assert.match(await page.textContent('#log li:last-child'), /^Iteration \[20\/20\] loss=\d+\.\d{6}$/);
  await page.click('#controls details summary');
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('#lang=zh-CN: the remember task reads in Chinese: its picker entry and fields, the answer, the Jacobian line', async () => {
  const { page, errors } = await suite.open('task=remember&cell=gru&length=20&lang=zh-CN&epochs=30');
  await runAction(page, 'train');
  await waitIdle(page);
  await page.waitForFunction(() => document.querySelector('#grad-bars')?.dataset.jacobian);
  assert.equal(await page.textContent('#task .rl-segment:has(input[value="remember"])'), '记忆');
  assert.equal(await page.textContent('#task label[for$="-length"]'), '长度');
  assert.equal(await page.textContent('#task label[for$="-distance"]'), '倒数距离');
  assert.equal(await page.textContent('#task label[for$="-symbols"]'), '符号数');
  assert.match(await page.textContent('#task'), /普通 RNN 会忘掉久远的内容，LSTM 或 GRU 能记住它/);
  assert.match(await page.textContent('#remember .rl-remember-answer'), /^要记住第一个符号：/);
  assert.match(await page.textContent('#remember .rl-remember-held-out'), /^留出集准确率 \d+\.\d%，共 256 个序列/);
  assert.match(await page.textContent('#grad-bars .rl-legend'), /折线：‖dh_T\/dh_t‖（雅可比范数）/);
  await page.locator('#grad-bars canvas').hover();
  await page.waitForFunction(() => /第 \d+ 步：\|dL\/dh_t\|/.test(document.querySelector('#grad-bars .rl-grad-readout').textContent));
  await page.click('#cells .rl-cell[data-step="0"]');
  await page.waitForFunction(() => document.querySelector('#equation .rl-eq-note')?.textContent !== '');
  await page.click('#controls details summary');
  await page.evaluate(() => { document.querySelector('#grad-bars .rl-data-table').open = true; });
  await page.waitForTimeout(300);
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('#lang=zh-CN: the tag task reads in Chinese: its picker entry, the switch beside it, the tags and the bound', async () => {
  const { page, errors } = await suite.open('task=tag&bidirectional=true&lang=zh-CN&epochs=30');
  await runAction(page, 'train');
  await waitIdle(page);
  await page.waitForFunction(() => document.querySelector('#tag')?.dataset.sequence);
  assert.equal(await page.textContent('#task .rl-segment:has(input[value="tag"])'), '标注');
  assert.equal(await page.textContent('#task .rl-segment:has(input[value="classify"])'), '分类');
  assert.match(await page.textContent('#task'), /只有双向层能做到/);
  assert.match(await page.textContent('#tag .rl-tag-held-out'), /^留出集准确率 \d+\.\d%，按 256 个序列的全部标签计.*只看过去时，最好能达到 73\.5%。$/);
  assert.match(await page.textContent('#tag .rl-tag-score'), /^这个序列的 16 个标签中对了 \d+ 个。$/);
  await page.click('#controls details summary');
  await page.waitForTimeout(300);
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('#lang=zh-CN: the text task (唐诗三百首) reads in Chinese: the picker, the sample view, the validation line, own text', async () => {
  const { page, errors } = await suite.open('task=text&corpus=tang300&hidden=32&valEvery=3&epochs=6&lang=zh-CN');
  await runAction(page, 'train');
  await waitIdle(page);
  await page.waitForFunction(() => document.querySelector('#loss-chart')?.dataset.validation, null, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('#text-sample')?.dataset.sample, null, { timeout: 60_000 });
  assert.equal(await page.textContent('#text-sample .rl-text-sample-label strong'), '模型写道');
  assert.match(await page.textContent('#text-sample .rl-text-validation'), /^验证损失 [\d.]+ 奈特 · 每字符 [\d.]+ 比特$/);
  assert.match(await page.textContent('#loss-chart .rl-chart-readout'), /^交叉熵（奈特\/字符） [\d.]+ · 验证 [\d.]+ · 第 6 次迭代$/);
  assert.equal(await page.textContent('#loss-chart .rl-legend-validation'), '验证');
  assert.match(await page.textContent('#text-sample .rl-text-poems'), /^合乎“五字，五字。”格式的诗句：/);
  assert.equal(await page.textContent('#text-sample .rl-text-window .rl-text-window-label'), '训练窗口：');
  assert.equal(await page.getAttribute('#text-sample .rl-text-sample-body', 'lang'), 'zh-Hans');
  assert.match(await page.textContent('#log li:last-child'), /^Iteration \[6\/6\] loss=\d+\.\d{6} val=\d+\.\d{4}$/);
  assert.equal(await page.textContent('#task .rl-segment:has(input[value="text"])'), '文本');
  assert.match(await page.textContent('.rl-corpus-picker select option[value="tang300"]'), /^唐诗三百首 · 78 KB$/);
  await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
  assert.deepEqual(await englishLeft(page), []);
  // Your own text: the form, and what the page says of a text it checked (the core's refusals stay English).
  await page.selectOption('.rl-corpus-picker select', 'own');
  await page.fill('.rl-own-textarea', '床前明月光，疑是地上霜。举头望明月，低头思故乡。'.repeat(20));
  await page.click('.rl-own-text button');
  await page.waitForFunction(() => window.rnnlab.config?.corpus === 'own', null, { timeout: 30_000 });
  assert.equal(await page.textContent('.rl-own-status'), '粘贴的文本：共 480 个字符，其中不同的字符 19 个。');
  assert.deepEqual(await englishLeft(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a browser in Chinese gets the Chinese page without a lang in the link; the switch goes to English and back', async () => {
  const browser = await launchBrowser();
  const server = await serveStatic();
  try {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.equal(await page.evaluate(() => [navigator.language, document.documentElement.lang].join(' ')), 'zh-CN zh-CN');
    assert.equal(await page.textContent('#prediction-title'), '预测');
    assert.doesNotMatch(await page.evaluate(() => location.hash), /lang=/, 'a language nobody chose is not written into the link');

    await page.selectOption('#lang-switch', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en' && document.documentElement.dataset.ready === 'true');
    assert.equal(await page.textContent('#prediction-title'), 'Prediction');
    assert.equal(await page.textContent('.rl-run-bar button[data-action="train"] .rl-button-text'), 'Train');
    assert.match(await page.evaluate(() => location.hash), /lang=en/);

    await page.selectOption('#lang-switch', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.documentElement.dataset.ready === 'true');
    assert.equal(await page.textContent('#prediction-title'), '预测');
    await context.close();
  } finally {
    await server.close();
    await browser.close();
  }
});

test('widget: lang="zh-CN" draws it in Chinese (its shell says so), lang="en" in English; a change rebuilds it', async () => {
  const site = await makeSite();
  const server = await serveSite(site.root);
  try {
    const { page, errors } = await openSite(suite.browser.context, `${server.url}blank.html`);
    const zh = await addWidget(page, { task: 'hello', lang: 'zh-CN', views: 'prediction loss cells gradients equation log', controls: 'train step reset readouts settings file' });
    const en = await addWidget(page, { task: 'hello', lang: 'en', views: 'prediction' });
    const read = (id) => page.evaluate((id) => {
      const root = document.getElementById(id).shadowRoot;
      return { lang: root.querySelector('.widget').lang, train: root.querySelector('.rl-run-bar button[data-action="train"] .rl-button-text').textContent,
        title: root.querySelector('.panel.prediction .label').textContent };
    }, id);
    assert.deepEqual(await read(zh), { lang: 'zh-CN', train: '训练', title: '预测' });
    assert.deepEqual(await read(en), { lang: 'en', train: 'Train', title: 'Prediction' });
    await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('details.settings').open = true, zh);
    const left = (await visibleTexts(page, { within: `#${zh}`, skip: DATA }))
      .filter(({ text }) => englishWords(text, ALLOWED).length > 0).map(({ where, text }) => `${where}: ${text}`);
    assert.deepEqual(left, []);

    await page.evaluate((id) => document.getElementById(id).setAttribute('lang', 'en'), zh);
    await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.widget').lang === 'en' && document.getElementById(id).ready, zh);
    assert.equal((await read(zh)).train, 'Train');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
    await site.remove();
  }
});
