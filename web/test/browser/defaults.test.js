// A key left out takes a default that fits the rest (the schema's implied defaults): a link or a widget with
// arch=layer and no hidden trains the user's own text with 16 units; it is never swapped for the hello preset.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, pageConfig, runAction } from './harness.js';
import { widgetSuite, openSite, addWidget, widgetState, widgetMessages } from './widget-site.js';

const suite = useBrowser({ before, after });
const env = widgetSuite();

test('a link with arch=layer and no hidden restores the user\'s text, with hidden 16', async () => {
  const { page, errors } = await suite.open('task=seq&input=abcd&target=bcda&arch=layer&cell=rnn');
  const config = await pageConfig(page);
  assert.deepEqual([config.input, config.target, config.arch, config.cell, config.hidden], ['abcd', 'bcda', 'layer', 'rnn', 16]);
  assert.equal(await page.inputValue('#rl1-input'), 'abcd');
  assert.equal(await page.inputValue('#rl1-hidden'), '16');
  assert.match(await page.evaluate(() => location.hash), /input=abcd&target=bcda/, 'the link keeps the text');
  assert.equal(await page.locator('.rl-message').count(), 0, 'nothing was refused');
  await runAction(page, 'step');
  await page.waitForFunction(() => window.rnnlab.iteration === 1);
  const sizes = await page.evaluate(() => window.rnnlab.lastSnapshot.trace.layers.map((l) => [l.hiddenSize, l.inputSize]));
  assert.deepEqual(sizes, [[16, 4]], '16 units over the 4 characters a, b, c, d');
  await page.waitForFunction(() => document.querySelector('#log li:last-child')?.textContent);
  assert.match(await page.textContent('#log li:last-child'), /^Predicted string: \S{4}, Epoch \[1\] loss=\d+\.\d{4}$/,
    'a step is not a run of a set length: no made-up total');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a widget with arch="layer" and no hidden trains the user\'s text', async () => {
  const { page, errors } = await openSite(env.browser.context, `${env.server.url}blank.html`);
  const id = await addWidget(page, { input: 'abcd', target: 'bcda', arch: 'layer', epochs: '300', speed: 'max', controls: 'train readouts' });
  let state = await widgetState(page, id);
  assert.deepEqual([state.config.input, state.config.target, state.config.hidden], ['abcd', 'bcda', 16]);
  assert.deepEqual(await widgetMessages(page, id), []);
  await page.evaluate((id) => document.getElementById(id).train(), id);
  await page.waitForFunction((id) => document.getElementById(id).iteration >= 300 && !document.getElementById(id).running, id, { timeout: 60_000 });
  state = await widgetState(page, id);
  assert.ok(state.loss < 0.5, `the typed pair is learned: loss ${state.loss}`);
  const predicted = await page.evaluate((id) => document.getElementById(id).playground.lastSnapshot.prediction.predicted, id);
  assert.equal(predicted, 'bcda');
  assert.deepEqual(errors, []);
  await page.close();
});
