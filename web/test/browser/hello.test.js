// hello -> ohlol, the seed program: Train runs its 15 epochs and the predicted string becomes "ohlol"; the loss
// chart and the log in the seed's own words follow along; the keyboard does what the buttons do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, pageConfig, pageIteration, waitForAttribute } from './harness.js';

const suite = useBrowser({ before, after });

test('hello -> ohlol: Train reaches "ohlol" in the seed\'s 15 epochs (seed 0), with the loss charted and logged', async () => {
  const { page, errors } = await suite.open();
  const config = await pageConfig(page);
  // The defaults are the seed program: RNNCell(4, 4) as logits, Adam(lr=0.1), 15 epochs.
  assert.equal(config.task, 'seq');
  assert.equal(config.input, 'hello');
  assert.equal(config.target, 'ohlol');
  assert.equal(config.arch, 'cell');
  assert.equal(config.cell, 'rnn');
  assert.equal(config.optim, 'adam');
  assert.equal(config.lr, 0.1);
  assert.equal(config.seed, 0);

  await runAction(page, 'train');
  await page.waitForFunction(() => document.querySelector('#run-bar').dataset.running === 'true');
  await waitIdle(page);
  assert.equal(await pageIteration(page), 15);
  await waitForAttribute(page, '#predicted', 'data-predicted', 'ohlol');
  assert.equal(await page.locator('#predicted .rl-pos-out.rl-right').count(), 5);
  assert.equal(await page.locator('#predicted .rl-pos-out.rl-wrong').count(), 0);
  await waitForAttribute(page, '#loss-chart', 'data-points', '15');

  // One log line per epoch, in the seed's words, the last one for epoch 15 of 15.
  const lines = await page.locator('#log li').allTextContents();
  assert.equal(lines.length, 15);
  assert.match(lines[0], /^Predicted string: [ehlo]{5}, Epoch \[1\/15\] loss=\d+\.\d{4}$/);
  assert.match(lines[14], /^Predicted string: ohlol, Epoch \[15\/15\] loss=\d+\.\d{4}$/);
  const losses = lines.map((line) => Number(/loss=([\d.]+)/.exec(line)[1]));
  assert.ok(losses[14] < losses[0] * 0.5, `the loss falls: ${losses[0]} -> ${losses[14]}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard: S steps, R resets, Space trains and pauses', async () => {
  const { page, errors } = await suite.open('speed=max&epochs=0');
  await page.locator('body').press('s');
  await page.waitForFunction(() => window.rnnlab.iteration === 1);
  await page.locator('body').press('s');
  await page.waitForFunction(() => window.rnnlab.iteration === 2);
  await page.locator('body').press('r');
  await page.waitForFunction(() => window.rnnlab.iteration === 0);
  await page.locator('body').press(' ');
  await page.waitForFunction(() => window.rnnlab.iteration > 50);
  assert.equal(await page.getAttribute('#run-bar', 'data-running'), 'true');
  await page.locator('body').press(' ');
  await waitIdle(page);
  const stoppedAt = await pageIteration(page);
  await page.waitForTimeout(200);
  assert.equal(await pageIteration(page), stoppedAt, 'paused means paused');
  // Typing into a box never triggers a shortcut.
  await page.click('#rl1-lr');
  await page.keyboard.type('s');
  assert.equal(await pageIteration(page), stoppedAt);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the buttons are real buttons with visible labels and focus', async () => {
  const { page } = await suite.open();
  for (const action of ['train', 'step', 'reset']) {
    const button = page.locator(`.rl-run-bar button[data-action="${action}"]`);
    assert.equal(await button.evaluate((b) => b.tagName), 'BUTTON');
  }
  await page.focus('.rl-run-bar button[data-action="step"]');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.close();
});
