// The page's layout on a phone (375 px): the settings come right after the prediction, before the inspector,
// so changing RNN to LSTM is a short scroll from what it changes. On a desktop the settings stay the left column.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.js';

const suite = useBrowser({ before, after });

const tops = (page) => page.evaluate(() => {
  const top = (selector) => Math.round(document.querySelector(selector).getBoundingClientRect().top + window.scrollY);
  const left = (selector) => Math.round(document.querySelector(selector).getBoundingClientRect().left);
  return {
    prediction: top('#predictions'), cell: top('.rl-segment input[value="lstm"]'), inspector: top('.inspector'),
    settingsLeft: left('#controls'), stageLeft: left('.stage-row'), width: document.documentElement.scrollWidth,
  };
});

test('phone: task, loss and prediction, then the settings, then the inspector; nothing wider than the screen', async () => {
  const { page, errors } = await suite.open('', { viewport: { width: 375, height: 800 } });
  const at = await tops(page);
  assert.ok(at.prediction < at.cell, `the cell type (${at.cell}) comes after the prediction (${at.prediction})`);
  assert.ok(at.cell < at.inspector, `the cell type (${at.cell}) comes before the inspector (${at.inspector})`);
  assert.ok(at.width <= 375, `page width ${at.width}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('desktop: the settings are the left column beside the stage', async () => {
  const { page, errors } = await suite.open('', { viewport: { width: 1280, height: 800 } });
  const at = await tops(page);
  assert.ok(at.settingsLeft < at.stageLeft, JSON.stringify(at));
  assert.deepEqual(errors, []);
  await page.close();
});
