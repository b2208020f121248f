// Sine: the seed's 2-layer RNN learns to predict the next point; the loss falls below a threshold and the
// true curve, the one-step predictions and the generation are drawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, runAction, waitIdle, pageConfig, waitForAttribute } from './harness.js';

const suite = useBrowser({ before, after });

test('sine: the loss falls below 0.01 in 2000 iterations and the generation is drawn', async () => {
  const { page, errors } = await suite.open('task=sine&epochs=2000');
  const config = await pageConfig(page);
  assert.equal(config.task, 'sine');
  assert.equal(config.arch, 'layer');
  assert.equal(config.hidden, 10);
  assert.equal(config.layers, 2);
  assert.equal(config.lr, 0.005);
  assert.equal(await page.isVisible('#sine'), true);
  assert.equal(await page.isVisible('#predicted'), false);

  await runAction(page, 'train');
  await page.waitForFunction(() => window.rnnlab.iteration > 0);
  await waitIdle(page, 120_000);
  assert.equal(await page.evaluate(() => window.rnnlab.iteration), 2000);

  const losses = await page.evaluate(() => window.rnnlab.views.lossChart.losses.slice());
  assert.ok(losses.length > 1000, `the chart holds the run's losses (${losses.length})`);
  const last = losses.slice(-50).sort((a, b) => a - b);
  const median = last[25];
  assert.ok(median < 0.01, `median of the last 50 losses ${median} < 0.01`);
  assert.ok(losses[0] > 10 * median, `the loss fell: ${losses[0]} -> ${median}`);

  await waitForAttribute(page, '#sine', 'data-generation-points', '59');
  const drawn = await page.evaluate(() => window.rnnlab.predictionViews.sine.plot.data.map((series) => series.length));
  assert.deepEqual(drawn, [59, 59, 59, 59], 'x, truth, one-step and generation each have 59 points');
  const generation = await page.evaluate(() => Array.from(window.rnnlab.predictionViews.sine.plot.data[3]));
  assert.ok(generation.every(Number.isFinite));
  assert.ok(Math.max(...generation) - Math.min(...generation) > 0.5, 'the generation is a curve, not a flat line');
  assert.match(await page.textContent('#sine .rl-chart-readout'), /Generation error \(MSE against the true curve\): \d/);
  const lines = await page.locator('#log li').allTextContents();
  assert.match(lines.at(-1), /^Iteration \[2000\/2000\] loss=\d+\.\d{6}$/);
  assert.deepEqual(errors, []);
  await page.close();
});
