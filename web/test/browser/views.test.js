// The views are reusable by a custom element: each renders into the root it is given, also inside a shadow
// root, touches nothing outside it, and its events leave the shadow root (composed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.js';

const suite = useBrowser({ before, after });

test('views render into a root inside a shadow root and emit composed events', async () => {
  const { page, errors } = await suite.open();
  await page.click('.rl-run-bar button[data-action="step"]');
  await page.waitForFunction(() => window.rnnlab.iteration === 1 && document.querySelectorAll('#cells .rl-cell').length === 5);
  const result = await page.evaluate(async () => {
    const app = window.rnnlab;
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const roots = ['cells', 'equation', 'predicted', 'grad'].map(() => shadow.appendChild(document.createElement('div')));
    const cellsCountBefore = document.querySelectorAll('.rl-cell').length;
    const cells = new app.views.cells.constructor(roots[0]);
    const equation = new app.views.equation.constructor(roots[1]);
    const predicted = new app.predictionViews.seq.constructor(roots[2]);
    const bars = new app.views.gradBars.constructor(roots[3]);
    for (const view of [cells, equation, predicted, bars]) view.update(app.lastSnapshot);
    const selected = new Promise((resolve) => host.addEventListener('step-select', (e) => resolve(e.detail.step)));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    shadow.querySelector('.rl-cell[data-step="3"]').click();
    const step = await selected;
    equation.select(step);
    equation.setParameters((await app.client.request('parameters')).parameters, 0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    return {
      cellsInShadow: shadow.querySelectorAll('.rl-cell').length,
      cellsInDocument: document.querySelectorAll('.rl-cell').length,
      cellsCountBefore,
      step,
      equationStep: roots[1].dataset.step,
      equationExact: roots[1].dataset.exact,
      predicted: roots[2].dataset.predicted,
      bars: roots[3].dataset.values.split(',').length,
    };
  });
  assert.equal(result.cellsInShadow, 5);
  assert.equal(result.cellsInDocument, result.cellsCountBefore, 'nothing was drawn outside the shadow root');
  assert.equal(result.step, 3, 'the click inside the shadow root reached a listener outside it');
  assert.equal(result.equationStep, '3');
  assert.equal(result.equationExact, 'true', 'weights after 0 steps are the ones step 1 ran with');
  assert.equal(result.predicted.length, 5);
  assert.equal(result.bars, 5);
  assert.deepEqual(errors, []);
  await page.close();
});
